// An answer to a JSON-output request as a collapsible tree, with copy, the schema check the host made,
// and a Tree / Text switch back to the markdown. Everything is built with textContent.
import type { MessageRecord } from '../../shared/conversation';
import { parseJsonAnswer } from '../../shared/jsonAnswer';
import { el, iconButton } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';

const OPEN_DEPTH = 2;
const MAX_CHILDREN = 500;
/** Tree or Text per message, so a re-render (the message completing, becoming not-last) keeps the choice. */
const modes = new Map<string, 'tree' | 'text'>();

/** Whether `m` is a settled answer that asked for JSON (a tool step is not an answer). */
export function isJsonAnswer(m: MessageRecord): boolean {
  return m.role === 'assistant' && !!m.json && m.status === 'complete' && !m.toolCalls?.length && !!m.content.trim();
}

/** The JSON view for `m`; `markdown` is the message's rendered text, shown in Text mode. */
export function jsonAnswerView(m: MessageRecord, markdown: HTMLElement): HTMLElement {
  const parsed = parseJsonAnswer(m.content);
  const body = parsed.ok
    ? el('div', { className: 'json-tree', testId: 'json-tree' }, jsonNode(undefined, parsed.value, 0))
    : el('div', { className: 'json-invalid-block' },
      el('div', { className: 'json-invalid warning-text', testId: 'json-invalid', textContent: t('The answer is not valid JSON: {0}', parsed.error) }),
      el('pre', { className: 'json-raw', textContent: m.content }));
  const treeButton = el('button', { type: 'button', className: 'json-mode', testId: 'json-mode-tree', textContent: t('Tree') });
  const textButton = el('button', { type: 'button', className: 'json-mode', testId: 'json-mode-text', textContent: t('Text') });
  const setMode = (mode: 'tree' | 'text') => {
    modes.set(m.id, mode);
    body.hidden = mode !== 'tree';
    markdown.hidden = mode === 'tree';
    treeButton.setAttribute('aria-pressed', String(mode === 'tree'));
    textButton.setAttribute('aria-pressed', String(mode === 'text'));
  };
  treeButton.addEventListener('click', () => setMode('tree'));
  textButton.addEventListener('click', () => setMode('text'));
  const copy = parsed.ok
    ? iconButton(t('Copy JSON'), 'copy', 'json-copy', () => send({ type: 'copy', text: JSON.stringify(parsed.value, null, 2) }))
    : '';
  const bar = el('div', { className: 'json-bar' },
    el('span', { className: 'codicon codicon-json', attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'json-mode-group', attrs: { role: 'group', 'aria-label': t('Show the answer as') } }, treeButton, textButton),
    el('span', { className: 'spacer' }), copy);
  const root = el('div', { className: 'json-answer' }, bar, schemaCheck(m), body);
  setMode(modes.get(m.id) ?? 'tree');
  return root;
}

/** What the host found checking the answer against the schema (nothing without a schema). */
function schemaCheck(m: MessageRecord): HTMLElement | '' {
  const check = m.jsonCheck;
  if (!check || m.json?.mode !== 'schema') return '';
  if (check.valid) return el('div', { className: 'json-valid muted', testId: 'json-valid', textContent: t('Matches the schema "{0}".', m.json.name) });
  return el('div', { className: 'json-violations', attrs: { role: 'alert' } },
    el('div', { className: 'warning-text', textContent: t('Does not match the schema "{0}":', m.json.name) }),
    el('ul', {}, ...check.errors.map((e) => el('li', { testId: 'json-violation', textContent: e }))));
}

function jsonNode(key: string | undefined, value: unknown, depth: number): HTMLElement {
  const keyPart = key === undefined ? '' : el('span', { className: 'json-key', textContent: key });
  if (value === null || typeof value !== 'object') {
    return el('div', { className: 'json-leaf' }, keyPart, key === undefined ? '' : ': ', leaf(value));
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const count = entries.length;
  const summaryText = Array.isArray(value)
    ? `[ ] ${count === 1 ? t('1 item') : t('{0} items', count)}`
    : `{ } ${count === 1 ? t('1 key') : t('{0} keys', count)}`;
  const children = el('div', { className: 'json-children' });
  const details = el('details', { className: 'json-node' },
    el('summary', {}, keyPart, key === undefined ? '' : ': ', el('span', { className: 'json-summary muted', textContent: summaryText })),
    children);
  // Deep or long parts render when first opened: a big answer costs nothing until looked at.
  const fill = () => {
    if (children.childElementCount || !entries.length) return;
    children.append(...entries.slice(0, MAX_CHILDREN).map(([k, v]) => jsonNode(k, v, depth + 1)));
    if (entries.length > MAX_CHILDREN) children.append(el('div', { className: 'muted', textContent: t('... {0} more', entries.length - MAX_CHILDREN) }));
  };
  details.addEventListener('toggle', () => details.open && fill());
  if (depth < OPEN_DEPTH) {
    details.open = true;
    fill();
  }
  return details;
}

function leaf(value: unknown): HTMLElement {
  const type = value === null ? 'null' : typeof value;
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return el('span', { className: `json-value json-${type}`, textContent: text });
}
