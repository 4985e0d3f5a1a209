import assert from 'node:assert/strict';
import { chatCompletionsUrl, createClient, resolveUrls, type ChatRequest } from '../../../src/llm/index';
import { collect, harness, KEY, req, type Harness } from './helpers';

describe('llm: URLs', () => {
  const cases: [string, string][] = [
    ['https://api.example.com/v1', 'https://api.example.com/v1/chat/completions'],
    ['https://api.example.com/v1/', 'https://api.example.com/v1/chat/completions'],
    ['https://api.example.com/v1//', 'https://api.example.com/v1/chat/completions'],
    ['https://api.example.com/v1/chat/completions', 'https://api.example.com/v1/chat/completions'],
    ['https://api.example.com/v1/chat/completions/', 'https://api.example.com/v1/chat/completions'],
    ['https://host/openai/v1', 'https://host/openai/v1/chat/completions'],
    ['https://host', 'https://host/chat/completions'],
    ['https://host/', 'https://host/chat/completions'],
    ['  https://host/api/v3  ', 'https://host/api/v3/chat/completions'],
    ['https://host/v1?api-version=2024-10-01', 'https://host/v1/chat/completions?api-version=2024-10-01'],
    ['http://127.0.0.1:8787/v1/models', 'http://127.0.0.1:8787/v1/chat/completions'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected}`, () => {
      assert.equal(chatCompletionsUrl(input), expected);
    });
  }

  it('models URL; non-http and malformed URLs are rejected', () => {
    assert.equal(resolveUrls('https://host/openai/v1/').models, 'https://host/openai/v1/models');
    assert.throws(() => resolveUrls('ftp://host/v1'), /http or https/);
    assert.throws(() => resolveUrls('not a url'), /Invalid gateway base URL/);
  });

  describe('over HTTP, the path prefix is kept as given', () => {
    let h: Harness;
    before(async () => {
      h = await harness();
    });
    after(async () => h.close());

    for (const suffix of ['/openai/v1', '/openai/v1/', '/v1/chat/completions', '']) {
      it(`base ${JSON.stringify(suffix)}`, async () => {
        h.gw.reset();
        const client = h.client({ baseUrl: `${h.gw.origin}${suffix}` });
        await client.complete(req('echo'));
        await client.listModels();
        const prefix = suffix.replace(/\/chat\/completions$/, '').replace(/\/$/, '');
        assert.deepEqual(h.gw.requests.map((r) => `${r.method} ${r.path}`), [`POST ${prefix}/chat/completions`, `GET ${prefix}/models`]);
        assert.equal(client.urls.chatCompletions, `${h.gw.origin}${prefix}/chat/completions`);
      });
    }
  });
});

describe('llm: request headers and body', function () {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  it('Bearer key and custom headers on chat and on /models', async () => {
    const client = h.client({ headers: { 'HTTP-Referer': 'https://example.com', 'X-Title': 'Gateway Chat', 'x-group': 'vip' } });
    await client.listModels();
    await collect(client.stream(req('echo')));
    await client.complete(req('echo'));
    assert.equal(h.gw.requests.length, 3);
    for (const r of h.gw.requests) {
      assert.equal(r.headers.authorization, `Bearer ${KEY}`);
      assert.equal(r.headers['http-referer'], 'https://example.com');
      assert.equal(r.headers['x-title'], 'Gateway Chat');
      assert.equal(r.headers['x-group'], 'vip');
    }
    assert.equal(h.gw.requests[1].headers['content-type'], 'application/json');
    assert.equal(h.gw.requests[1].headers.accept, 'text/event-stream');
  });

  it('no key: no Authorization header', async () => {
    const client = createClient({ baseUrl: h.gw.url });
    await client.complete(req('echo'));
    await client.close();
    assert.equal(h.gw.requests[0].headers.authorization, undefined);
  });

  const everything: ChatRequest = {
    model: 'echo',
    messages: [
      { role: 'system', content: 'sys' },
      { role: 'developer', content: 'dev' },
      {
        role: 'user',
        name: 'alice',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
          { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBER' } },
          { type: 'video_url', video_url: { url: 'https://example.com/v.mp4' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'earlier thought',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'result' },
    ],
    temperature: 0.3,
    top_p: 0.9,
    top_k: 40,
    min_p: 0.05,
    n: 2,
    stop: ['\n\n', 'END'],
    max_tokens: 100,
    max_completion_tokens: 200,
    presence_penalty: 0.1,
    frequency_penalty: 0.2,
    repetition_penalty: 1.1,
    logit_bias: { '50256': -100 },
    logprobs: true,
    top_logprobs: 3,
    seed: 7,
    user: 'user-1',
    response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' }, strict: true } },
    tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object', properties: {} } } }],
    tool_choice: { type: 'function', function: { name: 'f' } },
    parallel_tool_calls: false,
    functions: [{ name: 'legacy', parameters: { type: 'object' } }],
    function_call: 'auto',
    reasoning_effort: 'high',
    enable_thinking: true,
    separate_reasoning: true,
    extra_body: { enable_thinking: true, google: { image_config: { aspect_ratio: '16:9', image_size: '2K' } } },
    web_search_options: { search_context_size: 'high', user_location: { type: 'approximate', approximate: { country: 'FR' } } },
    modalities: ['text', 'image'],
    audio: { voice: 'alloy', format: 'mp3' },
    some_relay_extension: { kept: true },
  };

  it('every documented field passes through untouched (stream)', async () => {
    await collect(h.client().stream(everything));
    const body = h.gw.requests[0].body;
    const { stream, stream_options, ...rest } = body;
    assert.equal(stream, true);
    assert.deepEqual(stream_options, { include_usage: true });
    assert.deepEqual(rest, everything);
    assert.deepEqual(body.extra_body.google.image_config, { aspect_ratio: '16:9', image_size: '2K' });
  });

  it('every documented field passes through untouched (complete): stream false, no stream_options', async () => {
    await h.client().complete({ ...everything, stream_options: { include_usage: true } });
    const { stream, ...rest } = h.gw.requests[0].body;
    assert.equal(stream, false);
    assert.equal('stream_options' in rest, false);
    assert.deepEqual(rest, everything);
  });

  it('include_usage: added by default, kept when the request sets it, merged into other stream_options', async () => {
    const c = h.client();
    await collect(c.stream(req('echo', { stream_options: { include_usage: false } })));
    await collect(c.stream(req('echo', { stream_options: { continuous_usage_stats: true } })));
    await collect(c.stream(req('echo', { stream_options: null })));
    assert.deepEqual(h.gw.requests[0].body.stream_options, { include_usage: false });
    assert.deepEqual(h.gw.requests[1].body.stream_options, { continuous_usage_stats: true, include_usage: true });
    assert.equal('stream_options' in h.gw.requests[2].body, false);
  });

  it('omit removes top-level fields, including ones the client adds', async () => {
    const c = h.client();
    await collect(c.stream(req('echo', { parallel_tool_calls: true, top_k: 3 }), { omit: ['stream_options', 'parallel_tool_calls', 'top_k'] }));
    const body = h.gw.requests[0].body;
    assert.equal('stream_options' in body, false);
    assert.equal('parallel_tool_calls' in body, false);
    assert.equal('top_k' in body, false);
    assert.equal(body.stream, true);
    assert.equal(body.model, 'echo');
  });

  it('the default echo scenario answers out of the box', async () => {
    const r = await h.client().complete({ model: 'anything', messages: [{ role: 'user', content: 'ping 123' }] });
    assert.match(r.choices[0].content, /ping 123/);
    assert.match(r.choices[0].content, /not a model/);
  });
});
