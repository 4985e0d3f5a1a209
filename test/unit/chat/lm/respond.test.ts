import assert from 'node:assert/strict';
import { respond, type LmRequest } from '../../../../src/chat/lm/respond';
import type { CompatFix } from '../../../../src/chat/request/compatibility';
import type { TurnPlan } from '../../../../src/chat/request/turnPlan';
import { fakePlan } from '../planFake';
import { KEY, sharedHarness } from '../../llm/helpers';

function sink() {
  const seen = { text: '', thinking: '', calls: [] as { id: string; name: string; input: object }[], invalid: [] as { name: string; arguments: string }[] };
  return {
    seen,
    sink: {
      text: (t: string) => (seen.text += t),
      thinking: (t: string) => (seen.thinking += t),
      toolCall: (c: { id: string; name: string; input: object }) => seen.calls.push(c),
      invalidToolCall: (c: { name: string; arguments: string }) => seen.invalid.push(c),
    },
  };
}

const ask = (text: string): LmRequest['messages'] => [{ role: 'user', parts: [{ kind: 'text', text }] }];

describe('respond: a VS Code language-model request through the panel\'s turn', () => {
  const h = sharedHarness();
  let n = 0;
  const run = (plan: TurnPlan, over: Partial<LmRequest> = {}) => {
    const s = sink();
    return { s, done: respond({ plan, messages: ask('hi'), sink: s.sink, newId: () => `m${n++}`, ...over }) };
  };

  it('streams text as it arrives and reasoning apart from it, and reports usage', async () => {
    h().gw.route('r1', { answer: { reasoning: 'Thinking it over.', content: 'The answer.' }, stream: { pieces: 3 } });
    const { s, done } = run(fakePlan(h().client(), 'relay/r1'));
    const outcome = await done;
    assert.equal(outcome.ok, true);
    assert.equal(s.seen.text, 'The answer.');
    assert.equal(s.seen.thinking, 'Thinking it over.');
    assert.ok(outcome.ok && typeof outcome.usage?.completionTokens === 'number', 'usage is reported');
    assert.equal(h().gw.requests[0].body.model, 'r1');
  });

  it('sends the consumer\'s tools with tool_choice required, and passes tool calls on with parsed arguments', async () => {
    h().gw.route('t1', { answer: { toolCalls: [{ id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' }, { id: 'call_b', name: 'broken', arguments: '{"city": Par' }] } });
    const { s, done } = run(fakePlan(h().client(), 'relay/t1'), { tools: [{ name: 'get_weather', inputSchema: { type: 'object' } }], toolRequired: true });
    assert.equal((await done).ok, true);
    assert.deepEqual(s.seen.calls, [{ id: 'call_a', name: 'get_weather', input: { city: 'Paris' } }]);
    assert.deepEqual(s.seen.invalid, [{ id: 'call_b', name: 'broken', arguments: '{"city": Par' }], 'invalid JSON is reported, not thrown');
    const body = h().gw.requests[0].body;
    assert.equal(body.tool_choice, 'required');
    assert.deepEqual(body.tools.map((t: { function: { name: string } }) => t.function.name), ['get_weather']);
  });

  it('heals a refused field once and remembers the fix, as the panel does', async () => {
    h().gw.route('o3', { rejectFields: [{ field: 'stream_options' }], answer: { content: 'Healed.' } });
    const remembered: [string, CompatFix[]][] = [];
    const { s, done } = run(fakePlan(h().client(), 'relay/o3'), { remember: (m, f) => remembered.push([m, f]) });
    const outcome = await done;
    assert.equal(outcome.ok, true);
    assert.equal(s.seen.text, 'Healed.');
    assert.deepEqual(h().gw.requests.map((r) => 'stream_options' in r.body), [true, false]);
    assert.deepEqual(remembered, [['relay/o3', [{ omit: ['stream_options'] }]]]);
    assert.match(outcome.ok ? outcome.notices[0] : '', /does not accept stream_options/);
  });

  it('applies the model\'s settings and remembered fixes from the plan', async () => {
    h().gw.route('s1', { answer: { content: 'ok' } });
    const plan = fakePlan(h().client(), 'relay/s1', { settings: { params: { temperature: 0.2, max_tokens: 64 } }, fixes: [{ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }] });
    assert.equal((await run(plan).done).ok, true);
    const body = h().gw.requests[0].body;
    assert.equal(body.temperature, 0.2);
    assert.equal(body.max_completion_tokens, 64);
    assert.equal('max_tokens' in body, false);
  });

  it('ends at once when cancelled mid-stream, with what streamed so far', async () => {
    h().gw.route('slow', { answer: { content: 'word '.repeat(200) }, stream: { pieces: 200, delayMs: 50 } });
    const abort = new AbortController();
    const s = sink();
    const started = Date.now();
    const done = respond({ plan: fakePlan(h().client(), 'relay/slow'), messages: ask('hi'), sink: { ...s.sink, text: (t) => { s.sink.text(t); if (s.seen.text.length > 20) abort.abort(); } }, signal: abort.signal, newId: () => 'x' });
    const outcome = await done;
    assert.deepEqual(outcome, { ok: false, cancelled: true });
    assert.ok(Date.now() - started < 2000, `settled in ${Date.now() - started} ms`);
    assert.ok(s.seen.text.length > 20 && s.seen.text.length < 1000);
  });

  it('fails with the gateway\'s words on a 401, never the key', async () => {
    h().gw.route('deny', { status: 401, error: { message: 'Invalid API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    const outcome = await run(fakePlan(h().client(), 'relay/deny')).done;
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && !outcome.cancelled && outcome.error.kind === 'auth');
    assert.ok(!JSON.stringify(outcome).includes(KEY));
  });

  it('says a content-filtered answer was blocked', async () => {
    h().gw.route('filtered', { answer: { content: '', finishReason: 'content_filter' } });
    const outcome = await run(fakePlan(h().client(), 'relay/filtered')).done;
    assert.ok(!outcome.ok && !outcome.cancelled && outcome.blocked === true);
  });
});
