import * as vscode from 'vscode';
import { ChatViewProvider, chatViewId } from './host/chatViewProvider';
import { registerCommands } from './host/commands';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Gateway Chat', { log: true });
  const view = new ChatViewProvider(context, log);
  context.subscriptions.push(
    log,
    view,
    vscode.window.registerWebviewViewProvider(chatViewId, view),
    ...registerCommands(context, view),
  );
}

export function deactivate(): void {}
