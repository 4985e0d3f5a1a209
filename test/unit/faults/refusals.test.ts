import assert from 'node:assert/strict';
import type { RetryInfo } from '../../../src/llm/index';
import { collect, sharedHarness, rejects, req } from '../llm/helpers';

// Reliability matrix: how a gateway says no. Each row drives the real client against the loopback gateway.
describe('faults: refusals, retries and error pages', function () {
  this.timeout(15_000);
  const gateway = sharedHarness();

  const refused = (status: number, headers: Record<string, string> = {}) => ({ status, headers, error: { message: `refused ${status}` } });

  it('a 503 with Retry-After in seconds is retried after that wait, and the answer arrives', async () => {
    gateway().gw.enqueue({ sequence: [refused(503, { 'retry-after': '1' }), { answer: { content: 'after the wait' } }] });
    const retries: RetryInfo[] = [];
    const t0 = Date.now();
    const r = await collect(gateway().client().stream(req('m'), { onRetry: (x) => retries.push(x) }));
    assert.equal(r.done?.choices[0].content, 'after the wait');
    assert.deepEqual(retries.map((x) => [x.attempt, x.waitMs, x.error.kind]), [[1, 1000, 'server']]);
    assert.ok(Date.now() - t0 >= 990, 'the wait was honoured');
    assert.equal(gateway().gw.requests.length, 2);
  });

  it('a 429 with retry-after-ms is retried after that wait (it wins over Retry-After)', async () => {
    gateway().gw.enqueue({ sequence: [refused(429, { 'retry-after-ms': '30', 'retry-after': '50' }), refused(429, { 'retry-after-ms': '20' }), { answer: { content: 'ok' } }] });
    const retries: RetryInfo[] = [];
    const done = await gateway().client().complete(req('m'), { onRetry: (x) => retries.push(x) });
    assert.equal(done.choices[0].content, 'ok');
    assert.deepEqual(retries.map((x) => x.waitMs), [30, 20]);
  });

  for (const status of [400, 401, 403, 404, 422]) {
    it(`a ${status} is never retried`, async () => {
      gateway().gw.enqueue({ sequence: [refused(status, { 'retry-after-ms': '1' }), { answer: { content: 'must not be reached' } }] });
      let retried = 0;
      const e = await rejects(gateway().client({ maxRetries: 5 }).complete(req('m'), { onRetry: () => retried++ }));
      assert.equal(e.status, status);
      assert.equal(retried, 0);
      assert.equal(gateway().gw.requests.length, 1);
    });
  }

  it('an HTML error page becomes a short text: status and title, no markup', async () => {
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway | relay</title><style>h1{}</style></head><body><h1>Bad</h1>${'<p>x</p>'.repeat(5000)}<script>alert(1)</script></body></html>`;
    gateway().gw.enqueue({ status: 502, html: page, headers: { 'x-should-retry': 'false' } });
    const e = await rejects(gateway().client().complete(req('m')));
    assert.equal(e.kind, 'server');
    assert.equal(e.message, 'HTTP 502 Bad Gateway: 502 Bad Gateway | relay');
    assert.doesNotMatch(e.message, /[<>]/);
  });
});
