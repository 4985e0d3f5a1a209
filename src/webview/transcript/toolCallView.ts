// Each tool call in the transcript: name, file link, state, arguments and result (expandable), and
// while it waits for the user, what will happen with Approve / Reject.
import type { ToolApprovalView, ToolCallRecord } from '../../shared/conversation';
import { visibleText } from '../../shared/visibleText';
import { el, textButton } from '../dom';
import { t } from '../i18n';
import { send } from '../vscodeApi';
import { assertNever } from '../../shared/assertNever';

/** What each shown call element was built from: an unchanged call keeps its element. */
const builtFrom = new WeakMap<HTMLElement, string>();

/**
 * What a call's element shows that can change. A call's name and arguments are fixed once it exists,
 * and its result and images are set once, when it ends: their sizes stand for them, so a key never
 * copies a 256 KB result or an image's data URL.
 */
const shownKey = (c: ToolCallRecord): string =>
  JSON.stringify([c.state, c.isError, c.path, c.approval, c.arguments.length, c.result?.length, Array.isArray(c.images) ? c.images.length : 0]);

/**
 * Shows `calls` in `list`, rebuilding only the calls that changed. An approval stays the same element
 * while other calls or the message update: a click on Approve, a reason being typed or the
 * "allow for the conversation" tick are never lost to a re-render.
 */
export function renderToolCalls(list: HTMLElement, calls: readonly ToolCallRecord[]): void {
  const shown = new Map([...list.children].map((n) => [(n as HTMLElement).dataset.callId, n as HTMLElement]));
  const next = calls.map((c) => {
    const key = shownKey(c);
    const old = shown.get(c.id);
    if (old && builtFrom.get(old) === key) return old;
    const fresh = renderCall(c);
    builtFrom.set(fresh, key);
    // An expanded call stays expanded when its state changes.
    if (old?.querySelector('details')?.open) fresh.querySelector('details')!.open = true;
    return fresh;
  });
  if (next.length !== list.children.length || next.some((n, i) => list.children[i] !== n)) list.replaceChildren(...next);
}

function stateLabel(c: ToolCallRecord): string {
  switch (c.state) {
    case 'pending': return c.approval ? t('waiting for you') : t('pending');
    case 'approved': return t('running');
    case 'rejected': return t('rejected');
    case 'done': return c.isError ? t('done with an error') : t('done');
    case 'failed': return t('failed');
    default: return assertNever(c.state);
  }
}

function renderCall(c: ToolCallRecord): HTMLElement {
  const link = c.path ? el('a', { href: '#', className: 'tool-file', testId: 'tool-file', textContent: c.path, title: c.path }) : '';
  if (link) link.addEventListener('click', (e) => { e.preventDefault(); send({ type: 'openFile', path: c.path! }); });
  const summary = el('summary', {},
    el('span', { className: 'codicon codicon-tools', attrs: { 'aria-hidden': 'true' } }), ' ',
    el('span', { className: 'tool-name', textContent: c.name }), ' ', link, ' ',
    el('span', { className: `tool-state ${c.state}`, testId: 'tool-state', textContent: stateLabel(c) }));
  const details = el('details', { className: 'tool-details' }, summary,
    el('div', { className: 'muted', textContent: t('Arguments') }),
    el('pre', { className: 'tool-args', testId: 'tool-args', textContent: prettyJson(c.arguments) }),
    c.result !== undefined ? el('div', { className: 'muted', textContent: t('Result') }) : '',
    c.result !== undefined ? el('pre', { className: `tool-result ${c.isError ? 'error-text' : ''}`, testId: 'tool-result', textContent: preview(c.result) }) : '',
    ...(Array.isArray(c.images) ? c.images : []).filter(isImageData).map((src) => el('img', { className: 'tool-image', testId: 'tool-image', attrs: { src, alt: t('Image from {0}', c.name) } })));
  return el('div', { className: 'tool-call', testId: 'tool-call', data: { toolName: c.name, state: c.state, callId: c.id } },
    details, c.state === 'pending' && c.approval ? renderApproval(c.id, c.approval) : '');
}

function renderApproval(callId: string, a: ToolApprovalView): HTMLElement {
  const what = {
    edit: t('Change {0} (the diff is open in the editor)', a.summary),
    rename: t('Rename {0}', a.summary),
    delete: t('Delete {0}', a.summary),
    terminal: t('Run this command in {0}:', a.cwd ?? '.'),
    read: t('Read {0}', a.summary),
    external: a.origin === 'extension' ? t('Call {0} from another extension with:', a.tool ?? '') : t('Call {0} on the MCP server {1} with:', a.tool ?? '', a.summary),
  }[a.kind];
  const allow = el('input', { type: 'checkbox', testId: 'allow-conversation' });
  const reason = el('input', { type: 'text', className: 'reject-reason', testId: 'reject-reason', placeholder: t('Reason (optional, sent to the model)') });
  const decide = (approved: boolean) => send({ type: 'toolDecision', callId, approved, reason: reason.value, allowForConversation: allow.checked });
  return el('div', { className: 'tool-approval', testId: 'tool-approval', attrs: { role: 'group', 'aria-label': t('Approve this tool call?') } },
    el('div', { className: 'tool-approval-what', textContent: what }),
    a.kind === 'terminal' ? el('pre', { className: 'tool-command', testId: 'tool-command', textContent: visibleText(a.summary) }) : '',
    a.kind === 'external' ? el('pre', { className: 'tool-command', testId: 'tool-command', textContent: visibleText(a.args ?? '{}') }) : '',
    a.sensitive ? el('div', { className: 'warning-text', textContent: t('This touches a protected file (settings, git, build scripts, .env) or something outside the workspace.') }) : '',
    a.canAllowForConversation ? el('label', { className: 'allow' }, allow, ' ', t('Allow {0} for the rest of this conversation', a.toolName)) : '',
    reason,
    el('div', { className: 'error-actions' },
      textButton(t('Approve'), 'approve', () => decide(true), 'primary'),
      textButton(t('Reject'), 'reject', () => decide(false))));
}

/** Only inline raster images: the CSP allows `data:`, and nothing else may be loaded. */
const isImageData = (src: unknown): src is string => typeof src === 'string' && /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(src);

function prettyJson(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function preview(text: string): string {
  return text.length > 4000 ? `${text.slice(0, 4000)}\n…` : text;
}
