// The chips above an answer naming what went along with its request: the prompt(s), each project
// rules file and each attachment. A file's chip opens it (the host checks the path); a prompt's
// chip shows its text below the row, as plain text.
import type { ContextSource, MessageRecord } from '../../shared/conversation';
import { assertNever } from '../../shared/assertNever';
import { el } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

function label(s: ContextSource): string {
  switch (s.kind) {
    case 'prompt': return { global: t('System prompt'), model: t('Model prompt'), conversation: t('Instructions') }[s.origin];
    case 'rule': return s.truncated ? t('{0} (cut at 64 KB)', s.path) : s.path;
    case 'attachment': return s.label;
    default: return assertNever(s);
  }
}

/** The row for an answer, or undefined when nothing went along. */
export function contextSourcesRow(m: MessageRecord): HTMLElement | undefined {
  if (m.role !== 'assistant' || !m.sources?.length) return undefined;
  const text = el('div', { className: 'context-source-text', testId: 'context-source-text', hidden: true });
  let shown: ContextSource | undefined;
  const chips = m.sources.map((s) => {
    const path = s.kind === 'rule' || s.kind === 'attachment' ? s.path : undefined;
    const chip = el('button', {
      type: 'button', className: `chip ${s.kind}`, testId: 'context-source', textContent: label(s),
      title: s.kind === 'prompt' ? label(s) : path ? t('Open {0}', path) : label(s),
      data: { kind: s.kind, ...(s.kind === 'prompt' ? { origin: s.origin } : {}), ...(path ? { path } : {}) },
      disabled: s.kind !== 'prompt' && !path,
    });
    chip.addEventListener('click', () => {
      if (s.kind !== 'prompt') return path && send({ type: 'openFile', path });
      // The same chip again closes the text.
      shown = shown === s ? undefined : s;
      text.hidden = !shown;
      text.textContent = shown?.kind === 'prompt' ? shown.text : '';
      chip.setAttribute('aria-expanded', String(!!shown));
    });
    if (s.kind === 'prompt') chip.setAttribute('aria-expanded', 'false');
    return chip;
  });
  return el('div', { className: 'context-sources', testId: 'context-sources', attrs: { role: 'group', 'aria-label': t('Sent with this request') } },
    el('div', { className: 'chips' }, ...chips), text);
}
