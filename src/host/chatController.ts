// Routes panel messages to the chat session, the gateways and the editor. A thin router: the logic
// lives in src/chat (conversation, turns, history) and in the small host modules it calls.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { HistoryStore } from '../chat/historyStore';
import { ChatSession } from '../chat/session';
import type { ErrorInfo } from '../shared/conversation';
import { errorDetail, errorHeadline } from '../shared/errorText';
import { assertNever, type HostToWebview, type WebviewToHost } from '../shared/protocol';
import { applyWithDiff, ProposalDocuments } from './applyWithDiff';
import { attachWorkspacePath, pickFiles, pickImages, resolveWorkspaceFile, searchFiles, selectionAttachment } from './attachments';
import { copyText, insertAtCursor, openLink, saveAsFile } from './codeBlockActions';
import { saveEndpoint } from './endpointSettings';
import { setApiKeyCommand } from './endpoints';
import { DraftStore } from './draftStore';
import { Gateways } from './gateways';
import { ToolApprovals } from './toolApprovals';
import { optionsFromPanel } from '../chat/panelOptions';
import { saveImage } from './saveImage';
import { pickSchema } from './schemaPicker';
import { modelSettingsView, saveModelSettings } from './modelSettingsEditor';
import { modelSettings, toolOffer } from './toolSettings';
import { CompatibilityMemory } from './compatibilityMemory';
import { Inspector } from './inspector';

const lastConversationKey = 'gatewayChat.lastConversation';

export class ChatController implements vscode.Disposable {
  readonly session: ChatSession;
  readonly store: HistoryStore;
  readonly gateways: Gateways;
  readonly proposals = new ProposalDocuments();
  readonly approvals: ToolApprovals;
  readonly compatibility: CompatibilityMemory;
  readonly inspector: Inspector;
  private readonly drafts: DraftStore;
  private post: (m: HostToWebview) => void = () => undefined;
  private restored = false;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.gateways = new Gateways(context, log);
    this.drafts = new DraftStore(context);
    this.store = new HistoryStore(context.globalStorageUri.fsPath, {
      onCorrupt: (file) => {
        log.error(`A conversation file could not be read and was set aside as ${file}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('A saved conversation could not be read. It was set aside (not deleted) as {0}.', file));
      },
      onWriteError: (id, error) => {
        log.error(`Conversation ${id} could not be saved: ${error instanceof Error ? error.message : String(error)}`);
        this.warnOnce(vscode.l10n.t('The conversation could not be saved: {0}', error instanceof Error ? error.message : String(error)));
      },
    });
    this.approvals = new ToolApprovals((m) => this.post(m), this.proposals);
    this.compatibility = new CompatibilityMemory(context.globalState);
    this.session = new ChatSession({
      store: this.store,
      post: (m) => this.onSessionPost(m),
      resolveModel: (model) => this.gateways.resolveModel(model),
      currentModel: () => currentModel(),
      titleWithModel: () => vscode.workspace.getConfiguration('gatewayChat').get<boolean>('titleWithModel') === true,
      newId: () => randomUUID(),
      modelSettings: (model) => modelSettings(model),
      compatibility: this.compatibility,
      adaptationNotice: (a) => ({
        images: vscode.l10n.t('Images were not sent: vision is turned off for this model in its settings.'),
        reasoning: vscode.l10n.t('Reasoning parameters were not sent: reasoning is turned off for this model in its settings.'),
        json: vscode.l10n.t('This model has JSON mode turned off in its settings: JSON was asked for in words instead.'),
      })[a],
      tools: {
        host: this.approvals,
        definitions: (model) => toolOffer(model),
        maxSteps: () => Math.max(1, vscode.workspace.getConfiguration('gatewayChat.tools').get<number>('maxSteps') ?? 10),
      },
      now: () => Date.now(),
    });
    this.inspector = new Inspector({
      exchanges: (id) => this.session.exchanges.get(id),
      model: (id) => this.session.conversation.messages.find((x) => x.id === id)?.model,
    });
  }

  private warnedAt = 0;

  /** A failing disk fails on every save while an answer streams: tell the user, not once per token. */
  private warnOnce(message: string): void {
    if (Date.now() - this.warnedAt < 60_000) return;
    this.warnedAt = Date.now();
    void vscode.window.showWarningMessage(message);
  }

  connect(post: (m: HostToWebview) => void): void {
    this.post = post;
  }

  describe = (e: unknown): string => {
    const info: ErrorInfo = typeof e === 'object' && e && 'kind' in e ? (e as ErrorInfo) : { kind: 'network', message: String(e) };
    return [errorHeadline(info, vscode.l10n.t), errorDetail(info)].filter(Boolean).join(' ');
  };

  /** The panel (re)opened: give it everything it shows. */
  async onReady(): Promise<void> {
    if (!this.restored) {
      this.restored = true;
      const last = this.context.workspaceState.get<string>(lastConversationKey);
      if (last && !(await this.session.open(last))) this.session.show();
    } else this.session.show();
    this.approvals.repost();
    await this.postSetup();
    const draft = await this.drafts.read();
    if (draft) this.post({ type: 'composer', text: draft, attachments: [] });
    void this.postModels(false);
  }

  async postSetup(): Promise<void> {
    this.post({ type: 'setup', endpoints: await this.gateways.summaries() });
  }

  async postModels(refresh: boolean): Promise<void> {
    const groups = await this.gateways.modelGroups(refresh, this.describe);
    this.post({ type: 'models', groups, current: currentModel() });
  }

  async handle(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready': return this.onReady();
      case 'send': return void (await this.session.send(m.text, m.attachments));
      case 'stop': {
        this.approvals.rejectAll('The user stopped the turn.');
        return this.session.stop();
      }
      case 'retry': return this.session.retry(m.messageId);
      case 'continue': return this.session.continue(m.messageId);
      case 'regenerate': return this.session.regenerate(m.messageId);
      case 'edit': return this.session.edit(m.messageId, m.text);
      case 'newChat': return this.newChat();
      case 'selectModel': return selectModel(m.model);
      case 'refreshModels': return this.postModels(true);
      case 'history': return this.post({ type: 'history', entries: await this.store.search(m.query), query: m.query });
      case 'openConversation': {
        if (!(await this.session.open(m.id))) void vscode.window.showWarningMessage(vscode.l10n.t('That conversation could not be opened.'));
        return;
      }
      case 'renameConversation': return this.rename(m.id);
      case 'deleteConversation': return this.delete(m.id);
      case 'copy': return copyText(m.text);
      case 'insertCode': return void (await insertAtCursor(m.code));
      case 'applyCode': return void (await applyWithDiff(this.proposals, m.code));
      case 'saveCode': return void (await saveAsFile(m.code, m.language));
      case 'openLink': return openLink(m.href);
      case 'attach': return this.attach(m.kind);
      case 'searchFiles': return this.post({ type: 'fileSuggestions', query: m.query, items: await searchFiles(m.query) });
      case 'attachFile': {
        const a = await attachWorkspacePath(m.path);
        if (a) this.post({ type: 'attachments', attachments: [a] });
        return;
      }
      case 'saveEndpoint': {
        await saveEndpoint(m.endpoint);
        return this.postSetup();
      }
      case 'setApiKey': {
        if (await setApiKeyCommand(this.context.secrets, m.endpointId)) await this.refreshAfterKeyChange();
        return;
      }
      case 'testConnection': {
        const r = await this.gateways.testConnection(m.endpoint);
        this.post(r.ok
          ? { type: 'connectionResult', ok: true, message: vscode.l10n.t('Connected: the gateway lists {0} models.', r.count) }
          : { type: 'connectionResult', ok: false, message: this.describe(r.error) });
        return;
      }
      case 'draft': return this.drafts.write(m.text);
      case 'setOptions': return this.session.setOptions(optionsFromPanel(this.session.conversation.options, m.options));
      case 'pickSchema': return this.pickSchema();
      case 'saveImage': return void (await saveImage(this.session.conversation, m.messageId, m.index));
      case 'openModelSettings': return this.post(modelSettingsView(currentModel()));
      case 'saveModelSettings': {
        if (await saveModelSettings(m.model, m.settings, this.log)) this.post(modelSettingsView(m.model, true));
        return;
      }
      case 'toolDecision':
        return this.approvals.decide(m.callId, m.approved
          ? { approved: true, allowForConversation: m.allowForConversation }
          : { approved: false, ...(m.reason.trim() ? { reason: m.reason.trim() } : {}) });
      case 'openFile': {
        const uri = await resolveWorkspaceFile(m.path);
        if (uri) await vscode.window.showTextDocument(uri, { preview: true });
        return;
      }
      case 'chooseCandidate': return void this.session.chooseCandidate(m.messageId, m.index);
      case 'inspect': return this.inspector.open(m.messageId);
      case 'copyCurl': return this.inspector.copyCurl(m.messageId);
      default: assertNever(m);
    }
  }

  async newChat(): Promise<void> {
    await this.session.newChat();
    this.post({ type: 'newChat' });
  }

  async refreshAfterKeyChange(): Promise<void> {
    await this.postSetup();
    await this.postModels(true);
  }

  private onSessionPost(m: HostToWebview): void {
    if (m.type === 'conversation' && m.conversation.messages.length) {
      void this.context.workspaceState.update(lastConversationKey, m.conversation.id);
    }
    this.post(m);
  }

  /** The panel's bar waits for this answer: the picked schema, or the options as they were. */
  private async pickSchema(): Promise<void> {
    const json = await pickSchema();
    if (json) this.session.setOptions({ ...this.session.conversation.options, json });
    this.post({ type: 'options', options: this.session.conversation.options ?? {} });
  }

  private async attach(kind: 'selection' | 'file' | 'image'): Promise<void> {
    if (kind === 'selection') {
      const a = selectionAttachment();
      if (a) this.post({ type: 'attachments', attachments: [a] });
      else void vscode.window.showInformationMessage(vscode.l10n.t('Open a file or select some code first.'));
      return;
    }
    const list = kind === 'file' ? await pickFiles() : await pickImages();
    if (list.length) this.post({ type: 'attachments', attachments: list });
  }

  private async rename(id: string): Promise<void> {
    const entry = (await this.store.list()).find((e) => e.id === id);
    if (!entry) return;
    const title = await vscode.window.showInputBox({ title: vscode.l10n.t('Rename conversation'), value: entry.title, ignoreFocusOut: true });
    if (!title?.trim()) return;
    await this.store.rename(id, title.trim());
    if (this.session.conversation.id === id) this.session.conversation.title = title.trim();
    this.post({ type: 'history', entries: await this.store.list(), query: '' });
  }

  private async delete(id: string): Promise<void> {
    const entry = (await this.store.list()).find((e) => e.id === id);
    if (!entry) return;
    const del = vscode.l10n.t('Delete');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the conversation "{0}"?', entry.title), { modal: true }, del);
    if (choice !== del) return;
    await this.store.delete(id);
    if (this.session.conversation.id === id) await this.session.newChat();
    this.post({ type: 'history', entries: await this.store.list(), query: '' });
  }

  dispose(): void {
    this.session.stop();
    void this.store.flush();
    this.gateways.dispose();
  }
}

export function currentModel(): string {
  return vscode.workspace.getConfiguration('gatewayChat').get<string>('defaultModel') ?? '';
}

export async function selectModel(model: string): Promise<void> {
  await vscode.workspace.getConfiguration('gatewayChat').update('defaultModel', model, vscode.ConfigurationTarget.Global);
}
