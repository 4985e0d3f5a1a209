// Argument checking with ajv, before anything runs. Each schema is compiled once per registry.
import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema } from './types';

export type Validator = (args: unknown) => { ok: true } | { ok: false; message: string };

// One instance for all tools: compiling is the expensive part, and every schema is compiled once.
// Made (and ajv loaded) on first use: at load it cost the extension's activation tens of ms (bench/).
let shared: Ajv | undefined;
const ajv = (): Ajv => (shared ??= new (require('ajv') as typeof import('ajv')).default({ allErrors: true, strict: false, logger: false }));

export function compileValidator(schema: JsonSchema): Validator {
  const validate: ValidateFunction = ajv().compile(schema);
  return (args) => (validate(args) ? { ok: true } : { ok: false, message: describeErrors(validate.errors ?? []) });
}

/** `path: must be string; unexpected argument "approve"`, for the model to fix its call. */
export function describeErrors(errors: readonly ErrorObject[]): string {
  const parts = errors.map((e) => {
    const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'arguments';
    switch (e.keyword) {
      case 'required': return `missing required argument "${(e.params as { missingProperty: string }).missingProperty}"${e.instancePath ? ` in ${at}` : ''}`;
      case 'additionalProperties': return `unexpected argument "${(e.params as { additionalProperty: string }).additionalProperty}"${e.instancePath ? ` in ${at}` : ''}`;
      default: return `${at} ${e.message ?? 'is invalid'}`;
    }
  });
  return [...new Set(parts)].join('; ');
}

/**
 * Whether `value` nests arrays and objects deeper than `max`. Iterative: the arguments come from the
 * model, and 10,000 levels make structuredClone, ajv and JSON.stringify overflow the stack.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
