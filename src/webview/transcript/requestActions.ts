// Under an answer: how the request was adapted (notices) and what went over the wire (the request
// inspector and "Copy as curl"; the host has the recording, the panel only asks for it).
import type { MessageRecord } from '../../shared/conversation';
import { el, iconButton } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

/** One line per notice, e.g. a field the gateway refused and the request went without. */
export function noticeList(m: MessageRecord): HTMLElement | '' {
  if (!m.notices?.length) return '';
  return el('div', { className: 'notices' }, ...m.notices.map((text) =>
    el('div', { className: 'notice', testId: 'notice', textContent: text, attrs: { role: 'note' } })));
}

export function requestActions(m: MessageRecord): HTMLElement[] {
  if (m.role !== 'assistant' || m.status === 'streaming') return [];
  return [
    iconButton(t('Inspect request'), 'inspect', 'inspect', () => send({ type: 'inspect', messageId: m.id })),
    iconButton(t('Copy as curl'), 'terminal', 'copy-curl', () => send({ type: 'copyCurl', messageId: m.id })),
  ];
}
