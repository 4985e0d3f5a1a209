// The MCP servers of this window, as VS Code sees them: the user's `gatewayChat.mcpServers`, and in a
// trusted workspace its `.vscode/mcp.json`, whose servers start only once the user allowed that exact
// command line (remembered per workspace by a hash of it; a changed line asks again). Read again on
// every turn that offers tools, so an edit to either applies to the next send; nothing starts before.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Tool } from '../../tools';
import { launchKey, launchSummary, McpManager, resolveServers, type McpConfiguration, type McpServerConfig, type McpServerStatus, type ServerSources } from '../../tools/mcp';
import { userSetting } from '../settings/userSettings';

const ALLOWED_KEY = 'gatewayChat.mcp.allowedLaunches';
const DISABLED_KEY = 'gatewayChat.mcp.disabled';
const DEFAULT_CALL_TIMEOUT_S = 60;

export class McpHost implements vscode.Disposable {
  private manager: McpManager | undefined;
  /** Workspace servers already asked about in this window: one question per command line, not per send. */
  private readonly asked = new Set<string>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {}

  /** The tools of every server that may run, starting them as needed; asks about new workspace servers. */
  async tools(): Promise<Tool[]> {
    const config = await this.readConfiguration();
    if (!config.servers.length && !config.waiting.length && !this.manager) return [];
    const manager = this.managerFor(config);
    for (const s of config.waiting) void this.askToAllow(s);
    return manager.tools();
  }

  /** Every configured server and its state; reading the configuration starts nothing. */
  async statuses(): Promise<McpServerStatus[]> {
    return this.managerFor(await this.readConfiguration()).statuses();
  }

  /** Allows a workspace server's exact launch for this workspace; it starts with the next turn. */
  async allow(server: McpServerConfig): Promise<void> {
    const allowed = new Set(this.context.workspaceState.get<string[]>(ALLOWED_KEY, []));
    allowed.add(launchKey(server));
    await this.context.workspaceState.update(ALLOWED_KEY, [...allowed]);
    this.log.info(`MCP server "${server.name}" from .vscode/mcp.json allowed: ${launchSummary(server)}`);
    this.managerFor(await this.readConfiguration());
  }

  async restart(name: string): Promise<void> {
    await this.setDisabled(name, false);
    await this.managerFor(await this.readConfiguration()).restart(name);
  }

  async setDisabled(name: string, disabled: boolean): Promise<void> {
    const names = new Set(this.context.workspaceState.get<string[]>(DISABLED_KEY, []));
    if (disabled) names.add(name);
    else names.delete(name);
    await this.context.workspaceState.update(DISABLED_KEY, [...names]);
    this.manager?.setDisabled(name, disabled);
  }

  /** A waiting workspace server by name (for the MCP Servers command). */
  async waitingServer(name: string): Promise<McpServerConfig | undefined> {
    return (await this.readConfiguration()).waiting.find((s) => s.name === name);
  }

  dispose(): void {
    void this.manager?.dispose();
  }

  private managerFor(config: McpConfiguration): McpManager {
    if (!this.manager) {
      this.manager = new McpManager({
        log: (level, message) => this.log[level](message),
        // npx may download a server on its first start; a turn waits 20 s and goes on without it.
        startTimeoutMs: 120_000,
        turnWaitMs: 20_000,
        clientVersion: String(this.context.extension.packageJSON.version ?? '0'),
        callTimeoutMs: () => callTimeoutMs(),
      });
      for (const name of this.context.workspaceState.get<string[]>(DISABLED_KEY, [])) this.manager.setDisabled(name, true);
    }
    this.manager.configure(config);
    return this.manager;
  }

  private async readConfiguration(): Promise<McpConfiguration> {
    const trusted = vscode.workspace.isTrusted;
    const workspaceFiles: ServerSources['workspaceFiles'] = [];
    // Restricted Mode: a workspace's servers are not even read.
    for (const folder of trusted ? vscode.workspace.workspaceFolders ?? [] : []) {
      if (folder.uri.scheme !== 'file') continue;
      const text = await readText(vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json'));
      if (text !== undefined) workspaceFiles.push({ text, substitutions: { workspaceFolder: folder.uri.fsPath, userHome: os.homedir(), env: process.env } });
    }
    return resolveServers({
      user: userSetting<unknown>('mcpServers'), workspaceFiles, trusted,
      allowed: new Set(this.context.workspaceState.get<string[]>(ALLOWED_KEY, [])),
    });
  }

  /** One question per exact command line per window; the turn does not wait for the answer. */
  private async askToAllow(server: McpServerConfig): Promise<void> {
    const key = launchKey(server);
    if (this.asked.has(key)) return;
    this.asked.add(key);
    const allow = vscode.l10n.t('Allow and Start');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('This workspace\'s .vscode/mcp.json wants to start the MCP server "{0}": {1}. It runs with your permissions. Allow it?', server.name, launchSummary(server)),
      allow, vscode.l10n.t('Not Now'));
    if (answer === allow) await this.allow(server);
  }
}

/** gatewayChat.mcp.callTimeoutSeconds (the user's value) within 1 s .. 1 h. */
export function callTimeoutMs(): number {
  const s = Number(userSetting<number>('mcp.callTimeoutSeconds') ?? DEFAULT_CALL_TIMEOUT_S);
  return Math.round(Math.min(3600, Math.max(1, Number.isFinite(s) ? s : DEFAULT_CALL_TIMEOUT_S)) * 1000);
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
