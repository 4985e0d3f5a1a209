import * as vscode from 'vscode';
import type { ChatViewProvider } from './chatViewProvider';
import { setApiKeyCommand } from './endpoints';

/** Registers every command the manifest declares. */
export function registerCommands(context: vscode.ExtensionContext, view: ChatViewProvider): vscode.Disposable[] {
  const openChat = async () => view.reveal();
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    'gatewayChat.newChat': async () => {
      await view.reveal();
      view.post({ type: 'newChat' });
    },
    'gatewayChat.setApiKey': (endpointId?: unknown) =>
      setApiKeyCommand(context.secrets, typeof endpointId === 'string' ? endpointId : undefined),
    'gatewayChat.manageEndpoints': () => vscode.commands.executeCommand('workbench.action.openSettings', 'gatewayChat.endpoints'),
    'gatewayChat.selectModel': () => vscode.commands.executeCommand('workbench.action.openSettings', 'gatewayChat.defaultModel'),
    // The selection commands, ask and export open the panel until their issues give them their own flows.
    'gatewayChat.explainSelection': openChat,
    'gatewayChat.refactorSelection': openChat,
    'gatewayChat.fixSelection': openChat,
    'gatewayChat.documentSelection': openChat,
    'gatewayChat.testSelection': openChat,
    'gatewayChat.ask': openChat,
    'gatewayChat.exportChat': openChat,
  };
  return Object.entries(handlers).map(([id, run]) => vscode.commands.registerCommand(id, run));
}
