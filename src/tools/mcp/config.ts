// MCP server entries from the two places they may come from: the user's `gatewayChat.mcpServers`
// and a trusted workspace's `.vscode/mcp.json` (the shape of VS Code's own `servers` entries). Only
// the user's entries may pre-approve tools (`alwaysAllow`): a cloned repository cannot loosen approvals.
import { createHash } from 'node:crypto';
import type { ParseError } from 'jsonc-parser';

export type McpSource = 'user' | 'workspace';

export type McpTransportConfig =
  | { type: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { type: 'http' | 'sse'; url: string; headers: Record<string, string> };

export interface McpServerConfig {
  /** The key in `servers`; the prefix of its tools' names. */
  name: string;
  source: McpSource;
  transport: McpTransportConfig;
  /** Tools that run without asking (user settings only; always empty for a workspace server). */
  alwaysAllow: string[];
  disabled: boolean;
}

/** An entry that could not be taken, with why (shown by the MCP Servers command and logged). */
export interface McpConfigProblem {
  name: string;
  source: McpSource;
  message: string;
}

export interface ParsedServers {
  servers: McpServerConfig[];
  problems: McpConfigProblem[];
}

/** What `${...}` in a workspace entry may name. `${input:...}` prompts are VS Code's own and are refused. */
export interface Substitutions {
  workspaceFolder?: string;
  userHome?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/** `gatewayChat.mcpServers`: `{ name: entry }` as the user wrote it. */
export function parseUserServers(value: unknown): ParsedServers {
  return parseEntries(value, 'user', {});
}

/** `.vscode/mcp.json` (JSONC): `{ "servers": { name: entry }, "inputs": [...] }`. */
export function parseWorkspaceMcpJson(text: string, subs: Substitutions): ParsedServers {
  const errors: ParseError[] = [];
  // jsonc-parser is small but only needed here; required on first use like the other libraries.
  const jsonc = require('jsonc-parser') as typeof import('jsonc-parser');
  const doc = jsonc.parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !isObject(doc)) {
    const where = errors.length ? ` (${jsonc.printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})` : '';
    return { servers: [], problems: [{ name: '.vscode/mcp.json', source: 'workspace', message: `not valid JSON${where}` }] };
  }
  return parseEntries(doc.servers ?? {}, 'workspace', subs);
}

function parseEntries(value: unknown, source: McpSource, subs: Substitutions): ParsedServers {
  const out: ParsedServers = { servers: [], problems: [] };
  if (value === undefined || value === null) return out;
  if (!isObject(value)) {
    out.problems.push({ name: source === 'user' ? 'gatewayChat.mcpServers' : 'servers', source, message: 'must be an object of named servers' });
    return out;
  }
  for (const [name, entry] of Object.entries(value)) {
    try {
      out.servers.push(parseEntry(name, entry, source, subs));
    } catch (e) {
      out.problems.push({ name, source, message: (e as Error).message });
    }
  }
  return out;
}

function parseEntry(name: string, entry: unknown, source: McpSource, subs: Substitutions): McpServerConfig {
  if (!name.trim()) throw new Error('a server needs a name');
  if (!isObject(entry)) throw new Error('must be an object');
  const sub = (s: string) => (source === 'workspace' ? substitute(s, subs) : s);
  const type = entry.type ?? (typeof entry.command === 'string' ? 'stdio' : typeof entry.url === 'string' ? 'http' : undefined);
  let transport: McpTransportConfig;
  if (type === 'stdio') {
    if (typeof entry.command !== 'string' || !entry.command.trim()) throw new Error('"command" must be a non-empty string');
    transport = {
      type: 'stdio',
      command: sub(entry.command),
      args: stringList(entry.args, 'args').map(sub),
      env: mapValues(stringMap(entry.env, 'env'), sub),
      ...(entry.cwd !== undefined ? { cwd: sub(string(entry.cwd, 'cwd')) } : {}),
    };
  } else if (type === 'http' || type === 'sse') {
    const url = sub(string(entry.url, 'url'));
    if (!/^https?:\/\//i.test(url)) throw new Error('"url" must start with http:// or https://');
    try {
      new URL(url);
    } catch {
      throw new Error(`"url" is not a valid URL: ${url}`);
    }
    transport = { type, url, headers: mapValues(stringMap(entry.headers, 'headers'), sub) };
  } else {
    throw new Error(type === undefined ? 'needs "command" (a local server) or "url" (a remote one)' : `unknown "type" ${JSON.stringify(type)} (stdio, http or sse)`);
  }
  const disabled = entry.disabled === true || entry.enabled === false;
  // A workspace cannot pre-approve its own tools.
  const alwaysAllow = source === 'user' ? stringList(entry.alwaysAllow, 'alwaysAllow') : [];
  return { name, source, transport, alwaysAllow, disabled };
}

/**
 * What the user allows when a workspace server asks to start: the exact command line with its
 * arguments, environment and folder (or the URL and headers). Any change makes a new key, so it asks again.
 */
export function launchKey(server: McpServerConfig): string {
  const t = server.transport;
  const what = t.type === 'stdio'
    ? ['stdio', server.name, t.command, t.args, sortedEntries(t.env), t.cwd ?? null]
    : [t.type, server.name, t.url, sortedEntries(t.headers)];
  return createHash('sha256').update(JSON.stringify(what)).digest('hex');
}

/** One line for the user: the command line (quoted where needed) or the URL. */
export function launchSummary(server: McpServerConfig): string {
  const t = server.transport;
  if (t.type !== 'stdio') return t.url;
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`);
  const env = Object.keys(t.env).length ? `${Object.entries(t.env).map(([k, v]) => `${k}=${quote(v)}`).join(' ')} ` : '';
  return `${env}${[t.command, ...t.args].map(quote).join(' ')}`;
}

function substitute(s: string, subs: Substitutions): string {
  return s.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name === 'workspaceFolder' && subs.workspaceFolder !== undefined) return subs.workspaceFolder;
    if (name === 'userHome' && subs.userHome !== undefined) return subs.userHome;
    if (name.startsWith('env:')) return subs.env?.[name.slice(4)] ?? '';
    if (name.startsWith('input:')) throw new Error(`uses ${whole}: prompted inputs are not supported; put the value in your user settings (gatewayChat.mcpServers) instead`);
    throw new Error(`uses ${whole}, which is not supported (\${workspaceFolder}, \${userHome} and \${env:NAME} are)`);
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function string(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new Error(`"${field}" must be a string`);
  return v;
}

function stringList(v: unknown, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`"${field}" must be a list of strings`);
  return [...v] as string[];
}

function stringMap(v: unknown, field: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new Error(`"${field}" must be an object of strings`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    // VS Code's mcp.json allows numbers and null in env; null means "unset", which we leave out.
    if (x === null) continue;
    if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') throw new Error(`"${field}.${k}" must be a string`);
    out[k] = String(x);
  }
  return out;
}

const mapValues = (o: Record<string, string>, f: (s: string) => string) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
const sortedEntries = (o: Record<string, string>) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
