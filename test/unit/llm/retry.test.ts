import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { RetryInfo } from '../../../src/llm/index';
import { backoffMs, retryAfterFromHeaders, shouldRetryResponse } from '../../../src/llm/retry';
import { collect, harness, rejects, req, type Harness } from './helpers';

const rateLimited = (headers: Record<string, string>) => ({ status: 429, headers, error: { message: 'slow down', code: 'rate_limit_exceeded' } });
const ok = { answer: { content: 'finally' } };

describe('llm: retries', function () {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  it('retry-after-ms is honoured, onRetry and a retry event report the wait', async () => {
    h.gw.enqueue({ sequence: [rateLimited({ 'retry-after-ms': '40' }), ok] });
    const seen: RetryInfo[] = [];
    const t0 = Date.now();
    const r = await collect(h.client().stream(req('m'), { onRetry: (x) => seen.push(x) }));
    assert.ok(Date.now() - t0 >= 38);
    assert.equal(r.done?.choices[0].content, 'finally');
    assert.equal(seen.length, 1);
    assert.equal(seen[0].attempt, 1);
    assert.equal(seen[0].waitMs, 40);
    assert.equal(seen[0].error.kind, 'rateLimit');
    assert.equal(seen[0].error.retryAfterMs, 40);
    assert.deepEqual(r.events[0], { type: 'retry', attempt: 1, waitMs: 40, error: seen[0].error });
    assert.equal(h.gw.requests.length, 2);
  });

  it('Retry-After in seconds and as an HTTP date', async () => {
    h.gw.enqueue({ sequence: [rateLimited({ 'retry-after': '0' }), rateLimited({ 'retry-after': new Date(Date.now() - 5000).toUTCString() }), ok] });
    const seen: number[] = [];
    const r = await h.client().complete(req('m'), { onRetry: (x) => seen.push(x.waitMs) });
    assert.equal(r.choices[0].content, 'finally');
    assert.deepEqual(seen, [0, 0]);
  });

  it('retryAfterFromHeaders parses each form; retry-after-ms wins', () => {
    const now = Date.parse('Tue, 01 Jul 2025 12:00:00 GMT');
    assert.equal(retryAfterFromHeaders({ 'retry-after': '3' }, now), 3000);
    assert.equal(retryAfterFromHeaders({ 'retry-after': '1.5' }, now), 1500);
    assert.equal(retryAfterFromHeaders({ 'retry-after': 'Tue, 01 Jul 2025 12:00:07 GMT' }, now), 7000);
    assert.equal(retryAfterFromHeaders({ 'retry-after': 'Tue, 01 Jul 2025 11:00:00 GMT' }, now), 0);
    assert.equal(retryAfterFromHeaders({ 'retry-after': '2', 'retry-after-ms': '250' }, now), 250);
    assert.equal(retryAfterFromHeaders({ 'retry-after': 'soon' }, now), undefined);
    assert.equal(retryAfterFromHeaders({}, now), undefined);
  });

  it('without headers: exponential backoff with jitter', async () => {
    h.gw.enqueue({ sequence: [{ status: 500, error: { message: 'a' } }, { status: 503, text: 'b' }, ok] });
    const waits: number[] = [];
    const r = await h.client({ retryBaseMs: 20 }).complete(req('m'), { onRetry: (x) => waits.push(x.waitMs) });
    assert.equal(r.choices[0].content, 'finally');
    assert.equal(waits.length, 2);
    assert.ok(waits[0] >= 15 && waits[0] <= 20, String(waits[0]));
    assert.ok(waits[1] >= 30 && waits[1] <= 40, String(waits[1]));
    for (let i = 0; i < 200; i++) {
      const w = backoffMs(3, 500);
      assert.ok(w >= 3000 && w <= 4000);
    }
    assert.ok(backoffMs(20, 500) <= 8000);
  });

  it('2 retries by default, then the last error', async () => {
    h.gw.enqueue({ sequence: [{ status: 502, text: '1' }, { status: 502, text: '2' }, { status: 502, text: '3' }, ok] });
    const e = await rejects(h.client().complete(req('m')));
    assert.equal(e.kind, 'server');
    assert.equal(e.message, 'HTTP 502 Bad Gateway: 3');
    assert.equal(h.gw.requests.length, 3);
  });

  it('maxRetries: 0 does not retry', async () => {
    h.gw.enqueue({ sequence: [{ status: 503, text: 'x' }, ok] });
    await rejects(h.client({ maxRetries: 0 }).complete(req('m')));
    assert.equal(h.gw.requests.length, 1);
  });

  it('408 and 409 are retried; 400, 401, 404 and 422 are not', async () => {
    h.gw.enqueue({ sequence: [{ status: 408, text: '' }, { status: 409, error: { message: 'conflict' } }, ok] });
    assert.equal((await h.client().complete(req('m'))).choices[0].content, 'finally');
    for (const status of [400, 401, 404, 422]) {
      h.gw.reset();
      h.gw.enqueue({ sequence: [{ status, error: { message: 'no' } }, ok] });
      await rejects(h.client().complete(req('m')));
      assert.equal(h.gw.requests.length, 1, String(status));
    }
  });

  it('x-should-retry: false forbids a retry, true forces one', async () => {
    h.gw.enqueue({ sequence: [{ status: 503, headers: { 'x-should-retry': 'false' }, error: { message: 'no' } }, ok] });
    await rejects(h.client().complete(req('m')));
    assert.equal(h.gw.requests.length, 1);
    h.gw.reset();
    h.gw.enqueue({ sequence: [{ status: 400, headers: { 'x-should-retry': 'true' }, error: { message: 'again' } }, ok] });
    assert.equal((await h.client().complete(req('m'))).choices[0].content, 'finally');
  });

  it('a wait over 60 s is not retried; the error carries retryAfterMs', async () => {
    h.gw.enqueue({ sequence: [rateLimited({ 'retry-after': '120' }), ok] });
    let called = false;
    const e = await rejects(h.client().complete(req('m'), { onRetry: () => (called = true) }));
    assert.equal(e.kind, 'rateLimit');
    assert.equal(e.retryAfterMs, 120_000);
    assert.equal(called, false);
    assert.equal(h.gw.requests.length, 1);
  });

  it('connection errors before headers are retried', async () => {
    h.gw.enqueue({ sequence: [{ reset: true }, ok] });
    const seen: RetryInfo[] = [];
    const r = await h.client().complete(req('m'), { onRetry: (x) => seen.push(x) });
    assert.equal(r.choices[0].content, 'finally');
    assert.equal(seen[0].error.kind, 'network');
  });

  it('a refused connection: network error after the retries', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const seen: number[] = [];
    const e = await rejects(h.client({ baseUrl: `http://127.0.0.1:${port}/v1` }).listModels({ onRetry: (x) => seen.push(x.attempt) }));
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'ECONNREFUSED');
    assert.deepEqual(seen, [1, 2]);
  });

  it('never retried after body bytes arrived', async () => {
    h.gw.enqueue({ sequence: [{ answer: { content: 'abcdefgh' }, stream: { pieces: 4, disconnectAfter: { events: 3 } } }, ok] });
    const r = await collect(h.client().stream(req('m')));
    assert.equal(r.error?.kind, 'network');
    assert.equal(r.error?.interrupted, true);
    assert.equal(r.error?.partial?.choices[0].content, 'abcd');
    assert.equal(h.gw.requests.length, 1);
  });

  it('never retried after an abort (abort during the wait)', async () => {
    h.gw.enqueue({ sequence: [rateLimited({ 'retry-after-ms': '5000' }), ok] });
    const ac = new AbortController();
    const t0 = Date.now();
    const p = rejects(h.client().complete(req('m'), { signal: ac.signal, onRetry: () => setTimeout(() => ac.abort(), 20) }));
    const e = await p;
    assert.equal(e.kind, 'aborted');
    assert.ok(Date.now() - t0 < 1000);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(h.gw.requests.length, 1);
  });

  it('listModels is retried too', async () => {
    h.gw.enqueue({ status: 503, text: 'busy' }, 'models');
    const models = await h.client().listModels();
    assert.ok(models.some((m) => m.id === 'demo-tools'));
    assert.equal(h.gw.requests.length, 2);
  });

  it('shouldRetryResponse table', () => {
    assert.equal(shouldRetryResponse(429, {}), true);
    assert.equal(shouldRetryResponse(500, {}), true);
    assert.equal(shouldRetryResponse(400, {}), false);
    assert.equal(shouldRetryResponse(429, { 'x-should-retry': 'false' }), false);
  });
});
