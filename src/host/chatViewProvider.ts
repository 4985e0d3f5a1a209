import * as vscode from 'vscode';
import { assertNever, HostToWebview, parseWebviewMessage, WebviewToHost } from '../shared/protocol';
import { webviewBundle } from './l10n';
import { webviewHtml } from './webviewHtml';

export const chatViewId = 'gatewayChat.chatView';

/** Hosts the chat webview and routes its messages; the host stays a thin router. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly pending: HostToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [
        vscode.Uri.joinPath(this.context.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.context.extensionUri, 'media'),
      ],
    };
    view.webview.html = webviewHtml(view.webview, this.context.extensionUri, vscode.env.language);
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  /** Sends to the webview once it said `ready`; earlier messages wait in order. */
  post(message: HostToWebview): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
    else this.pending.push(message);
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Dropped a malformed message from the webview', JSON.stringify(raw)?.slice(0, 200));
      return;
    }
    this.handle(message);
  }

  private handle(message: WebviewToHost): void {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const version = String(this.context.extension.packageJSON.version ?? '');
        void this.view?.webview.postMessage({ type: 'init', locale: vscode.env.language, strings: webviewBundle(), version } satisfies HostToWebview);
        for (const m of this.pending.splice(0)) void this.view?.webview.postMessage(m);
        return;
      }
      case 'openSettings':
        void vscode.commands.executeCommand('workbench.action.openSettings', 'gatewayChat');
        return;
      default:
        assertNever(message);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
