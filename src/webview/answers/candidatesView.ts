// An answer's `n` candidates: side by side when the panel is wide, tabs when it is narrow (a CSS
// container query on .candidates decides, see media/panel.css). Each candidate streams through its
// own markdown renderer; a finished one is rendered once and left alone when the message updates.
import type { CandidateRecord, MessageRecord } from '../../shared/conversation';
import { el } from '../dom';
import { t } from '../i18n';
import { StreamingMarkdown, type RenderHooks } from '../markdown';

interface Pane {
  root: HTMLElement;
  tab: HTMLButtonElement;
  markdown: StreamingMarkdown;
  /** finish() ran for the text it holds: an update with the same text changes nothing. */
  finished: boolean;
  reasoning?: { details: HTMLDetailsElement; text: Text };
  finishReason: HTMLElement;
  choose: HTMLButtonElement;
}

export class CandidatesView {
  readonly root: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly panes: HTMLElement;
  private readonly list: Pane[] = [];
  /** The tab shown on a narrow panel; follows the chosen candidate until the user picks a tab. */
  private active = 0;
  private userPickedTab = false;

  constructor(private readonly messageId: string, private readonly hooks: RenderHooks, private readonly onChoose: (index: number) => void) {
    this.tabs = el('div', { className: 'candidate-tabs', attrs: { role: 'tablist', 'aria-label': t('Candidate answers') } });
    this.panes = el('div', { className: 'candidate-panes' });
    this.root = el('div', { className: 'candidates', testId: 'candidates' }, this.tabs, this.panes);
    this.tabs.addEventListener('keydown', (e) => this.onTabKey(e));
  }

  /** Streamed text for candidate `index` (already coalesced per frame by the host). */
  append(index: number, content: string, reasoning: string): void {
    const pane = this.pane(index);
    if (reasoning) this.ensureReasoning(pane).text.appendData(reasoning);
    if (content) {
      if (pane.reasoning?.details.open) pane.reasoning.details.open = false;
      pane.markdown.append(content);
      pane.finished = false;
    }
  }

  /** The message changed: the stream ended, a candidate was chosen, or a saved conversation opened. */
  update(m: MessageRecord): void {
    const streaming = m.status === 'streaming';
    const candidates = m.candidates ?? [];
    candidates.forEach((c, i) => this.sync(this.pane(i), c, streaming));
    if (!this.userPickedTab && m.chosen !== undefined) this.active = m.chosen;
    this.list.forEach((pane, i) => {
      const chosen = !streaming && m.chosen === i;
      pane.root.dataset.chosen = String(chosen);
      pane.tab.classList.toggle('chosen', chosen);
      pane.choose.disabled = streaming || chosen;
      pane.choose.setAttribute('aria-pressed', String(chosen));
      pane.choose.textContent = chosen ? t('Chosen answer') : t('Use this answer');
    });
    this.showActive();
  }

  private sync(pane: Pane, c: CandidateRecord, streaming: boolean): void {
    const shown = pane.markdown.text;
    if (c.content !== shown) {
      if (c.content.startsWith(shown)) pane.markdown.append(c.content.slice(shown.length));
      else pane.markdown.setText(c.content);
      pane.finished = false;
    }
    if (!streaming && !pane.finished) {
      pane.markdown.finish();
      pane.finished = true;
    }
    const reasoning = c.reasoning ?? '';
    if (reasoning !== (pane.reasoning?.text.data ?? '')) this.ensureReasoning(pane).text.data = reasoning;
    const reason = c.finishReason && c.finishReason !== 'stop' ? c.finishReason : '';
    pane.finishReason.hidden = !reason;
    pane.finishReason.textContent = reason === 'length' ? t('Cut off at the token limit (finish reason: length).') : reason ? t('Finish reason: {0}', reason) : '';
  }

  private pane(index: number): Pane {
    while (this.list.length <= index) this.list.push(this.newPane(this.list.length));
    return this.list[index];
  }

  private newPane(index: number): Pane {
    const id = `candidate-${this.messageId}-${index}`;
    const label = t('Answer {0}', index + 1);
    const tab = el('button', {
      type: 'button', className: 'candidate-tab', id: `${id}-tab`, textContent: label, testId: 'candidate-tab',
      attrs: { role: 'tab', 'aria-controls': id }, data: { index: String(index) },
    });
    tab.addEventListener('click', () => this.activate(index));
    const content = el('div', { className: 'candidate-content' });
    const finishReason = el('div', { className: 'candidate-finish muted', testId: 'candidate-finish', hidden: true });
    // Enabled by update() once the answer settled: the host refuses a choice while it streams.
    const choose = el('button', { type: 'button', className: 'secondary', testId: 'choose-candidate', textContent: t('Use this answer'), disabled: true });
    choose.addEventListener('click', () => this.onChoose(index));
    const root = el('section', {
      className: 'candidate', id, testId: 'candidate',
      data: { index: String(index), chosen: 'false' },
      attrs: { role: 'tabpanel', 'aria-labelledby': `${id}-tab` },
    }, el('div', { className: 'candidate-label muted', textContent: label }), content, finishReason, el('div', { className: 'candidate-actions' }, choose));
    this.tabs.append(tab);
    this.panes.append(root);
    const pane: Pane = { root, tab, markdown: new StreamingMarkdown(content, this.hooks), finished: false, finishReason, choose };
    this.showActive();
    return pane;
  }

  private ensureReasoning(pane: Pane): { details: HTMLDetailsElement; text: Text } {
    if (!pane.reasoning) {
      const text = document.createTextNode('');
      const details = el('details', { className: 'reasoning', open: !pane.markdown.text },
        el('summary', { textContent: t('Reasoning') }), el('div', { className: 'reasoning-text' }, text));
      pane.root.querySelector('.candidate-content')!.before(details);
      pane.reasoning = { details, text };
    }
    return pane.reasoning;
  }

  private activate(index: number): void {
    this.active = index;
    this.userPickedTab = true;
    this.showActive();
  }

  private showActive(): void {
    this.list.forEach((pane, i) => {
      const active = i === this.active;
      pane.root.classList.toggle('active', active);
      pane.tab.setAttribute('aria-selected', String(active));
      pane.tab.tabIndex = active ? 0 : -1;
    });
  }

  /** Arrow keys move between tabs, as in any tab list. */
  private onTabKey(e: KeyboardEvent): void {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step || !this.list.length) return;
    e.preventDefault();
    this.activate((this.active + step + this.list.length) % this.list.length);
    this.list[this.active].tab.focus();
  }
}
