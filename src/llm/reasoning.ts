// Reasoning arrives in several dialects; this file turns each into plain reasoning text.
import { assertNever } from '../shared/assertNever';

/**
 * Reasoning text carried by one delta (or a whole message). Relays such as OpenRouter send
 * the same text both as `reasoning` and `reasoning_details`, so only one dialect is read.
 */
export function reasoningFromDelta(d: Record<string, unknown>): string | undefined {
  const rc = d.reasoning_content;
  if (typeof rc === 'string' && rc !== '') return rc;
  const r = d.reasoning;
  if (typeof r === 'string' && r !== '') return r;
  const details = d.reasoning_details;
  if (Array.isArray(details) && details.length > 0) {
    let out = '';
    for (const item of details) {
      if (!item || typeof item !== 'object') continue;
      const it = item as Record<string, unknown>;
      if (typeof it.text === 'string') out += it.text;
      else if (typeof it.summary === 'string') out += it.summary;
    }
    return out === '' ? undefined : out;
  }
  return undefined;
}

const OPEN = '<think>';
const CLOSE = '</think>';

const enum State { Start, Inside, AfterClose, Plain }

export type Sink = (kind: 'text' | 'reasoning', text: string) => void;

/**
 * Splits `<think>...</think>` at the start of content into reasoning. Works on deltas of
 * any size: a tag split across chunks is held back until it is known whether it is a tag.
 * Whitespace right after `<think>` and after `</think>` is dropped so the stream and the
 * whole-message forms assemble identically.
 */
export class ThinkSplitter {
  private state = State.Start;
  private buf = '';
  private reasoningStarted = false;

  get plain(): boolean {
    return this.state === State.Plain;
  }

  push(text: string, sink: Sink): void {
    switch (this.state) {
      case State.Plain:
        sink('text', text);
        return;
      case State.Start:
        this.start(text, sink);
        return;
      case State.Inside:
        this.inside(text, sink);
        return;
      case State.AfterClose:
        this.afterClose(text, sink);
        return;
      default:
        assertNever(this.state);
    }
  }

  /** Flushes whatever is held back; a `<think>` never closed is all reasoning. */
  finish(sink: Sink): void {
    const held = this.buf;
    this.buf = '';
    if (held === '') return;
    if (this.state === State.Start) sink('text', held);
    else if (this.state === State.Inside) sink('reasoning', held);
  }

  /** What `finish` would flush, without changing state (for partial answers). */
  pending(): { kind: 'text' | 'reasoning'; text: string } | undefined {
    if (this.buf === '') return undefined;
    if (this.state === State.Start) return { kind: 'text', text: this.buf };
    if (this.state === State.Inside) return { kind: 'reasoning', text: this.buf };
    return undefined;
  }

  private start(text: string, sink: Sink): void {
    const all = this.buf + text;
    const t = all.trimStart();
    if (t === '') {
      this.buf = all;
      return;
    }
    if (t.startsWith(OPEN)) {
      this.buf = '';
      this.state = State.Inside;
      this.inside(t.slice(OPEN.length), sink);
      return;
    }
    if (OPEN.startsWith(t)) {
      this.buf = all;
      return;
    }
    this.buf = '';
    this.state = State.Plain;
    sink('text', all);
  }

  private inside(text: string, sink: Sink): void {
    let all = this.buf + text;
    if (!this.reasoningStarted) {
      all = all.trimStart();
      if (all === '') {
        this.buf = '';
        return;
      }
    }
    const idx = all.indexOf(CLOSE);
    if (idx >= 0) {
      this.buf = '';
      this.emitReasoning(all.slice(0, idx).trimEnd(), sink);
      this.state = State.AfterClose;
      this.afterClose(all.slice(idx + CLOSE.length), sink);
      return;
    }
    // Hold back a possible partial closing tag and the whitespace before it, which is
    // dropped if the tag follows.
    let keep = all.length - partialSuffix(all, CLOSE);
    while (keep > 0 && isSpace(all.charCodeAt(keep - 1))) keep--;
    this.buf = all.slice(keep);
    this.emitReasoning(all.slice(0, keep), sink);
  }

  private emitReasoning(s: string, sink: Sink): void {
    if (s === '') return;
    this.reasoningStarted = true;
    sink('reasoning', s);
  }

  private afterClose(text: string, sink: Sink): void {
    const t = text.trimStart();
    if (t === '') return;
    this.state = State.Plain;
    sink('text', t);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Length of the longest suffix of `s` that is a proper prefix of `tag`. */
function partialSuffix(s: string, tag: string): number {
  const max = Math.min(tag.length - 1, s.length);
  for (let n = max; n > 0; n--) {
    if (s.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}
