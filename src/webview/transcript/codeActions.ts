// The toolbar on each finished code block, and links that open only through the host.
import { el, iconButton } from '../dom';
import { t } from '../i18n';
import type { RenderHooks } from '../markdown';
import { send } from '../vscodeApi';

export class CodeActions {
  readonly hooks: RenderHooks = {
    decorateCodeBlock: ({ pre, code, lang }) => {
      const bar = el('div', { className: 'code-toolbar' },
        el('span', { className: 'code-lang muted', textContent: lang }),
        iconButton(t('Copy'), 'copy', 'copy', () => send({ type: 'copy', text: code })),
        iconButton(t('Insert at cursor'), 'insert', 'insert', () => send({ type: 'insertCode', code })),
        iconButton(t('Apply to the active editor (shows a diff)'), 'diff', 'apply', () => send({ type: 'applyCode', code, language: lang })),
        iconButton(t('Save as a new file'), 'save', 'save-code', () => send({ type: 'saveCode', code, language: lang })));
      pre.before(bar);
    },
    onLinkClick: (href) => send({ type: 'openLink', href }),
  };
}
