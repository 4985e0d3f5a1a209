import assert from 'node:assert/strict';
import { collect, sharedHarness, req } from '../llm/helpers';

// Reliability matrix: a stream that goes wrong after it started, or never starts.
describe('faults: broken streams', function () {
  this.timeout(15_000);
  const gateway = sharedHarness();

  it('a connection reset mid-stream keeps the partial answer, marked interrupted, and is not retried', async () => {
    gateway().gw.enqueue({ answer: { reasoning: 'thinking', content: 'one two three four five six' }, stream: { pieces: 6, disconnectAfter: { events: 8 } } });
    const r = await collect(gateway().client({ maxRetries: 3 }).stream(req('m')));
    assert.ok(r.error, 'the stream failed');
    assert.ok(['network', 'protocol'].includes(r.error.kind), r.error.kind);
    assert.equal(r.error.interrupted, true);
    const partial = r.error.partial!.choices[0];
    assert.equal(partial.reasoning, 'thinking');
    assert.ok(partial.content.length > 0 && 'one two three four five six'.startsWith(partial.content), partial.content);
    assert.equal(gateway().gw.requests.length, 1, 'a body had arrived: no retry');
  });

  it('a stream that ends cleanly without finishing is a protocol error with the partial answer', async () => {
    gateway().gw.enqueue({ answer: { content: 'cut short here' }, stream: { pieces: 3, done: false, disconnectAfter: { events: 2, mode: 'end' } } });
    const r = await collect(gateway().client().stream(req('m')));
    assert.equal(r.error?.kind, 'protocol');
    assert.equal(r.error?.interrupted, true);
    assert.ok(r.error?.partial?.choices[0].content, 'what arrived is kept');
  });

  it('the idle timeout ends a stream that went silent, with the partial answer', async () => {
    gateway().gw.enqueue({ answer: { content: 'abcdefgh' }, stream: { pieces: 4, silenceAfter: { events: 3, keepAliveMs: 20 } } });
    const r = await collect(gateway().client({ idleTimeoutMs: 150 }).stream(req('m')));
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error!.message, /nothing for 150 ms/);
    assert.equal(r.error?.partial?.choices[0].content, 'abcd', 'the first event carries the role only');
  });

  it('an error inside a 200 stream is kind server, with its message and the partial answer', async () => {
    gateway().gw.enqueue({ answer: { content: 'abcdef' }, stream: { pieces: 3, errorAfter: { events: 3, error: { message: 'upstream overloaded', code: 'overloaded' } } } });
    const r = await collect(gateway().client().stream(req('m')));
    assert.equal(r.error?.kind, 'server');
    assert.equal(r.error?.message, 'upstream overloaded');
    assert.equal(r.error?.code, 'overloaded');
    assert.equal(r.error?.partial?.choices[0].content, 'abcd');
  });

  it('a gateway that never sends headers fails after timeoutMs, per attempt', async () => {
    gateway().gw.enqueue({ hang: true });
    const t0 = Date.now();
    const r = await collect(gateway().client({ timeoutMs: 200 }).stream(req('m')));
    const took = Date.now() - t0;
    assert.equal(r.error?.kind, 'timeout');
    assert.match(r.error!.message, /within 200 ms/);
    assert.ok(took >= 190 && took < 2000, String(took));
    assert.equal(r.error?.partial, undefined);
  });
});
