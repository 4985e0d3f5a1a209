// What happened to an answer, said plainly: why it stopped (a `length` cut offers Continue), a
// refusal shown as the answer, the model the gateway actually served, a spoken answer with its
// transcript, and images the model returned as remote links (opened or saved only on a click).
import type { MessageRecord } from '../../shared/conversation';
import { el, iconButton, textButton } from '../dom';
import { t } from '../i18n';
import { isSafeLinkHref } from '../markdown';
import { send } from '../vscodeApi';

/** Ends that are the normal way an answer finishes need no line. */
const normalEnds = new Set(['stop', 'tool_calls', 'function_call', 'end_turn', 'eos']);

export function finishReasonLine(m: MessageRecord, isLast: boolean): HTMLElement | '' {
  const reason = m.finishReason;
  if (m.role !== 'assistant' || !reason || m.status === 'streaming' || m.candidates?.length || normalEnds.has(reason)) return '';
  const text = reason === 'length' ? t('Cut off: the answer reached the token limit.')
    : reason === 'content_filter' ? t('Stopped by the content filter.')
      : t('The model stopped: {0}', reason);
  const cont = reason === 'length' && isLast && m.status === 'complete'
    ? textButton(t('Continue'), 'continue', () => send({ type: 'continue', messageId: m.id }), 'primary') : '';
  return el('div', { className: `finish-reason ${reason === 'length' ? 'cut' : ''}`, testId: 'finish-reason', data: { reason }, attrs: { role: 'note' } },
    el('span', { textContent: text }), cont);
}

export function refusalBlock(m: MessageRecord): HTMLElement | '' {
  if (m.role !== 'assistant' || !m.refusal) return '';
  return el('div', { className: 'refusal', testId: 'refusal', attrs: { role: 'note' } },
    el('span', { className: 'codicon codicon-circle-slash', attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'refusal-label', textContent: t('The model declined:') }),
    el('span', { className: 'refusal-text', textContent: m.refusal }));
}

export function servedModelChip(m: MessageRecord): HTMLElement | '' {
  if (m.role !== 'assistant' || !m.servedModel) return '';
  return el('span', { className: 'served-model', testId: 'served-model', title: t('The gateway answered with a different model than the one asked for'),
    textContent: t('served by {0}', m.servedModel) });
}

/** A spoken answer: an <audio> player from its data: URL (CSP allows media from data: only) and what it said. */
export function audioBlock(m: MessageRecord): HTMLElement | '' {
  const a = m.role === 'assistant' ? m.audio : undefined;
  if (!a) return '';
  const playable = a.dataUrl && /^data:audio\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]*$/i.test(a.dataUrl);
  return el('div', { className: 'audio-answer', testId: 'audio-answer' },
    playable ? el('audio', { controls: true, src: a.dataUrl!, preload: 'metadata', testId: 'audio-player', attrs: { 'aria-label': t('The spoken answer') } })
      : el('div', { className: 'muted', textContent: t('This audio format cannot play here ({0}).', a.format ?? '?') }),
    a.transcript ? el('p', { className: 'audio-transcript', testId: 'audio-transcript', textContent: a.transcript }) : '');
}

/** Remote images are never loaded: each is a link (opened through the host after the user sees it) with Save. */
export function imageLinks(m: MessageRecord): HTMLElement | '' {
  const links = (m.role === 'assistant' ? m.imageLinks ?? [] : []).map((url, index) => ({ url, index })).filter(({ url }) => isSafeLinkHref(url));
  if (!links.length) return '';
  return el('ul', { className: 'image-links' }, ...links.map(({ url, index }) => {
    const open = el('a', { href: '#', className: 'image-link', testId: 'image-link', textContent: url, title: t('Open the image (not loaded here)') });
    open.addEventListener('click', (e) => {
      e.preventDefault();
      send({ type: 'openLink', href: url });
    });
    return el('li', {}, el('span', { className: 'codicon codicon-file-media', attrs: { 'aria-hidden': 'true' } }), open,
      iconButton(t('Save to workspace'), 'save', 'save-image-link', () => send({ type: 'saveImageLink', messageId: m.id, index })));
  }));
}
