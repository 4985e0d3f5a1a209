// The one place where the extension's objects are built and wired: stores, gateways, the turn
// planner, the chat session, the controller, the view and the commands. activate() calls it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import { CheckpointStore } from '../chat/checkpoints/checkpointStore';
import { HistoryStore } from '../chat/storage/historyStore';
import { ChatSession } from '../chat/turn/session';
import { ProposalDocuments, proposalScheme } from './editor/applyWithDiff';
import { ChatController } from './panel/chatController';
import { ChatViewProvider, chatViewId } from './panel/chatViewProvider';
import { GatewayCodeActions } from './editor/codeActionProvider';
import { registerCommands } from './commands';
import { CompatibilityMemory } from './settings/compatibilityMemory';
import { DraftStore } from './panel/draftStore';
import { Gateways } from './settings/gateways';
import { Inspector, inspectScheme } from './inspection/inspector';
import { createModelStatus } from './settings/statusBar';
import { BalanceWatch } from './settings/balanceWatch';
import { closeTabsOf, ToolApprovals } from './tools/toolApprovals';
import { TurnPlanner } from './settings/turnPlanner';
import { CheckpointRestorer } from './checkpoints/restoreCheckpoint';
import { RulesReader } from '../chat/instructions/rulesReader';
import { VsCodeWorkspacePort } from './tools/workspacePort';
import { GatewayModelProvider, lmVendor } from './lm/provider';
import { UsageTally } from '../chat/lm/usageTally';
import { ContextMemory } from './settings/contextMemory';
import { ContextMeter } from '../chat/context/contextMeter';
import { McpHost } from './mcp/mcpHost';
import { extensionTools } from './mcp/extensionTools';
import { mcpServersCommand } from './mcp/mcpServersCommand';

export function compose(context: vscode.ExtensionContext): vscode.Disposable[] {
  const log = vscode.window.createOutputChannel('Gateway Chat', { log: true });
  const gateways = new Gateways(context, log);
  const compatibility = new CompatibilityMemory(context.globalState);
  const proposals = new ProposalDocuments();
  const approvals = new ToolApprovals(proposals);
  const store = new HistoryStore(context.globalStorageUri.fsPath, storeReports(log));
  const windows = new ContextMemory(context.globalState);
  const mcp = new McpHost(context, log);
  // Per workspace (no folder open: no tools that write, and no checkpoints).
  const checkpoints = context.storageUri && new CheckpointStore(path.join(context.storageUri.fsPath, 'checkpoints'), {
    onError: (what, e) => log.warn(`Checkpoint ${what} failed: ${e instanceof Error ? e.message : String(e)}`),
  });
  const planner = new TurnPlanner(gateways, compatibility, log, new RulesReader(new VsCodeWorkspacePort()), windows, async () => [...await mcp.tools(), ...extensionTools()]);
  let controller: ChatController | undefined;
  const session = new ChatSession({
    store,
    post: (m) => controller?.sessionPost(m),
    planTurn: (model) => planner.plan(model),
    rememberFixes: (model, fixes) => compatibility.remember(model, fixes),
    rememberWindow: (model, window) => windows.remember(model, window),
    toolHost: approvals,
    ...(checkpoints ? { checkpoints } : {}),
    newId: () => randomUUID(),
    now: () => Date.now(),
  });
  const inspector = new Inspector({
    exchanges: (id) => session.exchanges.get(id),
    model: (id) => session.conversation.messages.find((x) => x.id === id)?.model,
  });
  const meter = new ContextMeter(session.context, { post: (m) => controller?.sessionPost(m), planTurn: () => planner.plan(), conversation: () => session.conversation });
  const restorer = new CheckpointRestorer({ store: checkpoints, session, port: approvals.port, proposals, log });
  const balance = new BalanceWatch(gateways);
  controller = new ChatController({ context, log, session, store, gateways, approvals, proposals, inspector, drafts: new DraftStore(context), restorer, meter, balance });
  const view = new ChatViewProvider(context, controller, log);
  const usage = new UsageTally();
  const modelStatus = createModelStatus(usage, balance);
  const models = new GatewayModelProvider({
    secrets: context.secrets, gateways, planner, compatibility, windows, log, usage, onUsage: () => modelStatus.refresh(),
  });
  // A proposal's diff left open by a reload shows nothing that can still be applied or approved.
  void closeTabsOf((uri) => uri.scheme === proposalScheme);
  return [
    log,
    mcp,
    vscode.commands.registerCommand('gatewayChat.mcpServers', () => mcpServersCommand(mcp, log)),
    controller,
    view,
    // Kept alive while hidden: showing the view again is instant (a reload of the panel took most of a
    // second) and a streaming answer goes on rendering; the cost is the panel's memory while hidden.
    vscode.window.registerWebviewViewProvider(chatViewId, view, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.workspace.registerTextDocumentContentProvider(proposalScheme, proposals),
    vscode.workspace.registerTextDocumentContentProvider(inspectScheme, inspector),
    modelStatus,
    models,
    vscode.lm.registerLanguageModelChatProvider(lmVendor, models),
    balance,
    balance.onDidChange((b) => controller.postBalance(b)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new GatewayCodeActions(), { providedCodeActionKinds: GatewayCodeActions.kinds }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gatewayChat.endpoints')) {
        void controller.postSetup();
        void controller.postModels(true);
        void balance.refresh(true);
      } else if (e.affectsConfiguration('gatewayChat.defaultModel')) {
        void controller.postModels(false);
        void balance.refresh();
      }
    }),
    ...registerCommands({ context, view, controller, proposals, compatibility }),
  ];
}

/** A failing disk fails on every save while an answer streams: the user is told once a minute, not once per token. */
function storeReports(log: vscode.LogOutputChannel) {
  let warnedAt = 0;
  const warnOnce = (message: string) => {
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    void vscode.window.showWarningMessage(message);
  };
  return {
    onCorrupt: (file: string) => {
      log.error(`A conversation file could not be read and was set aside as ${file}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('A saved conversation could not be read. It was set aside (not deleted) as {0}.', file));
    },
    onWriteError: (id: string, error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      log.error(`Conversation ${id} could not be saved: ${reason}`);
      warnOnce(vscode.l10n.t('The conversation could not be saved: {0}', reason));
    },
  };
}
