import assert from 'node:assert/strict';
import { collect, harness, rejects, req, type Harness } from './helpers';

describe('llm: timeouts, abort, interrupted streams', function () {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  it('timeoutMs bounds the wait for headers (hang), and a timeout is not retried', async () => {
    h.gw.enqueue({ hang: true });
    const t0 = Date.now();
    const r = await collect(h.client({ timeoutMs: 150 }).stream(req('m')));
    const took = Date.now() - t0;
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error!.message, /within 150 ms/);
    assert.ok(took >= 140 && took < 1000, String(took));
    assert.equal(h.gw.requests.length, 1);
  });

  it('timeoutMs is per attempt and does not cover the body', async () => {
    h.gw.enqueue({ delayMs: 50, answer: { content: 'slow body' }, stream: { pieces: 10, delayMs: 30 } });
    const r = await collect(h.client({ timeoutMs: 120 }).stream(req('m')));
    assert.equal(r.error, undefined);
    assert.equal(r.done?.choices[0].content, 'slow body');
  });

  it('idleTimeoutMs: silence after some events -> timeout with the partial answer', async () => {
    h.gw.enqueue({ answer: { content: 'one two three four' }, stream: { pieces: 4, silenceAfter: { events: 3 } } });
    const t0 = Date.now();
    const r = await collect(h.client({ idleTimeoutMs: 150 }).stream(req('m')));
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error!.message, /nothing for 150 ms/);
    assert.equal(r.error?.partial?.choices[0].content, 'one two t');
    assert.ok(Date.now() - t0 < 1000);
  });

  it('keep-alive comments do not reset the idle timeout', async () => {
    h.gw.enqueue({ answer: { content: 'abcd' }, stream: { pieces: 2, silenceAfter: { events: 2, keepAliveMs: 20 } } });
    const t0 = Date.now();
    const r = await collect(h.client({ idleTimeoutMs: 200 }).stream(req('m')));
    const took = Date.now() - t0;
    assert.equal(r.error?.kind, 'timeout');
    assert.ok(took >= 190 && took < 1000, String(took));
  });

  it('steady events keep a slow stream alive past idleTimeoutMs in total', async () => {
    h.gw.enqueue({ answer: { content: 'x'.repeat(20) }, stream: { pieces: 20, delayMs: 25 } });
    const t0 = Date.now();
    const r = await collect(h.client({ idleTimeoutMs: 120 }).stream(req('m')));
    assert.equal(r.error, undefined);
    assert.ok(Date.now() - t0 > 300);
  });

  it('abort mid-stream ends at once with kind aborted and the partial answer', async () => {
    h.gw.enqueue({ answer: { reasoning: 'hmm', content: 'abcdefghijklmnopqrst' }, stream: { pieces: 20, delayMs: 200 } });
    const ac = new AbortController();
    let texts = 0;
    let abortedAt = 0;
    const r = await collect(h.client().stream(req('m'), { signal: ac.signal }), (e) => {
      if (e.type === 'reasoning' || e.type === 'text') texts++;
      if (texts === 2 && !abortedAt) {
        abortedAt = Date.now();
        ac.abort();
      }
    });
    assert.equal(r.error?.kind, 'aborted');
    assert.ok(Date.now() - abortedAt < 100, 'ended at once');
    assert.ok(r.error?.partial, 'has partial');
    assert.equal(r.error!.partial!.choices[0].reasoning, 'hm');
    assert.equal(h.gw.requests.length, 1);
  });

  it('abort while waiting for headers, and an already aborted signal', async () => {
    h.gw.enqueue({ hang: true });
    const ac = new AbortController();
    // Abort once the request is at the gateway (a fixed delay races a loaded machine).
    const abortWhenReceived = async () => {
      while (!h.gw.requests.length) await new Promise((r) => setTimeout(r, 5));
      ac.abort();
    };
    void abortWhenReceived();
    const e = await rejects(h.client().complete(req('m'), { signal: ac.signal }));
    assert.equal(e.kind, 'aborted');
    assert.equal(e.partial, undefined);
    const pre = new AbortController();
    pre.abort();
    const e2 = await rejects(h.client().listModels({ signal: pre.signal }));
    assert.equal(e2.kind, 'aborted');
    assert.equal(h.gw.requests.length, 1);
  });

  it('the stream ending cleanly mid-answer -> protocol, interrupted, with partial', async () => {
    h.gw.enqueue({ answer: { content: 'cut here please' }, stream: { pieces: 3, disconnectAfter: { events: 3, mode: 'end' } } });
    const r = await collect(h.client().stream(req('m')));
    assert.equal(r.error?.kind, 'protocol');
    assert.equal(r.error?.interrupted, true);
    assert.equal(r.error?.partial?.choices[0].content, 'cut here p');
    assert.equal(r.error?.partial?.choices[0].finishReason, null);
  });

  it('the connection dropping mid-answer -> network, interrupted, with partial', async () => {
    h.gw.enqueue({ answer: { content: 'cut here please' }, stream: { pieces: 3, disconnectAfter: { events: 2, mode: 'destroy' } } });
    const r = await collect(h.client().stream(req('m')));
    assert.equal(r.error?.kind, 'network');
    assert.equal(r.error?.interrupted, true);
    assert.equal(r.error?.partial?.choices[0].content, 'cut h');
  });

  it('breaking out of the loop closes the connection', async () => {
    h.gw.enqueue({ answer: { content: 'x'.repeat(50) }, stream: { pieces: 50, delayMs: 20 } });
    const client = h.client();
    for await (const e of client.stream(req('m'))) {
      if (e.type === 'text') break;
    }
    // The gateway notices: a second request still works on the same client.
    const r = await client.complete(req('echo'));
    assert.match(r.choices[0].content, /hello/);
  });
});
