import assert from 'node:assert/strict';
import { FIXTURES } from './fixtures';
import { collect, harness, oracle, req, textFromEvents, type Harness } from './helpers';

describe('llm: stream and complete assemble the same response', function () {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  for (const [name, answer] of Object.entries(FIXTURES)) {
    it(`${name}: stream == complete == script`, async () => {
      const client = h.client();
      const model = `fixture-${name}`;
      h.gw.route(model, { answer, stream: { pieces: 5 } });
      const streamed = await collect(client.stream(req(model)));
      assert.equal(streamed.error, undefined, streamed.error?.message);
      const whole = await client.complete(req(model));
      const expected = oracle(answer, model);
      assert.deepEqual(streamed.done, expected);
      assert.deepEqual(whole, expected);
      // The deltas add up to what `done` reports.
      for (const c of expected.choices) {
        assert.equal(textFromEvents(streamed.events, 'text', c.index), c.content);
        assert.equal(textFromEvents(streamed.events, 'reasoning', c.index), c.reasoning);
      }
      assert.equal(streamed.events.at(-1)?.type, 'done');
    });
  }

  it('a spoken answer, the fingerprint and the tier: streamed pieces join to what a whole answer says', async () => {
    const client = h.client();
    const answer = { content: '', audio: { id: 'audio_1', data: 'UklGRiQAAABXQVZFZm10IBAAAAABAAEA', transcript: 'Hello from the model.', expires_at: 1_700_000_600 },
      model: 'gpt-4o-audio-preview-2024-12-17', systemFingerprint: 'fp_abc123', serviceTier: 'default', refusal: 'partly declined' };
    h.gw.route('audio', { answer, stream: { pieces: 3 } });
    const streamed = await collect(client.stream(req('audio')));
    const whole = await client.complete(req('audio'));
    for (const r of [streamed.done!, whole]) {
      assert.deepEqual(r.choices[0].audio, { id: 'audio_1', data: answer.audio.data, transcript: answer.audio.transcript, expiresAt: 1_700_000_600 });
      assert.equal(r.choices[0].refusal, 'partly declined');
      assert.deepEqual([r.model, r.systemFingerprint, r.serviceTier], ['gpt-4o-audio-preview-2024-12-17', 'fp_abc123', 'default']);
    }
  });

  it('n > 1: interleaved choices are kept apart by index', async () => {
    const client = h.client();
    h.gw.route('n3', { answer: FIXTURES.nChoices, stream: { pieces: 6 } });
    const r = await collect(client.stream(req('n3', { n: 3 })));
    const order = r.events.filter((e) => e.type === 'text' || e.type === 'reasoning').map((e) => (e as { choice: number }).choice);
    // Interleaving really happened: choice 2 text arrives before choice 0 is finished.
    assert.ok(order.indexOf(2) < order.lastIndexOf(0));
    assert.deepEqual(r.done!.choices.map((c) => c.content), ['First candidate, longer than the others.', 'Second candidate.', 'Third: 日本.']);
    assert.deepEqual(r.done!.choices.map((c) => c.finishReason), ['stop', 'stop', 'length']);
    assert.equal(r.done!.choices[1].reasoning, 'Why two.');
    assert.equal(h.gw.requests[0].body.n, 3);
  });

  it('reasoning dialects all land in reasoning, never doubled', async () => {
    const client = h.client();
    for (const name of ['reasoningContent', 'reasoningField', 'reasoningDetails', 'reasoningBoth', 'thinkTags'] as const) {
      h.gw.route(name, { answer: FIXTURES[name], stream: { pieces: 7 } });
      const r = await collect(client.stream(req(name)));
      assert.equal(r.done!.choices[0].reasoning, FIXTURES[name].reasoning, name);
      assert.equal(r.done!.choices[0].content, FIXTURES[name].content, name);
    }
  });

  it('think tags split into one-character deltas', async () => {
    const client = h.client();
    const answer = { reasoning: 'tiny thought', content: 'answer', reasoningDialect: 'think' as const };
    h.gw.route('think1', { answer, stream: { pieces: 1000 } });
    const r = await collect(client.stream(req('think1')));
    assert.equal(r.done!.choices[0].reasoning, 'tiny thought');
    assert.equal(r.done!.choices[0].content, 'answer');
    assert.equal(textFromEvents(r.events, 'text'), 'answer');
    assert.ok(!textFromEvents(r.events, 'reasoning').includes('<'));
  });

  it('content that merely starts with "<" is not reasoning', async () => {
    const client = h.client();
    h.gw.route('lt', { answer: { content: '<div>html answer</div> and <thinking>' }, stream: { pieces: 20 } });
    const r = await collect(client.stream(req('lt')));
    assert.equal(r.done!.choices[0].content, '<div>html answer</div> and <thinking>');
    assert.equal(r.done!.choices[0].reasoning, '');
  });

  it('tool calls: parsed once at the end, invalid JSON reported on the call', async () => {
    const client = h.client();
    h.gw.route('bad', { answer: FIXTURES.toolsInvalidJson });
    const r = await collect(client.stream(req('bad')));
    assert.equal(r.error, undefined);
    const call = r.done!.choices[0].toolCalls[0];
    assert.equal(call.invalid, true);
    assert.equal(call.parsed, undefined);
    assert.equal(call.arguments, '{"unterminated": "yes');
    const deltas = r.events.filter((e) => e.type === 'toolCall');
    assert.equal(deltas[0].type === 'toolCall' && deltas[0].name, 'broken');
    assert.equal(deltas[0].type === 'toolCall' && deltas[0].id, 'call_bad');
  });

  it('tool calls: Ollama index 0 for every call makes separate calls', async () => {
    const client = h.client();
    h.gw.route('ollama', { answer: FIXTURES.toolsOllama });
    const r = await collect(client.stream(req('ollama')));
    assert.deepEqual(
      r.done!.choices[0].toolCalls.map((t) => [t.id, t.name, t.parsed]),
      [
        ['call_o1', 'get_weather', { city: 'Paris' }],
        ['call_o2', 'get_weather', { city: 'Tokyo' }],
      ],
    );
    const idx = r.events.filter((e) => e.type === 'toolCall').map((e) => (e as { index: number }).index);
    assert.deepEqual(idx, [0, 1]);
  });

  it('tool calls: repeated id and name are not appended', async () => {
    const client = h.client();
    h.gw.route('rep', { answer: FIXTURES.toolsRepeatId, stream: { pieces: 6 } });
    const r = await collect(client.stream(req('rep')));
    const [call] = r.done!.choices[0].toolCalls;
    assert.equal(call.id, 'call_r');
    assert.equal(call.name, 'repeat');
    assert.deepEqual(call.parsed, { long: 'abcdefghijklmnopqrstuvwxyz' });
    assert.equal(r.done!.choices[0].toolCalls.length, 1);
  });

  it('tool calls: missing index means the call the id names, or the last one', async () => {
    const client = h.client();
    const sse = [
      { choices: [{ index: 0, delta: { tool_calls: [{ id: 'x1', type: 'function', function: { name: 'one', arguments: '{"a"' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ id: 'x2', type: 'function', function: { name: 'two', arguments: '{"b":' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ id: 'x1', function: { arguments: ':1}' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ function: { arguments: '2}' } }] } }] },
      { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ]
      .map((c) => `data: ${JSON.stringify(c)}\n\n`)
      .join('');
    h.gw.route('noidx', { sse: `${sse}data: [DONE]\n\n` });
    const r = await collect(client.stream(req('noidx')));
    assert.deepEqual(
      r.done!.choices[0].toolCalls.map((t) => [t.id, t.name, t.parsed]),
      [
        ['x1', 'one', { a: 1 }],
        ['x2', 'two', { b: 2 }],
      ],
    );
  });

  it('tool calls: a new id at a reused index starts a new call; whole arguments in one chunk work', async () => {
    const client = h.client();
    const sse = [
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"n":1}' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'b', function: { name: 'g', arguments: '{"n":2}' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '' } }] }, finish_reason: 'tool_calls' }] },
    ]
      .map((c) => `data: ${JSON.stringify(c)}\n\n`)
      .join('');
    h.gw.route('reuse', { sse });
    const r = await collect(client.stream(req('reuse')));
    assert.deepEqual(r.done!.choices[0].toolCalls.map((t) => [t.id, t.name, t.arguments]), [
      ['a', 'f', '{"n":1}'],
      ['b', 'g', '{"n":2}'],
    ]);
  });

  it('legacy function_call becomes a tool call', async () => {
    const client = h.client();
    h.gw.route('legacy', { answer: FIXTURES.legacyFunctionCall, stream: { pieces: 5 } });
    const r = await collect(client.stream(req('legacy')));
    assert.deepEqual(r.done!.choices[0].toolCalls, [{ id: '', name: 'old_style', arguments: '{"q":"legacy"}', parsed: { q: 'legacy' }, legacy: true }]);
    assert.equal(r.done!.choices[0].finishReason, 'function_call');
  });

  it('images from message.images, image parts and markdown data: URLs, markdown kept in content', async () => {
    const client = h.client();
    for (const name of ['imagesField', 'imagesParts', 'imagesMarkdown'] as const) {
      h.gw.route(name, { answer: FIXTURES[name], stream: { pieces: 9 } });
      const r = await collect(client.stream(req(name)));
      const imgs = r.done!.choices[0].images;
      assert.deepEqual(imgs.map((i) => i.url), FIXTURES[name].images, name);
      assert.equal(imgs[0].mimeType, 'image/png');
      if (name === 'imagesMarkdown') assert.ok(r.done!.choices[0].content.includes('![image](data:image/png;base64,'));
    }
  });

  it('the same image sent twice (images field and markdown) is listed once', async () => {
    const client = h.client();
    const url = FIXTURES.imagesField.images![0];
    h.gw.route('dup', { json: { id: 'x', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: `see ![i](${url})`, images: [{ type: 'image_url', image_url: { url } }] }, finish_reason: 'stop' }] } });
    const r = await client.complete(req('dup'));
    assert.equal(r.choices[0].images.length, 1);
  });

  it('annotations, logprobs and usage extras are kept', async () => {
    const client = h.client();
    h.gw.route('ann', { answer: FIXTURES.annotations });
    h.gw.route('lp', { answer: FIXTURES.logprobs, stream: { pieces: 3 } });
    h.gw.route('usage', { answer: FIXTURES.usageExtras, stream: { usage: 'last-choice-chunk' } });
    const ann = await collect(client.stream(req('ann')));
    assert.equal((ann.done!.choices[0].annotations[1] as { url_citation: { url: string } }).url_citation.url, 'https://example.com/b');
    const lp = await collect(client.stream(req('lp', { logprobs: true, top_logprobs: 1 })));
    assert.deepEqual(
      (lp.done!.choices[0].logprobs!.content as { token: string }[]).map((t) => t.token),
      ['Yes', ' no', ' maybe'],
    );
    const u = await collect(client.stream(req('usage')));
    assert.equal(u.done!.usage!.prompt_tokens_details!.cached_tokens, 64);
    assert.equal(u.done!.usage!.completion_tokens_details!.reasoning_tokens, 7);
    assert.deepEqual(u.done!.usage!.latency_checkpoint, { first_token_ms: 123 });
    const usageEvents = u.events.filter((e) => e.type === 'usage');
    assert.equal(usageEvents.length, 1);
  });

  it('a usage-only final chunk (choices: []) is read', async () => {
    const client = h.client();
    h.gw.route('uo', { answer: { content: 'x', usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }, stream: { usage: 'final-chunk' } });
    const r = await collect(client.stream(req('uo')));
    assert.deepEqual(r.done!.usage, { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
    const i = r.events.findIndex((e) => e.type === 'usage');
    assert.equal(r.events[i + 1].type, 'done');
  });
});
