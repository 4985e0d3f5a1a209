import * as vscode from 'vscode';
import { proposalScheme } from './host/applyWithDiff';
import { ChatController } from './host/chatController';
import { ChatViewProvider, chatViewId } from './host/chatViewProvider';
import { GatewayCodeActions } from './host/codeActionProvider';
import { inspectScheme } from './host/inspector';
import { registerCommands } from './host/commands';
import { createModelStatus } from './host/statusBar';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Gateway Chat', { log: true });
  const controller = new ChatController(context, log);
  const view = new ChatViewProvider(context, controller, log);
  context.subscriptions.push(
    log,
    controller,
    view,
    vscode.window.registerWebviewViewProvider(chatViewId, view),
    vscode.workspace.registerTextDocumentContentProvider(proposalScheme, controller.proposals),
    vscode.workspace.registerTextDocumentContentProvider(inspectScheme, controller.inspector),
    createModelStatus(),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new GatewayCodeActions(), { providedCodeActionKinds: GatewayCodeActions.kinds }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gatewayChat.endpoints')) {
        void controller.postSetup();
        void controller.postModels(true);
      } else if (e.affectsConfiguration('gatewayChat.defaultModel')) void controller.postModels(false);
    }),
    ...registerCommands(context, view, controller),
  );
}

export function deactivate(): void {}
