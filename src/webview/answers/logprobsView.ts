// "Token probabilities": the answer as the tokens the model produced, shaded by how sure it was;
// hovering or focusing a token shows its probability and the alternatives it weighed. A separate
// view under the answer: tokens do not map cleanly onto rendered markdown, so it does not try.
import type { TokenLogprob } from '../../shared/conversation';
import { el, iconButton } from '../dom';
import { t } from '../i18n';

let nextId = 0;

/** A probability as the tip shows it: one decimal, never a misleading 0% or 100%. */
export function percent(logprob: number): string {
  const p = Math.exp(logprob) * 100;
  if (p >= 99.95) return p >= 100 ? '100%' : '>99.9%';
  if (p < 0.05) return '<0.1%';
  return `${p.toFixed(1)}%`;
}

/** Shading bands 0 (unsure) to 4 (sure), styled in media/panel.css. */
export function band(logprob: number): number {
  return Math.min(4, Math.floor(Math.exp(logprob) * 5));
}

/** Where the nearest scrolling ancestor stops showing things (the transcript, above the composer). */
function visibleBottom(node: HTMLElement): number {
  const doc = node.ownerDocument;
  for (let p = node.parentElement; p; p = p.parentElement) {
    if (/(auto|scroll)/.test(doc.defaultView?.getComputedStyle(p).overflowY ?? '')) return p.getBoundingClientRect().bottom;
  }
  return doc.documentElement.clientHeight;
}

export class LogprobsView {
  readonly root: HTMLElement;
  readonly toggle: HTMLButtonElement;
  private readonly tokensBox: HTMLElement;
  private readonly tip: HTMLElement;
  private tokens: TokenLogprob[] = [];
  private rendered = false;

  constructor() {
    this.toggle = iconButton(t('Token probabilities'), 'symbol-numeric', 'logprobs-toggle', () => this.setOpen(this.root.hidden));
    this.toggle.setAttribute('aria-pressed', 'false');
    this.tokensBox = el('div', { className: 'token-list', attrs: { role: 'group', 'aria-label': t('Token probabilities') } });
    this.tip = el('div', { className: 'token-tip', testId: 'token-tip', id: `token-tip-${nextId++}`, hidden: true, attrs: { role: 'tooltip' } });
    this.root = el('div', { className: 'token-view', testId: 'token-view', hidden: true }, this.tokensBox, this.tip);
    this.tokensBox.addEventListener('mouseover', (e) => this.showTipFor(e.target));
    this.tokensBox.addEventListener('focusin', (e) => this.showTipFor(e.target));
    this.tokensBox.addEventListener('mouseleave', () => this.hideTip());
    this.tokensBox.addEventListener('focusout', () => this.hideTip());
    this.tokensBox.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** The message's tokens; they arrive once, with the finished answer. */
  set(tokens: TokenLogprob[]): void {
    if (tokens.length === this.tokens.length) return;
    this.tokens = tokens;
    this.rendered = false;
    if (!this.root.hidden) this.render();
  }

  private setOpen(open: boolean): void {
    this.root.hidden = !open;
    this.toggle.setAttribute('aria-pressed', String(open));
    this.toggle.classList.toggle('pressed', open);
    if (open && !this.rendered) this.render();
    if (!open) this.hideTip();
  }

  /** Built on first open only: an answer can carry thousands of tokens nobody asked to see. */
  private render(): void {
    this.rendered = true;
    this.tokensBox.replaceChildren(...this.tokens.map((tok, i) => el('span', {
      className: 'token', testId: 'token', textContent: tok.token, tabIndex: i === 0 ? 0 : -1,
      data: { index: String(i), band: String(band(tok.logprob)) },
    })));
  }

  private tokenOf(target: EventTarget | null): HTMLElement | undefined {
    const node = (target as Element | null)?.closest?.('.token');
    return node instanceof HTMLElement && this.tokensBox.contains(node) ? node : undefined;
  }

  private showTipFor(target: EventTarget | null): void {
    const node = this.tokenOf(target);
    const tok = node ? this.tokens[Number(node.dataset.index)] : undefined;
    if (!node || !tok) return;
    this.tip.replaceChildren(
      el('div', { className: 'token-tip-head' },
        el('code', { textContent: JSON.stringify(tok.token) }), ' ',
        el('strong', { testId: 'token-probability', textContent: percent(tok.logprob) })),
      tok.top.length ? el('div', { className: 'muted', textContent: t('Alternatives') }) : '',
      tok.top.length ? el('ol', { className: 'token-alternatives' }, ...tok.top.map((alt) =>
        el('li', { testId: 'token-alternative' }, el('code', { textContent: JSON.stringify(alt.token) }), ' ', percent(alt.logprob)))) : '');
    this.tip.hidden = false;
    this.root.closest('.message')?.classList.add('showing-tip');
    // Below the token, or above it when the scrolling transcript would cut it off there.
    const rect = node.getBoundingClientRect();
    const below = rect.bottom + this.tip.offsetHeight + 4 <= visibleBottom(this.root) || rect.top < this.tip.offsetHeight + 4;
    this.tip.style.top = `${below ? node.offsetTop + node.offsetHeight + 2 : node.offsetTop - this.tip.offsetHeight - 2}px`;
    this.tip.style.left = `${Math.max(0, Math.min(node.offsetLeft, this.root.clientWidth - this.tip.offsetWidth))}px`;
    node.setAttribute('aria-describedby', this.tip.id);
  }

  private hideTip(): void {
    this.tip.hidden = true;
    this.root.closest('.message')?.classList.remove('showing-tip');
    this.tokensBox.querySelector('[aria-describedby]')?.removeAttribute('aria-describedby');
  }

  /** One tab stop for the whole list; arrows move between tokens, Escape hides the tip. */
  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') return this.hideTip();
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : e.key === 'Home' ? -Infinity : e.key === 'End' ? Infinity : 0;
    const from = this.tokenOf(e.target);
    if (!step || !from) return;
    e.preventDefault();
    const nodes = this.tokensBox.children;
    const to = nodes[Math.max(0, Math.min(nodes.length - 1, Number(from.dataset.index) + step))] as HTMLElement | undefined;
    if (!to || to === from) return;
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  }
}
