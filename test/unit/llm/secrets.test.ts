import assert from 'node:assert/strict';
import { Tracer } from '../../../src/llm/trace';
import type { TraceEvent } from '../../../src/llm/types';
import { collect, harness, KEY, rejects, req, type Harness } from './helpers';

// Every secret the client knows must stay out of what it hands on: errors, traces, and what is built
// from them (the error record, "Copy as curl", log lines made of error messages).
const TOKEN = 'relay-TOKEN-9f8e7d6c5b4a3210';
const MARKED = 'marked-VALUE-5566778899';
const QUERY_KEY = 'query-KEY-aabbccddeeff0011';
const ALL = [KEY, TOKEN, MARKED, QUERY_KEY];

function leaks(text: string): string[] {
  // A third of any secret is already a leak: the cut-then-redact bug left exactly such prefixes.
  return ALL.filter((s) => text.includes(s) || text.includes(s.slice(0, Math.ceil(s.length / 3))));
}

function chunkTexts(events: TraceEvent[]): string {
  return events.filter((e) => e.type === 'chunk').map((e) => (e as { text: string }).text).join('');
}

describe('llm: secrets never leave the client', () => {
  let h: Harness;
  before(async () => (h = await harness()));
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  describe('a key split across two network chunks (trace)', () => {
    it('the Tracer masks a key whose halves arrive in separate chunks', () => {
      const events: TraceEvent[] = [];
      const tracer = new Tracer((e) => events.push(e), [KEY]);
      const body = new TextEncoder().encode(`data: {"content":"${KEY}"}\n\n`);
      const cut = 20 + Math.floor(KEY.length / 2);
      tracer.bytes(body.slice(0, cut));
      tracer.bytes(body.slice(cut));
      tracer.end();
      assert.equal(chunkTexts(events), 'data: {"content":"***"}\n\n');
    });

    it('over the wire: the raw response in the trace shows *** where the echoed key was split', async () => {
      const first = `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"echo ${KEY}"},"finish_reason":null}]}\n\n`;
      const sse = `${first}data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`;
      const middleOfKey = Buffer.byteLength(first.slice(0, first.indexOf(KEY) + 10));
      h.gw.enqueue({ sse, stream: { splitAt: [middleOfKey], delayMs: 20 } });
      const events: TraceEvent[] = [];
      const r = await collect(h.client().stream(req('m'), { trace: (e) => events.push(e) }));
      assert.equal(r.error, undefined);
      assert.ok(events.filter((e) => e.type === 'chunk').length >= 2, 'the body arrived in pieces');
      assert.deepEqual(leaks(chunkTexts(events)), []);
      assert.match(chunkTexts(events), /"content":"echo \*\*\*"/);
    });
  });

  describe('bodies are redacted before they are cut to a short message', () => {
    const nearTheCut = (n: number) => `${'x'.repeat(n)} ${KEY} and more text after it`;

    it('a text/plain error body (cut at 200)', async () => {
      h.gw.enqueue({ status: 500, text: nearTheCut(185) });
      const e = await rejects(h.client({ maxRetries: 0 }).complete(req('m')));
      assert.equal(e.kind, 'server');
      assert.deepEqual(leaks(e.message), []);
    });

    it('an HTML error page title (cut at 120)', async () => {
      h.gw.enqueue({ status: 502, html: `<html><head><title>${nearTheCut(105)}</title></head><body>x</body></html>` });
      const e = await rejects(h.client({ maxRetries: 0 }).complete(req('m')));
      assert.deepEqual(leaks(e.message), []);
    });

    it('a 200 answer that is not JSON (cut at 120)', async () => {
      h.gw.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, text: nearTheCut(100) });
      const e = await rejects(h.client({ maxRetries: 0 }).complete(req('m')));
      assert.equal(e.kind, 'protocol');
      assert.deepEqual(leaks(e.message), []);
    });

    it('a non-JSON error event inside a 200 stream (cut at 200)', async () => {
      h.gw.enqueue({ sse: `event: error\ndata: ${nearTheCut(185)}\n\n` });
      const r = await collect(h.client({ maxRetries: 0 }).stream(req('m')));
      assert.equal(r.error?.kind, 'server');
      assert.deepEqual(leaks(r.error!.message), []);
    });
  });
});
