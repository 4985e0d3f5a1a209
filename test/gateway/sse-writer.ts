import type { ServerResponse } from 'node:http';
import type { ErrorBody, StreamOptions } from './types';

// Turns chunk objects into SSE bytes with the quirks a test asks for, then writes them at
// chosen byte boundaries and rates, and ends, breaks or goes silent as scripted.

export interface Segment {
  text: string;
  /** True for data events (what errorAfter/disconnectAfter/silenceAfter count). */
  event: boolean;
}

export type Ending = { kind: 'end' } | { kind: 'destroy' } | { kind: 'silence'; keepAliveMs?: number };

export interface SsePlan {
  body: Buffer;
  /** Byte offsets where one write ends and the next begins. */
  boundaries: number[];
  ending: Ending;
  /** Replaced in each write by the time of the write (StreamOptions.stampPlaceholder). */
  stamp?: string;
}

function eventText(data: string, eol: string, multiLine: boolean, eventName?: string): string {
  let out = eventName ? `event: ${eventName}${eol}` : '';
  if (multiLine && data.startsWith('{')) {
    const pretty = JSON.stringify(JSON.parse(data), null, 1);
    for (const line of pretty.split('\n')) out += `data: ${line}${eol}`;
  } else {
    out += `data: ${data}${eol}`;
  }
  return out + eol;
}

export function errorEvent(error: ErrorBody, style: 'event' | 'data', eol: string): string {
  const data = JSON.stringify({ error });
  return style === 'event' ? eventText(data, eol, false, 'error') : eventText(data, eol, false);
}

/** SSE segments for chunk objects (or a raw SSE string), with comments, [DONE] and cut-offs applied. */
export function planSse(chunks: object[] | string, opts: StreamOptions = {}): SsePlan {
  const eol = opts.eol ?? '\n';
  const segments: Segment[] = [];
  if (opts.bom) segments.push({ text: '\uFEFF', event: false });
  for (const c of opts.comments ?? []) segments.push({ text: `: ${c}${eol}${eol}`, event: false });
  if (typeof chunks === 'string') {
    segments.push({ text: chunks, event: false });
  } else {
    chunks.forEach((c, i) => {
      segments.push({ text: eventText(JSON.stringify(c), eol, !!opts.multiLineData), event: true });
      if (opts.keepAliveEvery && (i + 1) % opts.keepAliveEvery === 0) segments.push({ text: `: keep-alive${eol}${eol}`, event: false });
    });
    if (opts.done !== false) segments.push({ text: `data: [DONE]${eol}${eol}`, event: true });
  }
  let ending: Ending = { kind: 'end' };
  const cut = opts.errorAfter?.events ?? opts.disconnectAfter?.events ?? opts.silenceAfter?.events;
  if (cut !== undefined) {
    let seen = 0;
    let at = segments.length;
    for (let i = 0; i < segments.length; i++) {
      if (seen === cut) {
        at = i;
        break;
      }
      if (segments[i].event) seen++;
    }
    segments.length = at;
    if (opts.errorAfter) segments.push({ text: errorEvent(opts.errorAfter.error, opts.errorAfter.style ?? 'data', eol), event: true });
    else if (opts.disconnectAfter) ending = { kind: opts.disconnectAfter.mode ?? 'destroy' };
    else if (opts.silenceAfter) ending = { kind: 'silence', keepAliveMs: opts.silenceAfter.keepAliveMs };
  }
  let text = segments.map((s) => s.text).join('');
  if (opts.noFinalBlankLine && text.endsWith(eol + eol)) text = text.slice(0, -eol.length);
  const body = Buffer.from(text, 'utf8');
  let boundaries: number[];
  if (opts.splitAt) boundaries = opts.splitAt.filter((b) => b > 0 && b < body.length).sort((a, b) => a - b);
  else if (opts.chunkBytes && opts.chunkBytes > 0) {
    boundaries = [];
    for (let b = opts.chunkBytes; b < body.length; b += opts.chunkBytes) boundaries.push(b);
  } else {
    boundaries = [];
    let offset = 0;
    for (const s of segments) {
      offset += Buffer.byteLength(s.text, 'utf8');
      if (offset < body.length) boundaries.push(offset);
    }
  }
  return { body, boundaries, ending, stamp: opts.stampPlaceholder };
}

/** The bytes of one write, with the send-time placeholder (if any) filled in now. */
function stamped(bytes: Buffer, stamp: string | undefined): Buffer {
  if (!stamp || !bytes.includes(stamp)) return bytes;
  // latin1 maps bytes to characters one to one, so multi-byte UTF-8 around the stamp survives.
  return Buffer.from(bytes.toString('latin1').replaceAll(stamp, String(Date.now()).padStart(stamp.length, '0')), 'latin1');
}

export function delayOf(opts: StreamOptions | undefined): number {
  if (!opts) return 0;
  if (opts.rate && opts.rate > 0) return 1000 / opts.rate;
  return opts.delayMs ?? 0;
}

export async function writePlan(res: ServerResponse, plan: SsePlan, delayMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  res.socket?.setNoDelay(true);
  const cuts = [...plan.boundaries, plan.body.length];
  let start = 0;
  for (const end of cuts) {
    if (res.destroyed) return;
    if (end > start) res.write(stamped(plan.body.subarray(start, end), plan.stamp));
    start = end;
    if (delayMs > 0 && end < plan.body.length) await sleep(delayMs);
  }
  if (res.destroyed) return;
  switch (plan.ending.kind) {
    case 'end':
      res.end();
      return;
    case 'destroy':
      // Let the written bytes leave before the reset, as a relay dropping mid-answer does.
      await sleep(5);
      res.socket?.destroy();
      return;
    case 'silence': {
      const every = plan.ending.keepAliveMs;
      while (!res.destroyed && every) {
        await sleep(every);
        if (!res.destroyed) res.write(': keep-alive\n\n');
      }
      return;
    }
  }
}
