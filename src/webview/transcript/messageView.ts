// One message in the transcript. Assistant text streams through the markdown renderer (only the
// open tail block re-renders); user text is shown as typed.
import { foldDelta, type AnswerDelta } from '../../shared/answerReducer';
import type { ErrorInfo, MessageRecord } from '../../shared/conversation';
import { errorDetail, errorHeadline } from '../../shared/errorText';
import { AnswerExtras } from '../answers/answerExtrasView';
import { CandidatesView } from '../answers/candidatesView';
import { el, iconButton, textButton } from '../dom';
import { t, tAny } from '../i18n';
import { LogprobsView } from '../answers/logprobsView';
import { StreamingMarkdown, type RenderHooks } from '../markdown';
import { renderToolCalls } from './toolCallView';
import { renderCheckpoint } from './checkpointView';
import { contextSourcesRow } from './contextSourcesView';
import { noticeList, requestActions } from './requestActions';
import { usageText, usageTooltip } from './usageText';
import { finishReasonLine, servedModelChip } from '../answers/answerFacts';
import { send } from '../vscodeApi';

export class MessageView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly content: HTMLElement;
  private reasoning: { details: HTMLDetailsElement; summary: HTMLElement; text: Text } | undefined;
  private markdown: StreamingMarkdown | undefined;
  private readonly errorSlot: HTMLElement;
  /** What went along with the request, above the answer. */
  private readonly sourcesSlot = el('div', { className: 'sources-slot' });
  private sourcesShown: string | undefined;
  private readonly toolSlot: HTMLElement;
  private toolList: HTMLElement | undefined;
  private readonly checkpointSlot: HTMLElement;
  private checkpointShown: string | undefined;
  private readonly footer: HTMLElement;
  private readonly extras: AnswerExtras;
  private countdown: ReturnType<typeof setInterval> | undefined;
  private candidates: CandidatesView | undefined;
  private logprobs: LogprobsView | undefined;

  constructor(private message: MessageRecord, private readonly hooks: RenderHooks, private readonly isLast: () => boolean) {
    this.content = el('div', { className: 'content', testId: 'message-content' });
    this.errorSlot = el('div', { className: 'error-slot' });
    this.toolSlot = el('div', { className: 'tool-slot' });
    this.checkpointSlot = el('div', { className: 'checkpoint-slot' });
    this.footer = el('footer', { className: 'message-footer' });
    this.extras = new AnswerExtras(this.content);
    this.body = el('div', { className: 'message-body' }, this.sourcesSlot, this.content, this.extras.root, this.toolSlot, this.checkpointSlot, this.errorSlot);
    // A summary of earlier messages is its own collapsible item, not one of the conversation's messages.
    const summary = message.summary ? summaryFrame(message, this.body) : undefined;
    this.root = el('article', {
      className: `message ${message.role}${summary ? ' summary-item' : ''}`,
      testId: summary ? 'summary' : 'message',
      data: { role: message.role, id: message.id },
      attrs: { 'aria-label': summary ? t('Summary of earlier messages') : message.role === 'user' ? t('You') : t('Assistant') },
    }, summary ?? this.body, this.footer);
    this.renderAll();
  }

  get id(): string {
    return this.message.id;
  }

  /** Streamed text arrived (already coalesced per frame by the host): folded into the record as the host folded it, then shown. */
  appendDelta(d: AnswerDelta): void {
    if (!foldDelta(this.message, d)) return;
    const content = d.content ?? '';
    const reasoning = d.reasoning ?? '';
    if (this.message.candidates?.length) {
      // A new candidates view shows the record, this delta included; an existing one only adds it.
      if (!this.candidates) this.ensureCandidates();
      else this.candidates.append(d.choice ?? 0, content, reasoning);
      return;
    }
    if (reasoning) this.ensureReasoning().text.appendData(reasoning);
    if (content) {
      if (this.reasoning?.details.open && this.message.status === 'streaming') this.reasoning.details.open = false;
      this.ensureMarkdown().append(content);
    }
  }

  /** The message reached a new state (complete, interrupted, error) or was replaced. */
  update(next: MessageRecord): void {
    this.message = next;
    this.clearCountdown();
    if (next.role === 'assistant' && next.candidates?.length) {
      this.ensureCandidates().update(next);
      this.renderChrome();
      return;
    }
    if (next.role === 'assistant' && this.markdown && next.content.startsWith(this.markdown.text)) {
      const rest = next.content.slice(this.markdown.text.length);
      if (rest) this.markdown.append(rest);
      if (next.status !== 'streaming') this.markdown.finish();
      const shown = this.reasoning?.text.data ?? '';
      const reasoning = next.reasoning ?? '';
      if (reasoning.startsWith(shown) && reasoning.length > shown.length) this.ensureReasoning().text.appendData(reasoning.slice(shown.length));
      else if (reasoning !== shown) this.renderReasoning();
      this.renderChrome();
      return;
    }
    this.renderAll();
  }

  /** A rate limit or server error is being retried: a live countdown with Cancel. */
  showRetryWait(attempt: number, waitMs: number, error: ErrorInfo): void {
    this.clearCountdown();
    const until = Date.now() + waitMs;
    const line = el('span', { className: 'countdown', testId: 'retry-countdown' });
    const tick = () => {
      const s = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      line.textContent = t('Retrying in {0} s (attempt {1})...', s, attempt);
    };
    tick();
    this.countdown = setInterval(tick, 250);
    this.errorSlot.replaceChildren(el('div', { className: 'error waiting', testId: 'error', attrs: { role: 'status' } },
      el('div', { className: 'error-headline', textContent: errorHeadline(error, tAny) }),
      errorDetail(error) && el('div', { className: 'error-detail', textContent: errorDetail(error) }),
      el('div', { className: 'error-actions' }, line, textButton(t('Cancel'), 'cancel-retry', () => send({ type: 'stop' })))));
  }

  dispose(): void {
    this.clearCountdown();
  }

  private renderAll(): void {
    const m = this.message;
    this.markdown = undefined;
    this.reasoning = undefined;
    this.content.replaceChildren();
    this.body.querySelector('[data-testid="reasoning"]')?.remove();
    this.candidates?.root.remove();
    this.candidates = undefined;
    this.content.hidden = false;
    if (m.role === 'assistant' && m.candidates?.length) this.ensureCandidates().update(m);
    else if (m.role === 'user') {
      this.content.append(el('div', { className: 'user-text', textContent: m.content }));
      if (m.attachments?.length) {
        this.content.append(el('div', { className: 'chips' }, ...m.attachments.map((a) =>
          el('span', { className: `chip ${a.kind}`, testId: 'attachment', title: a.path ?? a.label, textContent: a.label }))));
      }
    } else {
      if (m.reasoning) this.renderReasoning();
      if (m.content) {
        this.ensureMarkdown().setText(m.content);
        if (m.status !== 'streaming') this.markdown!.finish();
      }
    }
    this.renderChrome();
  }

  private renderReasoning(): void {
    const r = this.ensureReasoning();
    r.text.data = this.message.reasoning ?? '';
    r.details.open = this.message.status === 'streaming' && !this.message.content;
  }

  private ensureReasoning() {
    if (!this.reasoning) {
      const summary = el('summary', { textContent: t('Thinking...') });
      const text = document.createTextNode('');
      const details = el('details', { className: 'reasoning', testId: 'reasoning', open: true }, summary, el('div', { className: 'reasoning-text' }, text));
      this.body.insertBefore(details, this.content);
      this.reasoning = { details, summary, text };
    }
    return this.reasoning;
  }

  /** The candidates take the answer's place; a new view shows what the record's candidates hold. */
  private ensureCandidates(): CandidatesView {
    if (!this.candidates) {
      this.markdown?.dispose();
      this.markdown = undefined;
      this.reasoning?.details.remove();
      this.reasoning = undefined;
      this.content.replaceChildren();
      this.content.classList.remove('md-root');
      this.content.hidden = true;
      this.candidates = new CandidatesView(this.message.id, this.hooks, (index) => send({ type: 'chooseCandidate', messageId: this.message.id, index }));
      this.content.after(this.candidates.root);
      this.candidates.update(this.message);
    }
    return this.candidates;
  }

  /** The token view under the answer, when the gateway returned logprobs. */
  private logprobsToggle(m: MessageRecord): HTMLElement | undefined {
    if (m.role !== 'assistant' || !m.logprobs?.length || m.status === 'streaming') return undefined;
    if (!this.logprobs) {
      this.logprobs = new LogprobsView();
      this.toolSlot.before(this.logprobs.root);
    }
    this.logprobs.set(m.logprobs);
    return this.logprobs.toggle;
  }

  private ensureMarkdown(): StreamingMarkdown {
    this.markdown ??= new StreamingMarkdown(this.content, this.hooks);
    return this.markdown;
  }

  /** Status, reasoning summary, error, usage and the action buttons (which depend on being last). */
  renderChrome(): void {
    const m = this.message;
    this.root.dataset.status = m.status;
    this.renderSources(m);
    if (m.summarisedBy) this.root.dataset.summarised = 'true';
    else delete this.root.dataset.summarised;
    this.extras.render(m, this.markdown);
    if (this.reasoning && m.status !== 'streaming') {
      this.reasoning.summary.textContent = m.reasoningMs !== undefined ? t('Thought for {0} s', (m.reasoningMs / 1000).toFixed(1)) : t('Reasoning');
    }
    this.renderTools();
    this.errorSlot.replaceChildren(noticeList(m), finishReasonLine(m, this.isLast()), m.status !== 'streaming' ? servedModelChip(m) : '');
    if (m.error && (m.status === 'error' || m.status === 'interrupted')) this.errorSlot.append(this.errorBlock(m));
    const actions: HTMLElement[] = [];
    if (m.status !== 'streaming') {
      const tokens = this.logprobsToggle(m);
      if (tokens) actions.push(tokens);
      actions.push(iconButton(t('Copy'), 'copy', 'copy', () => send({ type: 'copy', text: m.content })));
      if (m.role === 'user') actions.push(iconButton(t('Edit and resend'), 'edit', 'edit', () => this.startEdit()));
      if (m.role === 'assistant' && this.isLast() && !m.summary) actions.push(iconButton(t('Regenerate'), 'refresh', 'regenerate', () => send({ type: 'regenerate', messageId: m.id })));
      if (m.summary && !m.summary.undone && m.status === 'complete') {
        actions.push(textButton(t('Undo summary'), 'undo-summary', () => send({ type: 'undoSummary', messageId: m.id })));
      }
      actions.push(...requestActions(m));
    }
    const usage = m.role === 'assistant' && m.usage ? usageText(m.usage) : '';
    const facts = m.role === 'assistant' && m.status !== 'streaming' ? usageTooltip(m) : '';
    this.footer.replaceChildren(
      usage ? el('span', { className: 'usage', testId: 'usage', textContent: usage, title: facts }) : '',
      el('span', { className: 'actions' }, ...actions),
    );
  }

  /** Rebuilt only when the sources changed, so an open prompt text stays open while the answer streams. */
  private renderSources(m: MessageRecord): void {
    const key = JSON.stringify(m.sources ?? []);
    if (key === this.sourcesShown) return;
    this.sourcesShown = key;
    this.sourcesSlot.replaceChildren(contextSourcesRow(m) ?? '');
  }

  /** Tool calls change state while the message stays the same (approval, running, results). */
  renderTools(): void {
    const calls = this.message.toolCalls ?? [];
    if (calls.length && !this.toolList) this.toolSlot.append((this.toolList = el('div', { className: 'tool-calls' })));
    if (this.toolList) renderToolCalls(this.toolList, calls);
    const checkpoint = JSON.stringify([this.message.checkpoint, this.message.status === 'streaming']);
    if (checkpoint === this.checkpointShown) return;
    // Rebuilt only when it changed: a click on Restore is not lost to an update of the message.
    this.checkpointShown = checkpoint;
    this.checkpointSlot.replaceChildren(renderCheckpoint(this.message));
  }

  private errorBlock(m: MessageRecord): HTMLElement {
    const e = m.error!;
    const interrupted = m.status === 'interrupted';
    const headline = interrupted && e.kind !== 'aborted' ? `${t('The answer was interrupted.')} ${errorHeadline(e, tAny)}` : errorHeadline(e, tAny);
    const buttons: HTMLElement[] = [];
    if (this.isLast()) {
      if (interrupted) buttons.push(textButton(t('Continue'), 'continue', () => send({ type: 'continue', messageId: m.id }), 'primary'));
      if (e.kind !== 'config' || interrupted) buttons.push(textButton(t('Retry'), 'retry', () => send({ type: 'retry', messageId: m.id })));
      if (e.kind === 'config' && e.reason === 'noKey') buttons.push(textButton(t('Set API key'), 'set-key', () => send({ type: 'setApiKey', endpointId: e.endpointId })));
      if (e.kind === 'auth' && m.model) buttons.push(textButton(t('Set API key'), 'set-key', () => send({ type: 'setApiKey', endpointId: m.model!.split('/')[0] })));
    }
    return el('div', { className: `error ${interrupted ? 'interrupted' : ''}`, testId: 'error', attrs: { role: 'alert' }, data: { kind: e.kind },
      title: e.kind !== 'config' && e.type ? `error.type: ${e.type}` : '' },
      el('div', { className: 'error-headline', textContent: headline }),
      errorDetail(e) && el('div', { className: 'error-detail', textContent: errorDetail(e) }),
      buttons.length ? el('div', { className: 'error-actions' }, ...buttons) : '');
  }

  private startEdit(): void {
    const area = el('textarea', { className: 'edit-area', value: this.message.content, testId: 'edit-input', rows: 3 });
    const save = textButton(t('Save and resend'), 'edit-send', () => send({ type: 'edit', messageId: this.message.id, text: area.value }), 'primary');
    const cancel = textButton(t('Cancel'), 'edit-cancel', () => this.renderAll());
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); save.click(); }
      if (e.key === 'Escape') { e.preventDefault(); cancel.click(); }
    });
    this.content.replaceChildren(area, el('div', { className: 'edit-actions' }, save, cancel));
    area.focus();
  }

  private clearCountdown(): void {
    if (this.countdown) clearInterval(this.countdown);
    this.countdown = undefined;
  }
}

/** The summary's frame: collapsed, its header saying how many messages it stands in for (and whether it was undone). */
function summaryFrame(m: MessageRecord, body: HTMLElement): HTMLElement {
  const n = m.summary!.messages;
  const title = m.summary!.undone ? t('Summary of {0} earlier messages (undone: the messages are sent again)', n)
    : m.status === 'streaming' ? t('Summarising {0} earlier messages to fit the context window...', n)
      : t('Summary of {0} earlier messages (sent instead of them)', n);
  return el('details', { className: 'summary-details', open: m.status === 'streaming' }, el('summary', { textContent: title }), body);
}
