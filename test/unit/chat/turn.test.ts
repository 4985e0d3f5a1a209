import assert from 'node:assert/strict';
import { runTurn } from '../../../src/chat/turn/turn';
import type { ChatEvent } from '../../../src/llm/types';
import { answer, fakeClient } from './turnFakes';
const clock = () => { let t = 1000; return () => (t += 100); };
const done = (usage: object | null = null): ChatEvent => ({
  type: 'done', response: { id: 'r', model: 'm', choices: [], usage: usage as never },
});

describe('runTurn', () => {
  it('streams reasoning then text into the message and completes with usage and timings', async () => {
    const deltas: string[] = [];
    const m = await runTurn({
      client: fakeClient([
        { type: 'reasoning', choice: 0, text: 'think ' },
        { type: 'reasoning', choice: 0, text: 'more' },
        { type: 'text', choice: 0, text: 'Hello' },
        { type: 'text', choice: 1, text: 'other candidate' },
        { type: 'text', choice: 0, text: ' world' },
        done({ prompt_tokens: 12, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 10 } }),
      ]),
      request: { model: 'm', messages: [] },
      message: answer(),
      observer: { onDelta: (_m, d) => deltas.push(d.content ?? `r:${d.reasoning}`) },
      now: clock(),
    });
    assert.equal(m.status, 'complete');
    assert.equal(m.content, 'Hello world');
    assert.equal(m.reasoning, 'think more');
    assert.deepEqual(deltas, ['r:think ', 'r:more', 'Hello', ' world']);
    assert.equal(m.reasoningMs, 200); // from the first reasoning delta to the first text
    assert.equal(m.usage?.promptTokens, 12);
    assert.equal(m.usage?.cachedTokens, 4);
    assert.equal(m.usage?.reasoningTokens, 10);
    assert.equal(m.usage?.ttftMs, 100);
    assert.ok(m.usage?.tokensPerSecond && m.usage.tokensPerSecond > 0);
  });

  it('keeps the partial answer, marked interrupted, when the stream breaks', async () => {
    const err = Object.assign(new Error('connection reset'), { kind: 'network', url: 'http://g/v1/chat/completions' });
    const m = await runTurn({ client: fakeClient([{ type: 'text', choice: 0, text: 'half an ans' }], err), request: { model: 'm', messages: [] }, message: answer() });
    assert.equal(m.status, 'interrupted');
    assert.equal(m.content, 'half an ans');
    assert.deepEqual(m.error, { kind: 'network', message: 'connection reset', url: 'http://g/v1/chat/completions' });
  });

  it('marks a failure with nothing shown as an error with the gateway details', async () => {
    const err = Object.assign(new Error('Incorrect API key provided'), { kind: 'auth', status: 401, code: 'invalid_api_key', url: 'u' });
    const m = await runTurn({ client: fakeClient([], err), request: { model: 'm', messages: [] }, message: answer() });
    assert.equal(m.status, 'error');
    assert.equal(m.error?.kind, 'auth');
    assert.equal(m.error?.status, 401);
    assert.equal(m.error?.code, 'invalid_api_key');
  });

  it('treats a user stop as interrupted, keeping what streamed', async () => {
    const err = Object.assign(new Error('aborted'), { kind: 'aborted', url: 'u' });
    const m = await runTurn({ client: fakeClient([{ type: 'text', choice: 0, text: 'so far' }], err), request: { model: 'm', messages: [] }, message: answer() });
    assert.equal(m.status, 'interrupted');
    assert.equal(m.error?.kind, 'aborted');
    assert.equal(m.content, 'so far');
  });

  it('treats a stop before anything arrived as a failed send', async () => {
    const err = Object.assign(new Error('aborted'), { kind: 'aborted', url: 'u' });
    const m = await runTurn({ client: fakeClient([], err), request: { model: 'm', messages: [] }, message: answer() });
    assert.equal(m.status, 'error');
    assert.equal(m.error?.kind, 'aborted');
  });

  it('continues an interrupted answer by appending to it', async () => {
    const m = answer();
    m.content = 'The first half';
    m.status = 'interrupted';
    m.error = { kind: 'network', message: 'x' };
    await runTurn({ client: fakeClient([{ type: 'text', choice: 0, text: ' and the rest.' }, done()]), request: { model: 'm', messages: [] }, message: m });
    assert.equal(m.content, 'The first half and the rest.');
    assert.equal(m.status, 'complete');
    assert.equal(m.error, undefined);
  });
});
