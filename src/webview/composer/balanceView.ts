// What is left on the relay key, in the panel header; hidden when the gateway does not say. A click reads it again.
import type { BalanceView as Balance } from '../../shared/protocol';
import { el } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

export class BalanceView {
  readonly root = el('button', { type: 'button', className: 'balance-button', testId: 'balance', hidden: true });

  constructor() {
    this.root.title = t('Relay balance; click to read it again');
    this.root.addEventListener('click', () => send({ type: 'refreshBalance' }));
  }

  set(b: Balance | null): void {
    this.root.hidden = !b;
    if (!b) return;
    const amount = b.unlimited || b.remaining === undefined ? t('unlimited') : `${b.currency}${b.remaining.toFixed(2)}`;
    this.root.textContent = t('Balance: {0}', amount);
    this.root.dataset.remaining = b.remaining === undefined ? '' : String(b.remaining);
  }
}
