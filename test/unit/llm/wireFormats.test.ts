import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createClient, type ChatEvent, type ChatRequest, type GatewayClient } from '../../../src/llm/index';
import { collect } from './helpers';
import { anthropicBody } from '../../../src/llm/anthropicApi';
import { responsesBody } from '../../../src/llm/responsesApi';

// Replays recorded (and a few hand-written) streams of each wire format through the real client and checks
// that they come out as the same ChatEvents and AssembledResponse chat/completions gives. Sources: wire-fixtures/README.md.

const KEY = 'sk-wire-SECRET-0123456789';
const fixture = (name: string) => readFileSync(join(__dirname, 'wire-fixtures', name), 'utf8').split('\n').filter((l) => l.trim());
const sse = (lines: string[]) => lines.map((l) => `event: ${JSON.parse(l).type}\ndata: ${l}\n\n`).join('');

interface Seen { path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }

/** A gateway answering each request with the next scripted body (bytes cut into small pieces). */
async function gateway(bodies: (string | { status: number; json: unknown })[]) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text || '{}') });
      const next = bodies.shift() ?? '';
      if (typeof next !== 'string') {
        res.writeHead(next.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(next.json));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Uneven pieces, so events and UTF-8 characters are split across chunks.
      for (let i = 0; i < next.length; ) {
        const n = 7 + (i % 23);
        res.write(Buffer.from(next.slice(i, i + n)));
        i += n;
      }
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const clients: GatewayClient[] = [];
  return {
    seen,
    client: () => {
      const c = createClient({ baseUrl: url, apiKey: KEY, retryBaseMs: 5 });
      clients.push(c);
      return c;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const textOf = (events: ChatEvent[], type: 'text' | 'reasoning') => events.map((e) => (e.type === type ? e.text : '')).join('');
const hello: ChatRequest = { model: 'm', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello' }] };

describe('wire formats: Anthropic Messages', () => {
  it('a recorded thinking stream: reasoning, text, usage, the signed thinking block kept; headers and body in the Messages shape', async () => {
    const gw = await gateway([sse(fixture('anthropic-thinking.jsonl'))]);
    try {
      const r = await collect(gw.client().stream({ ...hello, reasoning_effort: 'low', temperature: 0.3 }, { api: 'anthropic' }));
      assert.equal(r.error, undefined);
      const done = r.done!;
      assert.match(done.choices[0].reasoning, /^I'm working through the Euclidean algorithm/);
      assert.equal(textOf(r.events, 'reasoning'), done.choices[0].reasoning);
      assert.match(done.choices[0].content, /^# Finding GCD\(1071, 462\)/);
      assert.match(done.choices[0].content, /462 = 21 × 22 ✓$/);
      assert.equal(done.choices[0].finishReason, 'stop');
      assert.equal(done.id, 'msg_011CdZqGg4K3tq97K7RDtTw7');
      assert.equal(done.usage?.prompt_tokens, 47);
      assert.equal(done.usage?.completion_tokens, 373);
      assert.equal(done.usage?.completion_tokens_details?.reasoning_tokens, 62);
      const items = done.choices[0].providerItems!;
      assert.equal(items.api, 'anthropic');
      assert.equal(items.items.length, 1);
      assert.equal(items.items[0].type, 'thinking');
      assert.match(String(items.items[0].signature), /^EsECCokBCBAYAipA9i3HF1aHpQ.*GAE=$/);
      assert.equal(items.items[0].thinking, done.choices[0].reasoning);

      const { path, headers, body } = gw.seen[0];
      assert.equal(path, '/v1/messages');
      assert.equal(headers['x-api-key'], KEY);
      assert.equal(headers['anthropic-version'], '2023-06-01');
      assert.equal(headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(body.system, [{ type: 'text', text: 'Be brief.' }]);
      assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }]);
      assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 2048 });
      assert.equal(body.max_tokens, 8192);
      assert.equal(body.temperature, undefined, 'thinking does not take a temperature');
      assert.equal(body.stream, true);
      assert.equal(body.reasoning_effort, undefined);
    } finally {
      await gw.close();
    }
  });

  it('a recorded tool call without arguments parses to {} and finishes as tool_calls', async () => {
    const gw = await gateway([sse(fixture('anthropic-tool-no-args.jsonl'))]);
    try {
      const r = await collect(gw.client().stream(hello, { api: 'anthropic' }));
      const c = r.done!.choices[0];
      assert.equal(c.content, "I'll update the issue list for you.");
      assert.deepEqual(c.toolCalls.map((t) => [t.id, t.name, t.parsed]), [['toolu_01QE1WLsSVp5hy5Q3GmGTmjP', 'updateIssueList', {}]]);
      assert.equal(c.finishReason, 'tool_calls');
      assert.ok(r.events.some((e) => e.type === 'toolCall' && e.name === 'updateIssueList'));
    } finally {
      await gw.close();
    }
  });

  it('a tool loop: signatures and redacted thinking go back unchanged before the tool_use, results as tool_result; cache counts', async () => {
    const gw = await gateway([sse(fixture('anthropic-tool-loop.jsonl')), sse(fixture('anthropic-tool-no-args.jsonl'))]);
    try {
      const c = gw.client();
      const tools: ChatRequest['tools'] = [{ type: 'function', function: { name: 'list_files', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];
      const first = (await collect(c.stream({ ...hello, tools }, { api: 'anthropic' }))).done!;
      const call = first.choices[0].toolCalls[0];
      assert.deepEqual([call.id, call.name, call.parsed], ['toolu_own_1', 'list_files', { path: 'src' }]);
      assert.equal(first.choices[0].reasoning, 'I should list the files first.');
      assert.equal(first.usage?.prompt_tokens, 12 + 2048 + 4096);
      assert.equal(first.usage?.prompt_tokens_details?.cached_tokens, 4096);
      assert.equal(first.usage?.prompt_tokens_details?.cache_write_tokens, 2048);
      assert.equal(first.usage?.completion_tokens, 40);
      const items = first.choices[0].providerItems!;
      assert.deepEqual(items.items, [
        { type: 'thinking', thinking: 'I should list the files first.', signature: 'sig-part-1+sig-part-2' },
        { type: 'redacted_thinking', data: 'opaque-redacted' },
      ]);
      await collect(c.stream({
        ...hello,
        tools,
        messages: [
          ...hello.messages,
          { role: 'assistant', content: null, provider_items: items, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] },
          { role: 'tool', tool_call_id: call.id, content: 'a.ts\nb.ts' },
        ],
      }, { api: 'anthropic' }));
      const sent = gw.seen[1].body.messages as { role: string; content: Record<string, unknown>[] }[];
      assert.deepEqual(sent[1], { role: 'assistant', content: [...items.items, { type: 'tool_use', id: 'toolu_own_1', name: 'list_files', input: { path: 'src' } }] });
      assert.deepEqual(sent[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_own_1', content: 'a.ts\nb.ts' }] });
      assert.deepEqual(gw.seen[1].body.tools, [{ name: 'list_files', input_schema: { type: 'object', properties: { path: { type: 'string' } } } }]);
    } finally {
      await gw.close();
    }
  });

  it('cache breakpoints on system, tools and the last user turn become cache_control on those blocks', async () => {
    const gw = await gateway([sse(fixture('anthropic-tool-no-args.jsonl'))]);
    try {
      const cc = { type: 'ephemeral' };
      await collect(gw.client().stream({
        model: 'claude-x',
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'rules', cache_control: cc }] },
          { role: 'user', content: [{ type: 'text', text: 'q', cache_control: cc }] },
        ],
        tools: [{ type: 'function', function: { name: 't' }, cache_control: cc }],
      }, { api: 'anthropic' }));
      const body = gw.seen[0].body;
      assert.deepEqual(body.system, [{ type: 'text', text: 'rules', cache_control: cc }]);
      assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'q', cache_control: cc }] }]);
      assert.deepEqual((body.tools as unknown[])[0], { name: 't', input_schema: { type: 'object', properties: {} }, cache_control: cc });
    } finally {
      await gw.close();
    }
  });

  it('overloaded_error inside the stream before anything showed is retried like a 529; an error event later is a server error with the partial', async () => {
    const gw = await gateway([sse(fixture('anthropic-overloaded.jsonl')), sse(fixture('anthropic-tool-no-args.jsonl'))]);
    try {
      const r = await collect(gw.client().stream(hello, { api: 'anthropic' }));
      assert.equal(r.error, undefined);
      assert.ok(r.events.some((e) => e.type === 'retry' && e.error.message === 'Overloaded'));
      assert.equal(gw.seen.length, 2);
    } finally {
      await gw.close();
    }
    const broken = fixture('anthropic-tool-no-args.jsonl').slice(0, 4).concat(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Internal error' } }));
    const gw2 = await gateway([sse(broken)]);
    try {
      const r = await collect(gw2.client().stream(hello, { api: 'anthropic' }));
      assert.equal(r.error?.kind, 'server');
      assert.equal(r.error?.message, 'Internal error');
      assert.equal(r.error?.partial?.choices[0].content, "I'll update the issue list for you.");
      assert.equal(gw2.seen.length, 1, 'not retried once text was shown');
    } finally {
      await gw2.close();
    }
  });

  it('an HTTP error in the Anthropic shape keeps its message and type', async () => {
    const gw = await gateway([{ status: 400, json: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: field required' } } }]);
    try {
      const r = await collect(gw.client().stream(hello, { api: 'anthropic' }));
      assert.equal(r.error?.kind, 'badRequest');
      assert.equal(r.error?.message, 'max_tokens: field required');
      assert.equal(r.error?.type, 'invalid_request_error');
    } finally {
      await gw.close();
    }
  });

  it('complete(): a whole Message assembles like the stream', async () => {
    const gw = await gateway([{ status: 200, json: {
      id: 'msg_w', type: 'message', role: 'assistant', model: 'claude-x', stop_reason: 'tool_use',
      content: [{ type: 'thinking', thinking: 'hm', signature: 's1' }, { type: 'text', text: 'ok' }, { type: 'tool_use', id: 'tu1', name: 'f', input: { a: 1 } }],
      usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 5, cache_creation_input_tokens: 0 },
    } }]);
    try {
      const r = await gw.client().complete(hello, { api: 'anthropic' });
      const c = r.choices[0];
      assert.deepEqual([c.reasoning, c.content, c.finishReason], ['hm', 'ok', 'tool_calls']);
      assert.deepEqual(c.toolCalls.map((t) => t.parsed), [{ a: 1 }]);
      assert.deepEqual(c.providerItems?.items, [{ type: 'thinking', thinking: 'hm', signature: 's1' }]);
      assert.equal(r.usage?.prompt_tokens, 8);
      assert.equal(gw.seen[0].body.stream, false);
    } finally {
      await gw.close();
    }
  });
});

describe('wire formats: Responses API', () => {
  it('a recorded function-call stream: one call with its arguments, usage, finish tool_calls; body in the Responses shape', async () => {
    const gw = await gateway([sse(fixture('responses-tool-call.jsonl'))]);
    try {
      const tools: ChatRequest['tools'] = [{ type: 'function', function: { name: 'get_weather', description: 'Get weather', parameters: { type: 'object' }, strict: true } }];
      const r = await collect(gw.client().stream({ ...hello, tools, tool_choice: 'required', max_tokens: 500, response_format: { type: 'json_object' } }, { api: 'responses' }));
      const c = r.done!.choices[0];
      assert.deepEqual(c.toolCalls.map((t) => [t.id, t.name, t.parsed]), [['call_2FQdm3Br7Qb35YUBSkDR7kue', 'get_weather', { city: 'Beijing' }]]);
      assert.equal(c.finishReason, 'tool_calls');
      assert.equal(r.done!.usage?.prompt_tokens, 45);
      assert.equal(r.done!.usage?.completion_tokens, 25);
      assert.equal(r.done!.model, 'gpt-5.1-2025-11-13');
      const argDeltas = r.events.filter((e) => e.type === 'toolCall' && e.argumentsDelta).length;
      assert.equal(argDeltas, 6, 'arguments stream as they come, not again from the done events');

      const { path, headers, body } = gw.seen[0];
      assert.equal(path, '/v1/responses');
      assert.equal(headers.authorization, `Bearer ${KEY}`);
      assert.equal(headers['x-api-key'], undefined);
      assert.equal(body.instructions, 'Be brief.');
      assert.deepEqual(body.input, [{ role: 'user', content: [{ type: 'input_text', text: 'hello' }] }]);
      assert.deepEqual(body.tools, [{ type: 'function', name: 'get_weather', description: 'Get weather', parameters: { type: 'object' }, strict: true }]);
      assert.equal(body.tool_choice, 'required');
      assert.equal(body.max_output_tokens, 500);
      assert.deepEqual(body.text, { format: { type: 'json_object' } });
      assert.equal(body.store, false);
      assert.equal(body.messages, undefined);
      assert.equal(body.stream_options, undefined);
    } finally {
      await gw.close();
    }
  });

  it('reasoning summaries as reasoning, text with its annotation, cached and reasoning tokens, the encrypted reasoning item kept and sent back', async () => {
    const gw = await gateway([sse(fixture('responses-reasoning-text.jsonl')), sse(fixture('responses-tool-call.jsonl'))]);
    try {
      const c = gw.client();
      const r = await collect(c.stream({ ...hello, reasoning_effort: 'high', web_search_options: { search_context_size: 'low' } }, { api: 'responses' }));
      const done = r.done!;
      assert.equal(done.choices[0].reasoning, '**Reading the file**\n\nIt exports one function.');
      assert.equal(done.choices[0].content, '`a.ts` exports `add`.');
      assert.equal(done.choices[0].finishReason, 'stop');
      assert.equal((done.choices[0].annotations[0] as { url: string }).url, 'https://example.com/a');
      assert.equal(done.usage?.prompt_tokens_details?.cached_tokens, 1024);
      assert.equal(done.usage?.completion_tokens_details?.reasoning_tokens, 64);
      assert.ok(r.events.some((e) => e.type === 'usage'));
      const items = done.choices[0].providerItems!;
      assert.equal(items.api, 'responses');
      assert.equal(items.items[0].encrypted_content, 'gAAAAB-own-encrypted-1-final');
      const body = gw.seen[0].body;
      assert.deepEqual(body.reasoning, { effort: 'high', summary: 'auto' });
      assert.deepEqual(body.include, ['reasoning.encrypted_content']);
      assert.deepEqual(body.tools, [{ type: 'web_search', search_context_size: 'low' }]);

      await collect(c.stream({
        ...hello,
        messages: [
          ...hello.messages,
          { role: 'assistant', content: done.choices[0].content, provider_items: items, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read', arguments: '{"p":1}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: 'done' },
        ],
      }, { api: 'responses' }));
      assert.deepEqual((gw.seen[1].body.input as unknown[]).slice(1), [
        items.items[0],
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: '`a.ts` exports `add`.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'read', arguments: '{"p":1}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'done' },
      ]);
    } finally {
      await gw.close();
    }
  });

  it('a recorded error event ends the stream as a server error with the gateway\'s message and code', async () => {
    const gw = await gateway([sse(fixture('responses-error.jsonl'))]);
    try {
      const r = await collect(gw.client().stream(hello, { api: 'responses' }));
      assert.equal(r.error?.kind, 'server');
      assert.match(r.error!.message, /^You exceeded your current quota/);
      assert.equal(r.error?.code, 'insufficient_quota');
    } finally {
      await gw.close();
    }
  });

  it('response.failed alone is an error too; response.incomplete finishes as length', async () => {
    const failed = [fixture('responses-error.jsonl')[0], fixture('responses-error.jsonl')[3]];
    const incomplete = [
      JSON.stringify({ type: 'response.output_text.delta', item_id: 'm', delta: 'cut' }),
      JSON.stringify({ type: 'response.incomplete', response: { id: 'r', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } }),
    ];
    const gw = await gateway([sse(failed), sse(incomplete)]);
    try {
      const c = gw.client();
      const r = await collect(c.stream(hello, { api: 'responses' }));
      assert.equal(r.error?.code, 'insufficient_quota');
      const r2 = await collect(c.stream(hello, { api: 'responses' }));
      assert.deepEqual([r2.done?.choices[0].content, r2.done?.choices[0].finishReason], ['cut', 'length']);
    } finally {
      await gw.close();
    }
  });

  it('complete(): a whole response assembles like the stream', async () => {
    const gw = await gateway([{ status: 200, json: {
      id: 'resp_w', model: 'gpt-5', status: 'completed',
      output: [
        { id: 'rs', type: 'reasoning', summary: [{ type: 'summary_text', text: 'think' }], encrypted_content: 'e' },
        { id: 'msg', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi', annotations: [] }] },
        { id: 'fc', type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"x":2}' },
      ],
      usage: { input_tokens: 5, output_tokens: 6, input_tokens_details: { cached_tokens: 2 } },
    } }]);
    try {
      const r = await gw.client().complete(hello, { api: 'responses' });
      const c = r.choices[0];
      assert.deepEqual([c.reasoning, c.content, c.finishReason], ['think', 'hi', 'tool_calls']);
      assert.deepEqual(c.toolCalls.map((t) => [t.id, t.parsed]), [['c1', { x: 2 }]]);
      assert.equal(r.usage?.prompt_tokens_details?.cached_tokens, 2);
      assert.equal(gw.seen[0].body.stream, false);
    } finally {
      await gw.close();
    }
  });
});

describe('wire formats: chat/completions dialects', () => {
  const chunk = (delta: unknown, finish: string | null = null) => `data: ${JSON.stringify({ id: 'c', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

  it("Gemini: a tool call's extra_content.google.thought_signature is kept and sent back with that call", async () => {
    const extra = { google: { thought_signature: 'CtYBAdHtim9+sig==' } };
    const stream = chunk({ role: 'assistant', tool_calls: [{ index: 0, id: 'fn_1', type: 'function', function: { name: 'list_files', arguments: '{}' }, extra_content: extra }] }, 'tool_calls') + 'data: [DONE]\n\n';
    const gw = await gateway([stream, chunk({ content: 'ok' }, 'stop') + 'data: [DONE]\n\n']);
    try {
      const c = gw.client();
      const r = await collect(c.stream(hello));
      const call = r.done!.choices[0].toolCalls[0];
      assert.deepEqual(call.extras, { extra_content: extra });
      await collect(c.stream({ ...hello, messages: [...hello.messages, { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments }, ...call.extras }] }, { role: 'tool', tool_call_id: call.id, content: 'x' }] }));
      const sent = (gw.seen[1].body.messages as { tool_calls?: { extra_content?: unknown }[] }[])[2];
      assert.deepEqual(sent.tool_calls?.[0].extra_content, extra);
    } finally {
      await gw.close();
    }
  });

  it('Mistral magistral: thinking parts in a content array land in reasoning, text parts in content, under every chunking', async () => {
    const parts = [
      chunk({ role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Let me ' }] }] }),
      chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'count.' }] }] }),
      chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: ' Done' }] }, { type: 'text', text: 'Three' }] }),
      chunk({ content: ' apples.' }, 'stop'),
      'data: [DONE]\n\n',
    ].join('');
    for (const size of [1, 3, 17, parts.length]) {
      const pieces: string[] = [];
      for (let i = 0; i < parts.length; i += size) pieces.push(parts.slice(i, i + size));
      const gw = await gateway([pieces.join('')]);
      try {
        const r = await collect(gw.client().stream(hello));
        assert.equal(r.done!.choices[0].reasoning, 'Let me count. Done', `chunk size ${size}`);
        assert.equal(r.done!.choices[0].content, 'Three apples.', `chunk size ${size}`);
      } finally {
        await gw.close();
      }
    }
  });

  it('provider items of another format never reach chat/completions', async () => {
    const gw = await gateway([chunk({ content: 'ok' }, 'stop')]);
    try {
      await collect(gw.client().stream({ ...hello, messages: [...hello.messages, { role: 'assistant', content: 'a', provider_items: { api: 'anthropic', items: [{ type: 'thinking' }] } }, { role: 'user', content: 'b' }] }));
      assert.ok((gw.seen[0].body.messages as Record<string, unknown>[]).every((m) => !('provider_items' in m)));
    } finally {
      await gw.close();
    }
  });
});

describe('documents and audio through the other formats', () => {
  const pdf = `data:application/pdf;base64,${Buffer.from('%PDF-1.4 report').toString('base64')}`;
  const txt = `data:text/plain;base64,${Buffer.from('plain notes').toString('base64')}`;
  const request: ChatRequest = {
    model: 'm',
    messages: [{ role: 'user', content: [
      { type: 'text', text: 'Read these' },
      { type: 'file', file: { filename: 'report.pdf', file_data: pdf } },
      { type: 'file', file: { filename: 'notes.txt', file_data: txt } },
      { type: 'file', file: { filename: 'sheet.xlsx', file_data: 'data:application/vnd.ms-excel;base64,AAAA' } },
      { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
    ] }],
  };

  it('Responses: a file goes as input_file with its name and data; audio is said, not silently dropped', () => {
    const content = (responsesBody(request, 'stream').input as { content: unknown[] }[])[0].content;
    assert.deepEqual(content, [
      { type: 'input_text', text: 'Read these' },
      { type: 'input_file', filename: 'report.pdf', file_data: pdf },
      { type: 'input_file', filename: 'notes.txt', file_data: txt },
      { type: 'input_file', filename: 'sheet.xlsx', file_data: 'data:application/vnd.ms-excel;base64,AAAA' },
      { type: 'input_text', text: '[audio not sent: this API takes none]' },
    ]);
  });

  it('Anthropic: a PDF as a base64 document, text as a text document, other files and audio named', () => {
    const content = (anthropicBody(request, 'stream').messages as { content: unknown[] }[])[0].content;
    assert.deepEqual(content, [
      { type: 'text', text: 'Read these' },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf.split(',')[1] }, title: 'report.pdf' },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain notes' }, title: 'notes.txt' },
      { type: 'text', text: '[file not sent: sheet.xlsx (Anthropic Messages takes PDF and text documents)]' },
      { type: 'text', text: '[audio not sent: Anthropic Messages takes none]' },
    ]);
  });
});
