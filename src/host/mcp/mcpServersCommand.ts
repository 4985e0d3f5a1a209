// Gateway Chat: MCP Servers — every server with its state, tool count and last error; pick one to
// restart, turn off or on, allow (a workspace server), or see its output in the log.
import * as vscode from 'vscode';
import type { McpServerStatus, McpStatusState } from '../../tools/mcp';
import type { McpHost } from './mcpHost';

export async function mcpServersCommand(host: McpHost, log: vscode.LogOutputChannel): Promise<void> {
  const statuses = await host.statuses();
  if (!statuses.length) {
    const open = vscode.l10n.t('Open Settings');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('No MCP servers are configured. Add them to gatewayChat.mcpServers in your user settings, or to .vscode/mcp.json in a trusted workspace; they start with the next message that can use tools.'), open);
    if (answer === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'gatewayChat.mcpServers');
    return;
  }
  const picked = await vscode.window.showQuickPick(statuses.map((s) => ({
    label: `${icon(s.state)} ${s.name}`,
    description: `${stateText(s.state)} · ${vscode.l10n.t('{0} tools', s.toolCount)} · ${s.source === 'user' ? vscode.l10n.t('user settings') : '.vscode/mcp.json'}`,
    detail: s.lastError ?? s.summary,
    status: s,
  })), { title: vscode.l10n.t('MCP Servers'), placeHolder: vscode.l10n.t('Pick a server to restart, turn off or allow it') });
  if (!picked) return;
  await serverActions(host, log, picked.status);
}

async function serverActions(host: McpHost, log: vscode.LogOutputChannel, s: McpServerStatus): Promise<void> {
  type Action = vscode.QuickPickItem & { run(): Promise<void> | void };
  const actions: Action[] = [];
  if (s.state === 'waiting') {
    actions.push({ label: vscode.l10n.t('Allow and Start'), detail: s.summary, run: async () => {
      const server = await host.waitingServer(s.name);
      if (server) await host.allow(server);
    } });
  } else if (s.state !== 'invalid') {
    actions.push({ label: vscode.l10n.t('Restart'), run: () => host.restart(s.name) });
    if (s.state === 'disabled') actions.push({ label: vscode.l10n.t('Turn On'), run: () => host.restart(s.name) });
    else actions.push({ label: vscode.l10n.t('Turn Off (for this workspace)'), run: () => host.setDisabled(s.name, true) });
  }
  actions.push({ label: vscode.l10n.t('Show Log'), run: () => log.show() });
  const action = await vscode.window.showQuickPick(actions, { title: s.name });
  await action?.run();
}

function icon(state: McpStatusState): string {
  return { running: '$(pass)', starting: '$(loading~spin)', stopped: '$(circle-outline)', failed: '$(error)', disabled: '$(circle-slash)', waiting: '$(shield)', invalid: '$(warning)' }[state];
}

function stateText(state: McpStatusState): string {
  return {
    running: vscode.l10n.t('running'),
    starting: vscode.l10n.t('starting'),
    stopped: vscode.l10n.t('not started'),
    failed: vscode.l10n.t('failed'),
    disabled: vscode.l10n.t('turned off'),
    waiting: vscode.l10n.t('waiting for your permission'),
    invalid: vscode.l10n.t('invalid entry'),
  }[state];
}
