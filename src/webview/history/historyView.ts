// The list of saved conversations: newest first, searchable, open / rename / delete.
import type { HistoryEntry } from '../../shared/conversation';
import { el, iconButton } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

export class HistoryView {
  readonly root: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onClose: () => void) {
    this.search = el('input', { type: 'search', className: 'history-search', testId: 'history-search', placeholder: t('Search conversations') });
    this.list = el('ul', { className: 'history-list', attrs: { role: 'list' } });
    this.root = el('section', { className: 'history', testId: 'history-view', hidden: true, attrs: { 'aria-label': t('History') } },
      el('div', { className: 'history-bar' }, this.search, iconButton(t('Close'), 'close', 'history-close', () => this.onClose())),
      this.list);
    this.search.addEventListener('input', () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => send({ type: 'history', query: this.search.value }), 150);
    });
  }

  open(): void {
    this.root.hidden = false;
    send({ type: 'history', query: this.search.value });
    this.search.focus();
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  show(entries: HistoryEntry[]): void {
    if (!entries.length) {
      this.list.replaceChildren(el('li', { className: 'muted', textContent: t('No conversations found.') }));
      return;
    }
    this.list.replaceChildren(...entries.map((e) => {
      const open = el('button', { type: 'button', className: 'history-open', title: e.title },
        el('span', { className: 'history-title', textContent: e.title || t('Untitled') }),
        el('span', { className: 'muted', textContent: new Date(e.updatedAt).toLocaleString() }));
      open.addEventListener('click', () => send({ type: 'openConversation', id: e.id }));
      return el('li', { className: 'history-item', testId: 'history-item', data: { id: e.id } }, open,
        iconButton(t('Rename'), 'edit', 'history-rename', () => send({ type: 'renameConversation', id: e.id })),
        iconButton(t('Delete'), 'trash', 'history-delete', () => send({ type: 'deleteConversation', id: e.id })));
    }));
  }
}
