// The meter under the composer: how much of the model's window the next request takes (the host
// counts; this only draws). `data-ratio` carries the fraction for themes and tests.
import { el } from '../dom';
import { t } from '../i18n';

/** 41234 -> "41k", 950 -> "950", 1048576 -> "1M". */
export function shortTokens(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 1000) return `${+(n / 1000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(n);
}

export class ContextMeterView {
  readonly root: HTMLElement;
  private readonly bar = el('span', { className: 'context-meter-fill' });
  private readonly label = el('span', { className: 'context-meter-text' });

  constructor() {
    this.root = el('div', { className: 'context-meter', testId: 'context-meter', hidden: true, attrs: { role: 'meter', 'aria-label': t('Context window') } },
      el('span', { className: 'context-meter-track' }, this.bar), this.label);
  }

  set(used: number | undefined, window: number | undefined): void {
    this.root.hidden = used === undefined;
    if (used === undefined) return;
    if (window) {
      const ratio = used / window;
      this.root.dataset.ratio = ratio.toFixed(3);
      this.root.dataset.level = ratio >= 1 ? 'over' : ratio >= 0.8 ? 'high' : 'ok';
      this.bar.style.width = `${Math.min(100, Math.round(ratio * 100))}%`;
      this.label.textContent = `${shortTokens(used)} / ${shortTokens(window)}`;
      this.root.title = t('The next request takes about {0} of the model\'s {1} tokens; past the limit the conversation is compacted before sending.', used, window);
      this.root.setAttribute('aria-valuenow', String(used));
      this.root.setAttribute('aria-valuemax', String(window));
    } else {
      delete this.root.dataset.ratio;
      delete this.root.dataset.level;
      this.bar.style.width = '0';
      this.label.textContent = t('{0} tokens', shortTokens(used));
      this.root.title = t('The next request takes about {0} tokens; the model\'s window is not known (set contextWindow in its settings).', used);
      this.root.setAttribute('aria-valuenow', String(used));
      this.root.removeAttribute('aria-valuemax');
    }
  }
}
