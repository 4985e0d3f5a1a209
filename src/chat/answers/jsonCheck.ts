// Checks a finished JSON answer against the schema the request asked for, so the panel can show
// where the model broke it. Runs here, not in the panel: ajv generates code, which the webview's
// CSP forbids.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseJsonAnswer } from '../../shared/jsonAnswer';
import type { MessageRecord } from '../../shared/conversation';

export interface JsonCheck {
  valid: boolean;
  /** `path: message`, the path in JSONPath form (`$.items[0].name`). */
  errors: string[];
}

const MAX_ERRORS = 20;
const compiled = new Map<string, ValidateFunction>();

/**
 * The schema's validator; throws (with ajv's reason) when the schema is not one. Each schema gets its
 * own ajv instance: two schemas may reuse an `$id`, which one instance refuses.
 */
export function compileJsonSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  const known = compiled.get(key);
  if (known) return known;
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  // Formats need ajv-formats, which we do not ship; they are annotations here, as the spec allows.
  const options = { allErrors: true, strict: false, validateFormats: false, logger: false as const };
  // ajv loads on first use: at load it cost the extension's activation tens of ms (bench/).
  const ajv = draft.includes('2020-12') ? new (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default(options)
    : draft.includes('2019-09') ? new (require('ajv/dist/2019') as typeof import('ajv/dist/2019')).default(options)
      : new (require('ajv') as typeof import('ajv')).default(options);
  const validate = ajv.compile(schema);
  if (compiled.size >= 32) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, validate);
  return validate;
}

/** Undefined when the text is not JSON at all: the panel says so itself. */
export function checkJsonAnswer(text: string, schema: Record<string, unknown>): JsonCheck | undefined {
  const parsed = parseJsonAnswer(text);
  if (!parsed.ok) return undefined;
  let validate: ValidateFunction;
  try {
    validate = compileJsonSchema(schema);
  } catch (e) {
    return { valid: false, errors: [`schema: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (validate(parsed.value)) return { valid: true, errors: [] };
  const errors = [...new Set((validate.errors ?? []).map(describe))];
  return { valid: false, errors: errors.slice(0, MAX_ERRORS) };
}

/** A settled answer to a schema request gets its check; anything else (a tool step included) carries none. */
export function recordJsonCheck(m: MessageRecord): void {
  const check = m.json?.mode === 'schema' && m.status === 'complete' && !m.toolCalls?.length && m.content.trim()
    ? checkJsonAnswer(m.content, m.json.schema)
    : undefined;
  if (check) m.jsonCheck = check;
  else delete m.jsonCheck;
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') message += ` ("${String(params.additionalProperty)}")`;
  if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) message += `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${jsonPath(e.instancePath)}: ${message}`;
}

/** `/items/0/first name` -> `$.items[0]["first name"]`. */
function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  return '$' + pointer.slice(1).split('/').map((raw) => {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) return `[${part}]`;
    return /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }).join('');
}
