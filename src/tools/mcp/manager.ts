// Every configured MCP server of this window: which run, their tools as the model's tools, and their
// state for the MCP Servers command. Servers start when a turn first wants tools, never at activation;
// one that fails or hangs only takes its own tools out of the offer.
import type { Tool } from '../types';
import { launchKey, launchSummary, type McpConfigProblem, type McpServerConfig, type McpSource } from './config';
import { McpConnection, type ConnectionOptions, type McpServerState } from './connection';
import { mcpToolName, uniqueName } from './naming';
import { mcpTool } from './mcpTool';

export type McpStatusState = McpServerState | 'disabled' | 'waiting' | 'invalid';

export interface McpServerStatus {
  name: string;
  source: McpSource;
  /** `waiting`: a workspace server the user has not allowed yet; `invalid`: its entry could not be read. */
  state: McpStatusState;
  toolCount: number;
  lastError?: string;
  /** The command line or URL. */
  summary: string;
}

export interface McpManagerOptions extends ConnectionOptions {
  /** Per call; read at each call so a changed setting applies at once. */
  callTimeoutMs(): number;
  /**
   * How long a turn waits for servers still starting (default: the start timeout). One that takes
   * longer (npx downloading it) goes on starting and its tools come with a later turn.
   */
  turnWaitMs?: number;
}

export interface McpConfiguration {
  /** Servers that may run (the user's, and the workspace's the user allowed). */
  servers: McpServerConfig[];
  /** Workspace servers waiting for the user's permission: listed, never started. */
  waiting: McpServerConfig[];
  problems: McpConfigProblem[];
}

export class McpManager {
  private readonly connections = new Map<string, McpConnection>();
  private waiting: McpServerConfig[] = [];
  private problems: McpConfigProblem[] = [];
  /** Turned off from the MCP Servers command (the host remembers them). */
  private readonly disabled = new Set<string>();
  /** The Tool objects of each running server, rebuilt only when its tool list changes. */
  private readonly toolCache = new Map<McpConnection, { from: unknown; alwaysAllow: string; tools: { info: string; tool: Tool }[] }>();

  constructor(private readonly options: McpManagerOptions) {}

  /** Takes a new configuration: changed or removed servers stop; new ones start when tools are next wanted. */
  configure(config: McpConfiguration): void {
    const next = new Map(config.servers.map((s) => [s.name, s]));
    for (const [name, connection] of this.connections) {
      const wanted = next.get(name);
      if (!wanted || launchKey(wanted) !== launchKey(connection.config) || wanted.source !== connection.config.source) {
        void connection.stop();
        this.connections.delete(name);
        this.toolCache.delete(connection);
      } else if (JSON.stringify(wanted) !== JSON.stringify(connection.config)) {
        // Only alwaysAllow or disabled changed: no restart, new Tool objects.
        connection.config = wanted;
        this.toolCache.delete(connection);
      }
    }
    for (const s of config.servers) if (!this.connections.has(s.name)) this.connections.set(s.name, new McpConnection(s, this.options));
    this.waiting = config.waiting;
    this.problems = config.problems;
  }

  /**
   * The tools of every server that should run, starting those that are not running yet (and those
   * that exited since the last turn). Waits for starts, each bounded by the start timeout.
   */
  async tools(): Promise<Tool[]> {
    const active = [...this.connections.values()].filter((c) => this.isEnabled(c.config));
    await waitAtMost(Promise.all(active.map((c) => (c.state === 'stopped' || c.state === 'starting' || (c.state === 'failed' && c.exited) ? c.start() : undefined))), this.options.turnWaitMs ?? this.options.startTimeoutMs);
    const taken = new Set<string>();
    const out: Tool[] = [];
    for (const c of active) {
      if (c.state !== 'running') continue;
      for (const { info, tool } of this.toolsOf(c)) {
        const name = uniqueName(mcpToolName(c.config.name, info), taken);
        taken.add(name);
        out.push(name === tool.name ? tool : { ...tool, name });
      }
    }
    return out;
  }

  private toolsOf(c: McpConnection): { info: string; tool: Tool }[] {
    const alwaysAllow = c.config.alwaysAllow.join('\u0000');
    const cached = this.toolCache.get(c);
    if (cached && cached.from === c.tools && cached.alwaysAllow === alwaysAllow) return cached.tools;
    const tools = c.tools.map((info) => ({ info: info.name, tool: mcpTool(c, info, mcpToolName(c.config.name, info.name), this.options.callTimeoutMs) }));
    this.toolCache.set(c, { from: c.tools, alwaysAllow, tools });
    return tools;
  }

  /** Stops and starts one server (also one that failed); resolves once it runs or failed again. */
  async restart(name: string): Promise<void> {
    const c = this.connections.get(name);
    if (!c) return;
    this.disabled.delete(name);
    await c.stop();
    this.toolCache.delete(c);
    if (this.isEnabled(c.config)) await c.start();
  }

  setDisabled(name: string, disabled: boolean): void {
    if (disabled) {
      this.disabled.add(name);
      const c = this.connections.get(name);
      if (c) void c.stop();
    } else this.disabled.delete(name);
  }

  statuses(): McpServerStatus[] {
    const running: McpServerStatus[] = [...this.connections.values()].map((c) => ({
      name: c.config.name,
      source: c.config.source,
      state: this.isEnabled(c.config) ? c.state : 'disabled',
      toolCount: c.state === 'running' ? c.tools.length : 0,
      ...(c.lastError ? { lastError: c.lastError } : {}),
      summary: launchSummary(c.config),
    }));
    const waiting = this.waiting.map((s): McpServerStatus => ({ name: s.name, source: s.source, state: 'waiting', toolCount: 0, summary: launchSummary(s) }));
    const invalid = this.problems.map((p): McpServerStatus => ({ name: p.name, source: p.source, state: 'invalid', toolCount: 0, lastError: p.message, summary: '' }));
    return [...running, ...waiting, ...invalid];
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.stop()));
    this.connections.clear();
  }

  private isEnabled(s: McpServerConfig): boolean {
    return !s.disabled && !this.disabled.has(s.name);
  }
}

async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((r) => { timer = setTimeout(r, ms); })]).finally(() => clearTimeout(timer));
}
