// Routes panel messages to the chat session, the gateways and the editor, and offers the verbs the
// commands use (send, stop, newChat, open, ...). A thin router: the logic lives in src/chat and in the
// small host modules it calls; every object is built in composition.ts.
import * as vscode from 'vscode';
import type { BalanceWatch } from '../settings/balanceWatch';
import type { HistoryStore } from '../../chat/storage/historyStore';
import type { ChatSession } from '../../chat/turn/session';
import type { Attachment, ConversationRecord, ErrorInfo, MessageRecord } from '../../shared/conversation';
import { errorDetail, errorHeadline } from '../../shared/errorText';
import { assertNever, type BalanceView, type HostToWebview, type ModelGroup, type WebviewToHost } from '../../shared/protocol';
import { applyWithDiff, type ProposalDocuments } from '../editor/applyWithDiff';
import { askImageUrl, attachWorkspacePath, pickAudio, pickDocuments, pickFiles, pickImages, resolveWorkspaceFile, searchFiles, selectionAttachment } from './attachments';
import { copyText, insertAtCursor, openLink, saveAsFile } from './codeBlockActions';
import { saveEndpoint } from '../settings/endpointSettings';
import { setApiKeyCommand } from '../settings/endpoints';
import type { DraftStore } from './draftStore';
import type { Gateways } from '../settings/gateways';
import type { ToolApprovals } from '../tools/toolApprovals';
import { optionsFromPanel } from '../../chat/request/panelOptions';
import { saveImage, saveImageLink } from './saveImage';
import { pickSchema } from './schemaPicker';
import { modelSettingsView, saveModelSettings } from '../settings/modelSettingsEditor';
import type { Inspector } from '../inspection/inspector';
import { currentModel } from '../settings/turnPlanner';
import type { CheckpointRestorer } from '../checkpoints/restoreCheckpoint';
import type { ContextMeter } from '../../chat/context/contextMeter';
import { completeStep } from '../walkthrough';

const lastConversationKey = 'gatewayChat.lastConversation';

export interface ControllerParts {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  session: ChatSession;
  store: HistoryStore;
  gateways: Gateways;
  approvals: ToolApprovals;
  proposals: ProposalDocuments;
  inspector: Inspector;
  drafts: DraftStore;
  restorer: CheckpointRestorer;
  /** The meter under the composer (measured after each answer and as the draft grows). */
  meter?: ContextMeter;
  balance: BalanceWatch;
}

export class ChatController implements vscode.Disposable {
  private post: (m: HostToWebview) => void = () => undefined;
  private restored = false;
  private readonly context: vscode.ExtensionContext;
  private readonly log: vscode.LogOutputChannel;
  private readonly session: ChatSession;
  private readonly store: HistoryStore;
  private readonly gateways: Gateways;
  private readonly approvals: ToolApprovals;
  private readonly proposals: ProposalDocuments;
  private readonly inspector: Inspector;
  private readonly drafts: DraftStore;
  private readonly restorer: CheckpointRestorer;
  private readonly meter: ContextMeter | undefined;
  private readonly balance: BalanceWatch;

  constructor(parts: ControllerParts) {
    ({ context: this.context, log: this.log, session: this.session, store: this.store, gateways: this.gateways,
      approvals: this.approvals, proposals: this.proposals, inspector: this.inspector, drafts: this.drafts, restorer: this.restorer, meter: this.meter, balance: this.balance } = parts);
  }

  /** Gateway Chat: Compact Conversation. */
  async compact(): Promise<void> {
    const result = await this.session.compact();
    const say = {
      done: () => vscode.window.showInformationMessage(vscode.l10n.t('The conversation was compacted: older messages are summarised (Undo summary in the panel expands them back).')),
      nothing: () => vscode.window.showInformationMessage(vscode.l10n.t('Nothing to compact yet: the conversation has no earlier turns.')),
      busy: () => vscode.window.showInformationMessage(vscode.l10n.t('Wait for the answer to finish (or stop it), then compact.')),
      failed: () => vscode.window.showWarningMessage(vscode.l10n.t('The conversation could not be compacted: see the notice in the panel.')),
    };
    void say[result]();
  }

  /** Sends a prompt into the panel's conversation; resolves with the settled answer (undefined: nothing was sent). */
  send(text: string, attachments: Attachment[], options: { model?: string } = {}): Promise<MessageRecord | undefined> {
    return this.session.send(text, attachments, options);
  }

  /** Stops the turn, from wherever it is asked (panel, palette, a command's progress, the view closing): a pending approval settles as rejected. */
  stop(): void {
    this.session.stop();
  }

  get busy(): boolean {
    return this.session.busy;
  }

  /** The conversation the panel shows (for export). */
  get conversation(): Readonly<ConversationRecord> {
    return this.session.conversation;
  }

  modelGroups(refresh = false): Promise<ModelGroup[]> {
    return this.gateways.modelGroups(refresh, this.describe);
  }

  /** The conversation a reload brings back: the one shown once it has a message (a new chat's first send included). */
  private remembered: string | undefined;

  sessionPost(m: HostToWebview): void {
    const c = this.session.conversation;
    if ((m.type === 'conversation' || m.type === 'message') && c.messages.length && c.id !== this.remembered) {
      this.remembered = c.id;
      void this.context.workspaceState.update(lastConversationKey, c.id);
    }
    this.post(m);
    // The meter follows the conversation: measured again once an answer settles or another conversation shows.
    if (m.type === 'conversation' || (m.type === 'message' && !m.busy)) this.meter?.refresh();
    // An answer spent money: the balance is read again (at most once a minute).
    if (m.type === 'message' && !m.busy && m.message.role === 'assistant') void this.balance.refresh();
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
    await this.postSetup();
    const draft = await this.drafts.read();
    if (draft) this.post({ type: 'composer', text: draft, attachments: [] });
    void this.postModels(false);
    this.postBalance(this.balance.current);
    void this.balance.refresh();
  }

  postBalance(balance: BalanceView | null): void {
    this.post({ type: 'balance', balance });
  }

  async postSetup(): Promise<void> {
    this.post({ type: 'setup', endpoints: await this.gateways.summaries() });
  }

  async postModels(refresh: boolean): Promise<void> {
    const groups = await this.modelGroups(refresh);
    this.post({ type: 'models', groups, current: currentModel() });
  }

  async handle(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready': return this.onReady();
      case 'send': {
        this.meter?.clearDraft();
        const answer = await this.session.send(m.text, m.attachments);
        if (answer?.status === 'complete' && m.attachments.some((a) => a.kind === 'selection')) completeStep('askedSelection');
        return;
      }
      case 'stop': return this.stop();
      case 'deltaAck': return this.session.deltaShown(m.count);
      case 'retry': return this.session.retry(m.messageId);
      case 'continue': return this.session.continue(m.messageId);
      case 'regenerate': return this.session.regenerate(m.messageId);
      case 'edit': return this.session.edit(m.messageId, m.text);
      case 'newChat': return this.newChat();
      case 'selectModel': return selectModel(m.model);
      case 'refreshModels': return this.postModels(true);
      case 'refreshBalance': return this.balance.refresh(true);
      case 'history': return this.post({ type: 'history', entries: await this.store.search(m.query), query: m.query });
      case 'openConversation': return this.open(m.id);
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
      case 'draft': {
        this.meter?.setDraft(m.text);
        return this.drafts.write(m.text);
      }
      case 'setOptions': return this.session.setOptions(optionsFromPanel(this.session.conversation.options, m.options));
      case 'pickSchema': return this.pickSchema();
      case 'saveImage': return void (await saveImage(this.session.conversation, m.messageId, m.index));
      case 'saveImageLink': return void (await saveImageLink(this.session.conversation, m.messageId, m.index, this.log));
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
      case 'setInstructions': return this.session.setInstructions(m.text);
      case 'inspect': return this.inspector.open(m.messageId);
      case 'copyCurl': return this.inspector.copyCurl(m.messageId);
      case 'restoreCheckpoint': return this.restorer.restore(m.messageId);
      case 'undoSummary': return this.session.undoSummary(m.messageId);
      default: assertNever(m);
    }
  }

  async newChat(): Promise<void> {
    await this.session.newChat();
    this.post({ type: 'newChat' });
  }

  async open(id: string): Promise<void> {
    if (!(await this.session.open(id))) void vscode.window.showWarningMessage(vscode.l10n.t('That conversation could not be opened.'));
  }

  async refreshAfterKeyChange(): Promise<void> {
    await this.postSetup();
    await this.postModels(true);
  }

  /** The panel's bar waits for this answer: the picked schema, or the options as they were. */
  private async pickSchema(): Promise<void> {
    const json = await pickSchema();
    if (json) this.session.setOptions({ ...this.session.conversation.options, json });
    this.post({ type: 'options', options: this.session.conversation.options ?? {} });
  }

  private async attach(kind: 'selection' | 'file' | 'image' | 'document' | 'audio' | 'imageUrl'): Promise<void> {
    if (kind === 'selection') {
      const a = selectionAttachment();
      if (a) this.post({ type: 'attachments', attachments: [a] });
      else void vscode.window.showInformationMessage(vscode.l10n.t('Open a file or select some code first.'));
      return;
    }
    if (kind === 'imageUrl') {
      const a = await askImageUrl();
      if (a) this.post({ type: 'attachments', attachments: [a] });
      return;
    }
    const list = kind === 'file' ? await pickFiles() : kind === 'document' ? await pickDocuments() : kind === 'audio' ? await pickAudio() : await pickImages();
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
    this.meter?.dispose();
    this.stop();
    void this.store.flush();
    this.gateways.dispose();
  }
}

export async function selectModel(model: string): Promise<void> {
  await vscode.workspace.getConfiguration('gatewayChat').update('defaultModel', model, vscode.ConfigurationTarget.Global);
  completeStep('modelChosen');
}
