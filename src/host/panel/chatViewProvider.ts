import * as vscode from 'vscode';
import { conversationPieces } from '../../shared/conversationPieces';
import { parseWebviewMessage, type HostToWebview } from '../../shared/protocol';
import type { ChatController } from './chatController';
import { webviewBundle } from './l10n';
import { webviewHtml } from './webviewHtml';

export const chatViewId = 'gatewayChat.chatView';

/** Hosts the chat webview: its page, the ready handshake, and validated messages to the controller. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  /** Counts conversations posted: the batches of one shown before stop once another is posted. */
  private piecesGeneration = 0;
  private readonly pending: HostToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly controller: ChatController,
    private readonly log: vscode.LogOutputChannel,
  ) {
    controller.connect((m) => this.post(m));
  }

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
    const controllerStop = () => this.controller.stop();
    view.webview.html = webviewHtml(view.webview, this.context.extensionUri, vscode.env.language);
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
        // Nobody can answer a question in a closed view: the turn stops and a pending approval settles as rejected.
        controllerStop();
      }),
    );
  }

  /** Sends once the webview said `ready`; before that only the latest state matters, it is re-sent on ready. */
  post(message: HostToWebview): void {
    if (this.view && this.ready) {
      if (message.type === 'conversation') void this.postInPieces(this.view.webview, message);
      else void this.view.webview.postMessage(message);
    } else if (message.type === 'composer' || message.type === 'attachments') this.pending.push(message);
  }

  /**
   * A conversation goes in pieces (src/shared/conversationPieces.ts): the newest messages at once,
   * each older batch once the workbench took the one before. Posted together, the workbench's thread,
   * which the panel shares, parsed them all before the panel could paint the first.
   */
  private async postInPieces(webview: vscode.Webview, message: Extract<HostToWebview, { type: 'conversation' }>): Promise<void> {
    const generation = ++this.piecesGeneration;
    for (const piece of conversationPieces(message.conversation, message.busy)) {
      if (generation !== this.piecesGeneration || this.view?.webview !== webview) return; // another conversation is on its way
      if (!(await webview.postMessage(piece))) return;
    }
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Dropped a malformed message from the webview', JSON.stringify(raw)?.slice(0, 200) ?? String(raw));
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      const version = String(this.context.extension.packageJSON.version ?? '');
      void this.view?.webview.postMessage({ type: 'init', locale: vscode.env.language, strings: webviewBundle(), version } satisfies HostToWebview);
    }
    this.controller.handle(message).then(
      () => {
        if (message.type === 'ready') for (const m of this.pending.splice(0)) this.post(m);
      },
      (e: unknown) => this.log.error(`Handling ${message.type} failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
