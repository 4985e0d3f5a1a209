// The conversation as a list of message views, with the running usage total.
import type { AnswerDelta } from '../../shared/answerReducer';
import type { ConversationRecord, ErrorInfo, MessageRecord } from '../../shared/conversation';
import type { CodeActions } from './codeActions';
import { el } from '../dom';
import { t } from '../i18n';
import { MessageBacklog } from './messageBacklog';
import { MessageView } from './messageView';
import { totalsText } from './usageText';
import { saveViewState, viewState } from '../viewState';

/**
 * Messages rendered before the first paint of an opened conversation: a screenful of the side bar at
 * the estimated height; the backlog renders the rest within the next frames. (30 took most of a
 * 170 ms first task, markdown and sanitising each.)
 */
const RENDERED_FIRST = 12;

export class Transcript {
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private readonly total: HTMLElement;
  private readonly empty: HTMLElement;
  private views = new Map<string, MessageView>();
  private messages: MessageRecord[] = [];
  /** The same records by id, for the backlog's renders. */
  private readonly records = new Map<string, MessageRecord>();
  /** Which conversation is shown: its older messages may still be arriving. */
  private conversationId = '';
  private stickToBottom = true;
  private scrollPending = false;
  private readonly backlog = new MessageBacklog((id) => this.view(this.records.get(id)!).root);

  constructor(private readonly code: CodeActions) {
    this.list = el('div', { className: 'messages' });
    this.total = el('div', { className: 'usage-total muted', testId: 'usage-total' });
    this.empty = el('div', { className: 'empty muted', textContent: t('Ask a question, or select code and use the Gateway Chat commands.') });
    this.root = el('main', { className: 'transcript', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': t('Conversation') } },
      this.empty, this.list, this.total);
    this.root.addEventListener('scroll', () => {
      this.stickToBottom = this.root.scrollHeight - this.root.scrollTop - this.root.clientHeight < 40;
      saveViewState({ scrollTop: this.root.scrollTop });
    });
  }

  /** Shows a conversation; `earlier` older messages are on their way (see `earlier()`). */
  show(c: ConversationRecord, earlier = 0): void {
    for (const v of this.views.values()) v.dispose();
    this.views.clear();
    this.conversationId = c.id;
    this.messages = c.messages.map((m) => structuredClone(m));
    this.records.clear();
    for (const m of this.messages) this.records.set(m.id, m);
    const first = Math.max(0, this.messages.length - RENDERED_FIRST);
    const later = this.backlog.defer([...Array<undefined>(earlier).fill(undefined), ...this.messages.slice(0, first).map((m) => m.id)]);
    this.list.replaceChildren(...later, ...this.messages.slice(first).map((m) => this.view(m).root));
    this.afterChange();
    const saved = viewState().scrollTop;
    if (saved !== undefined && !this.stickToBottom) this.root.scrollTop = saved;
    else this.scrollToEnd();
  }

  /** Older messages of the shown conversation arrived: the ones just before the oldest it has. */
  earlier(conversationId: string, messages: MessageRecord[]): void {
    if (conversationId !== this.conversationId || !messages.length) return;
    // Fresh from postMessage and held by nothing else: kept as they are, no copy.
    const placed = messages.slice(messages.length - this.backlog.arrived(messages.map((m) => m.id)));
    for (const m of placed) this.records.set(m.id, m);
    this.messages.unshift(...placed);
    this.afterChange();
  }

  delta(messageId: string, d: AnswerDelta): void {
    this.views.get(messageId)?.appendDelta(d);
    this.scrollToEndSoon();
  }

  upsert(m: MessageRecord): void {
    const i = this.messages.findIndex((x) => x.id === m.id);
    if (i >= 0) this.messages[i] = m;
    else this.messages.push(m);
    this.records.set(m.id, m);
    if (this.backlog.has(m.id)) return this.afterChange(); // rendered from this record when its turn comes
    const existing = this.views.get(m.id);
    if (existing) existing.update(m);
    else {
      const previous = this.views.get(this.messages.at(-2)?.id ?? '');
      this.list.append(this.view(m).root);
      previous?.renderChrome(); // it is no longer last: no Regenerate / Retry there
    }
    this.afterChange();
    this.scrollToEnd();
  }

  retryWait(messageId: string, attempt: number, waitMs: number, error: ErrorInfo): void {
    this.views.get(messageId)?.showRetryWait(attempt, waitMs, error);
  }

  private view(m: MessageRecord): MessageView {
    const v = new MessageView(m, this.code.hooks, () => this.messages.at(-1)?.id === m.id);
    this.views.set(m.id, v);
    return v;
  }

  private afterChange(): void {
    this.empty.hidden = this.messages.length > 0;
    this.total.textContent = totalsText(this.messages);
  }

  scrollToEnd(): void {
    if (this.stickToBottom) this.root.scrollTop = this.root.scrollHeight;
  }

  /**
   * For streamed posts: the end kept in view once per frame, before it paints. Reading scrollHeight
   * lays the whole transcript out, and doing it for every post was most of the panel's script time
   * while an answer streamed (and what made keys typed meanwhile wait). Whole-message updates scroll
   * at once: what they show is on screen as soon as they are in the DOM.
   */
  private scrollToEndSoon(): void {
    if (!this.stickToBottom || this.scrollPending) return;
    this.scrollPending = true;
    requestAnimationFrame(() => {
      this.scrollPending = false;
      this.scrollToEnd();
    });
  }
}
