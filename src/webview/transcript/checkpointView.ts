// Under an answer whose tools changed files: the files it changed and "Restore checkpoint" (the host
// asks how, shows conflicts and restores); once restored, a line that says so.
import type { MessageRecord } from '../../shared/conversation';
import { el, textButton } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

const marks = { created: 'A', edited: 'M', deleted: 'D' } as const;

export function renderCheckpoint(m: MessageRecord): HTMLElement | '' {
  const c = m.checkpoint;
  if (m.role !== 'assistant' || !c?.files.length) return '';
  const changes = { created: t('created'), edited: t('edited'), deleted: t('deleted') };
  const list = el('ul', { className: 'checkpoint-files' }, ...c.files.map((f) =>
    el('li', { testId: 'checkpoint-file', data: { change: f.change }, title: changes[f.change] },
      el('span', { className: `checkpoint-mark ${f.change}`, textContent: marks[f.change], attrs: { 'aria-label': changes[f.change] } }), ' ', f.path)));
  const action = c.restored
    ? el('span', { className: 'muted', testId: 'checkpoint-restored', textContent: t('Checkpoint restored') })
    : m.status === 'streaming' ? ''
      : textButton(t('Restore checkpoint'), 'restore-checkpoint', () => send({ type: 'restoreCheckpoint', messageId: m.id }));
  return el('div', { className: 'checkpoint', testId: 'checkpoint' },
    el('div', { className: 'muted', textContent: t('Files changed by this answer') }), list,
    c.commands ? el('div', { className: 'muted', textContent: t('It also ran terminal commands; a restore cannot undo those.') }) : '',
    action);
}
