// One MCP server: started through the official SDK (stdio, or Streamable HTTP with the old SSE
// transport as fallback), its tool list, its calls with a deadline and Stop, and what went wrong.
// Whatever the server does (never starts, exits, hangs, answers garbage) ends as a state and an
// error message here, never as a promise that does not settle.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JsonSchema } from '../types';
import type { McpServerConfig } from './config';
import type { McpCallResult } from './results';
import { loadMcpSdk } from './sdk';

export type McpServerState = 'stopped' | 'starting' | 'running' | 'failed';

export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export interface ConnectionOptions {
  /** A line the server wrote to stderr, or a note about it (for the log). */
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Connecting and listing tools must finish within this (npx may download the server first). */
  startTimeoutMs: number;
  clientVersion: string;
}

/** Lines of stderr kept to explain a failure. */
const STDERR_TAIL = 5;

export class McpConnection {
  state: McpServerState = 'stopped';
  lastError: string | undefined;
  tools: McpToolInfo[] = [];
  /** It ran and then went away (crashed or closed): the next turn may start it again. */
  exited = false;
  private client: Client | undefined;
  private starting: Promise<void> | undefined;
  private stderrTail: string[] = [];
  /** Bumped on each start and stop, so events of an old process do not touch the new one. */
  private generation = 0;

  constructor(public config: McpServerConfig, private readonly options: ConnectionOptions) {}

  /** Starts the server unless it runs or is starting; settles once it runs or has failed. */
  start(): Promise<void> {
    if (this.state === 'running') return Promise.resolve();
    return (this.starting ??= this.doStart().finally(() => (this.starting = undefined)));
  }

  private async doStart(): Promise<void> {
    const generation = ++this.generation;
    this.state = 'starting';
    this.lastError = undefined;
    this.exited = false;
    this.stderrTail = [];
    try {
      const client = await withTimeout(this.connect(generation), this.options.startTimeoutMs, `did not start within ${seconds(this.options.startTimeoutMs)}`);
      if (generation !== this.generation) {
        await client.close().catch(() => undefined);
        return;
      }
      this.client = client;
      this.tools = await withTimeout(listAllTools(client, (m) => this.options.log('warn', `${this.config.name}: ${m}`)), this.options.startTimeoutMs, 'did not list its tools in time');
      this.state = 'running';
      this.options.log('info', `MCP server "${this.config.name}" started with ${this.tools.length} tool(s).`);
    } catch (e) {
      if (generation !== this.generation) return;
      this.fail(`could not start: ${errorText(e)}${this.stderrHint()}`);
      await this.closeClient();
    }
  }

  private async connect(generation: number): Promise<Client> {
    const sdk = loadMcpSdk();
    const t = this.config.transport;
    const newClient = () => {
      const client = new sdk.Client({ name: 'gateway-chat', version: this.options.clientVersion }, { capabilities: {} });
      client.onclose = () => this.onClosed(generation);
      client.onerror = (e) => this.options.log('warn', `MCP server "${this.config.name}": ${errorText(e)}`);
      // Held from the start, so a start that times out can still close what it began.
      this.client = client;
      return client;
    };
    if (t.type === 'stdio') {
      const transport = new sdk.StdioClientTransport({ command: t.command, args: t.args, env: { ...defaultEnv(), ...t.env }, ...(t.cwd ? { cwd: t.cwd } : {}), stderr: 'pipe' });
      this.watchStderr(transport.stderr, generation);
      const client = newClient();
      await client.connect(transport);
      return client;
    }
    const url = new URL(t.url);
    const requestInit = { headers: t.headers };
    if (t.type === 'sse') return this.connectWith(newClient(), new sdk.SSEClientTransport(url, { requestInit }));
    try {
      return await this.connectWith(newClient(), new sdk.StreamableHTTPClientTransport(url, { requestInit }));
    } catch (e) {
      // Servers written before Streamable HTTP (protocol 2024-11-05) speak only the SSE transport.
      this.options.log('info', `MCP server "${this.config.name}": Streamable HTTP failed (${errorText(e)}); trying the SSE transport.`);
      return this.connectWith(newClient(), new sdk.SSEClientTransport(url, { requestInit }));
    }
  }

  private async connectWith(client: Client, transport: Transport): Promise<Client> {
    try {
      await client.connect(transport);
      return client;
    } catch (e) {
      await client.close().catch(() => undefined);
      throw e;
    }
  }

  /**
   * Calls one tool. The deadline and Stop both cancel the request on the server
   * (`notifications/cancelled`, sent by the SDK), and the promise rejects with a readable reason.
   */
  async callTool(name: string, args: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number }): Promise<McpCallResult> {
    if (this.state !== 'running' || !this.client) throw new Error(`the server is not running${this.lastError ? ` (${this.lastError})` : ''}`);
    try {
      return await this.client.callTool({ name, arguments: args }, undefined, { signal: options.signal, timeout: options.timeoutMs }) as McpCallResult;
    } catch (e) {
      if (options.signal.aborted) throw new Error('stopped by the user; the server was asked to cancel the call');
      const code = (e as { code?: unknown }).code;
      if (code === -32001) throw new Error(`no answer within ${seconds(options.timeoutMs)} (gatewayChat.mcp.callTimeoutSeconds); the server was asked to cancel the call`);
      if (code === -32000 || this.state !== 'running') throw new Error(`the server stopped while the tool ran${this.lastError ? ` (${this.lastError})` : ''}`);
      throw new Error(errorText(e));
    }
  }

  async stop(): Promise<void> {
    this.generation++;
    this.starting = undefined;
    await this.closeClient();
    this.state = 'stopped';
    this.tools = [];
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.close().catch(() => undefined);
  }

  private onClosed(generation: number): void {
    if (generation !== this.generation || this.state !== 'running') return;
    this.exited = true;
    this.fail(`the server exited${this.stderrHint()}`);
    this.client = undefined;
  }

  private fail(message: string): void {
    this.state = 'failed';
    this.lastError = message;
    this.tools = [];
    this.options.log('error', `MCP server "${this.config.name}" ${message}`);
  }

  private watchStderr(stream: NodeJS.ReadableStream | null | unknown, generation: number): void {
    const readable = stream as NodeJS.ReadableStream | null;
    if (!readable || typeof readable.on !== 'function') return;
    let partial = '';
    readable.on('data', (chunk: Buffer | string) => {
      const lines = (partial + chunk.toString()).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) this.stderrLine(line, generation);
    });
    readable.on('end', () => partial && this.stderrLine(partial, generation));
  }

  private stderrLine(line: string, generation: number): void {
    if (!line.trim()) return;
    this.options.log('info', `[${this.config.name}] ${line.slice(0, 2000)}`);
    if (generation !== this.generation) return;
    this.stderrTail.push(line.slice(0, 300));
    if (this.stderrTail.length > STDERR_TAIL) this.stderrTail.shift();
  }

  private stderrHint(): string {
    const last = this.stderrTail.at(-1);
    return last ? `; its last output: ${last}` : '';
  }
}

/** Every page of `tools/list`; a tool without a usable name or schema is left out and said. */
async function listAllTools(client: Client, warn: (m: string) => void): Promise<McpToolInfo[]> {
  const out: McpToolInfo[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await client.listTools(cursor ? { cursor } : {});
    for (const t of res.tools ?? []) {
      const schema = t.inputSchema as unknown;
      if (typeof t.name !== 'string' || !t.name || typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
        warn(`a tool without a usable name or input schema was left out (${JSON.stringify(t.name ?? null)})`);
        continue;
      }
      out.push({ name: t.name, description: typeof t.description === 'string' ? t.description : '', inputSchema: schema as JsonSchema });
    }
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/**
 * The environment a local server gets besides its own `env`: what finding and running a program
 * needs (PATH, HOME, ...), not the editor's whole environment, which may hold keys.
 */
function defaultEnv(): Record<string, string> {
  const names = process.platform === 'win32'
    ? ['APPDATA', 'HOMEDRIVE', 'HOMEPATH', 'LOCALAPPDATA', 'PATH', 'PATHEXT', 'PROCESSOR_ARCHITECTURE', 'SYSTEMDRIVE', 'SYSTEMROOT', 'TEMP', 'USERNAME', 'USERPROFILE', 'ProgramFiles']
    : ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER', 'LANG', 'TMPDIR'];
  const env: Record<string, string> = {};
  for (const n of names) {
    const v = process.env[n];
    if (v !== undefined && !v.startsWith('()')) env[n] = v;
  }
  return env;
}

export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  // No markup or stack in the panel: one line, bounded.
  return (text || 'unknown error').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 500);
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); }),
  ]).finally(() => clearTimeout(timer));
}
