// The name the model calls an MCP tool by: `<server>__<tool>`, within what the chat APIs accept
// (`^[a-zA-Z0-9_-]{1,64}$`), unique among the tools offered in one request.
import { createHash } from 'node:crypto';

export const MAX_TOOL_NAME = 64;
export const SEPARATOR = '__';

const clean = (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, '_');

/**
 * `server__tool`, each part with every other character made `_`. A name over 64 characters keeps
 * its start and ends in a short hash of the full name, so two long names stay apart.
 */
export function mcpToolName(server: string, tool: string): string {
  const full = `${clean(server) || 'server'}${SEPARATOR}${clean(tool) || 'tool'}`;
  if (full.length <= MAX_TOOL_NAME) return full;
  const hash = createHash('sha256').update(`${server}\u0000${tool}`).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_TOOL_NAME - hash.length - 1)}_${hash}`;
}

/** `name`, or `name_2`, `name_3`, ... (still within 64) when `taken` already has it. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) {
    const suffix = `_${i}`;
    const candidate = `${name.slice(0, MAX_TOOL_NAME - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
