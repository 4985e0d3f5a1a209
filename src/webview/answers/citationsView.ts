// Web search citations: numbered markers [1], [2] where each cited span ends, and the "Sources" list
// under the answer. Links open only through the host (it shows the target first), like every link.
//
// The markers go in before markdown rendering, as placeholders made of control characters: markdown
// and the sanitizer keep them as plain text wherever they land (a list, a table cell, emphasis), a bare
// URL's autolink stops at them, and afterwards each one is swapped for a marker element. Nothing of the
// model's enters the DOM except as text.
import type { Citation } from '../../shared/conversation';
import { el } from '../dom';
import { t } from '../i18n';
import { isSafeLinkHref } from '../markdown';
import { send } from '../vscodeApi';

export interface Source {
  number: number;
  url: string;
  title?: string;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';
const PLACEHOLDER = /\u0002(\d+)\u0003/g;

/** One numbered source per distinct URL, in the order they were first cited. */
export function citationSources(citations: Citation[]): Source[] {
  const byUrl = new Map<string, Source>();
  for (const c of citations) {
    const known = byUrl.get(c.url);
    if (!known) byUrl.set(c.url, { number: byUrl.size + 1, url: c.url, ...(c.title ? { title: c.title } : {}) });
    else if (!known.title && c.title) known.title = c.title;
  }
  return [...byUrl.values()];
}

/**
 * The answer with a placeholder at the end of each cited span, or undefined when no citation says
 * where it ends. `end` counts characters as code points (what the gateways' Python counts).
 */
export function withCitationPlaceholders(text: string, citations: Citation[], sources: Source[]): string | undefined {
  const numberOf = new Map(sources.map((s) => [s.url, s.number]));
  const at = new Map<number, Set<number>>();
  for (const c of citations) {
    if (typeof c.end !== 'number' || !Number.isFinite(c.end) || c.end < 0) continue;
    const offset = outsideCode(text, outsideLinkTarget(text, utf16Offset(text, c.end)));
    if (offset === undefined) continue;
    const set = at.get(offset) ?? new Set<number>();
    set.add(numberOf.get(c.url)!);
    at.set(offset, set);
  }
  if (!at.size) return undefined;
  const clean = (s: string) => s.replace(/[\u0002\u0003]/g, '');
  let out = '';
  let last = 0;
  for (const offset of [...at.keys()].sort((a, b) => a - b)) {
    out += clean(text.slice(last, offset)) + [...at.get(offset)!].sort((a, b) => a - b).map((n) => `${OPEN}${n}${CLOSE}`).join('');
    last = offset;
  }
  return out + clean(text.slice(last));
}

/** Swaps every placeholder in the rendered answer for its marker. */
export function placeCitationMarkers(container: HTMLElement, sources: Source[]): void {
  const byNumber = new Map(sources.map((s) => [s.number, s]));
  const walker = container.ownerDocument.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.includes(OPEN)) texts.push(n as Text);
  for (const node of texts) {
    const parts: (string | Node)[] = [];
    let last = 0;
    for (const m of node.data.matchAll(PLACEHOLDER)) {
      parts.push(node.data.slice(last, m.index));
      const source = byNumber.get(Number(m[1]));
      if (source) parts.push(marker(source));
      last = m.index! + m[0].length;
    }
    parts.push(node.data.slice(last));
    node.replaceWith(...parts.filter((p) => p !== ''));
  }
}

/** The numbered list of sources under the answer. */
export function sourcesList(sources: Source[]): HTMLElement {
  return el('div', { className: 'citations' },
    el('div', { className: 'citations-heading muted', textContent: t('Sources') }),
    el('ol', { className: 'citation-list' }, ...sources.map((s) => {
      const host = hostOf(s.url);
      const label = [el('span', { className: 'citation-number', textContent: `[${s.number}]` }),
        el('span', { className: 'citation-title', textContent: s.title || host || s.url }),
        host && s.title ? el('span', { className: 'citation-host muted', textContent: host }) : ''];
      const item = isSafeLinkHref(s.url)
        ? el('button', { type: 'button', className: 'citation-source', title: s.url }, ...label)
        : el('span', { className: 'citation-source inert', title: s.url }, ...label);
      item.addEventListener('click', (e) => open(e, s.url));
      return el('li', { testId: 'citation', data: { url: s.url } }, item);
    })));
}

function marker(s: Source): HTMLElement {
  const button = el('button', {
    type: 'button', className: 'citation-ref', testId: 'citation-marker', textContent: `[${s.number}]`,
    title: s.title ? `${s.title}\n${s.url}` : s.url, attrs: { 'aria-label': t('Source {0}: {1}', s.number, s.title || s.url) },
  });
  button.addEventListener('click', (e) => open(e, s.url));
  return el('sup', { className: 'citation-marker' }, button);
}

function open(e: Event, url: string): void {
  // A marker may sit inside a link of the answer: that link must not open instead.
  e.preventDefault();
  e.stopPropagation();
  if (isSafeLinkHref(url)) send({ type: 'openLink', href: url });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** An offset inside a link's `](target)` moves after it: a marker there would break the link. */
function outsideLinkTarget(text: string, offset: number): number {
  const open = text.lastIndexOf('](', offset - 1);
  if (open < 0 || open + 2 > offset) return offset;
  const close = text.indexOf(')', open);
  if (close < offset || /\s/.test(text.slice(open, close))) return offset;
  return close + 1;
}

/**
 * An offset inside a fenced code block moves to the end of the text before the block (code is copied
 * as it is, and a fence line with anything after it is no fence); with no text before it, no marker.
 */
function outsideCode(text: string, offset: number): number | undefined {
  const fences = [...text.slice(0, offset).matchAll(/^ {0,3}(`{3,}|~{3,})/gm)];
  if (fences.length % 2 === 0) return offset;
  return text.slice(0, fences.at(-1)!.index).trimEnd().length || undefined;
}

function utf16Offset(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}
