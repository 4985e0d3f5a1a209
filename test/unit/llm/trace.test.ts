import assert from 'node:assert/strict';
import type { TraceEvent } from '../../../src/llm/types';
import { redactHeaders } from '../../../src/llm/trace';
import { collect, harness, KEY, rejects, req, type Harness } from './helpers';

describe('llm: trace (what the request inspector sees)', () => {
  let h: Harness;
  before(async () => (h = await harness()));
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  const tracing = () => {
    const events: TraceEvent[] = [];
    return { events, trace: (e: TraceEvent) => events.push(e) };
  };

  it('a stream: the exact body sent, redacted headers, status and headers, raw SSE as received, end', async () => {
    const client = h.client({ headers: { 'X-Title': 'Gateway Chat', 'api-key': 'azure-secret-1234', Cookie: 'session=abc' } });
    const { events, trace } = tracing();
    await collect(client.stream(req('echo', { temperature: 0.3 }), { trace, omit: ['seed'] }));
    assert.deepEqual(events.map((e) => e.type).filter((t, i, a) => t !== 'chunk' || a[i - 1] !== 'chunk'), ['request', 'response', 'chunk', 'end']);
    const request = events[0] as Extract<TraceEvent, { type: 'request' }>;
    assert.equal(request.url, `${h.gw.url}/chat/completions`);
    assert.equal(request.method, 'POST');
    assert.equal(request.headers.authorization, 'Bearer ***');
    assert.equal(request.headers['api-key'], '***');
    assert.equal(request.headers.cookie, '***');
    assert.equal(request.headers['x-title'], 'Gateway Chat');
    assert.equal(request.headers.accept, 'text/event-stream');
    assert.deepEqual(JSON.parse(request.body!), h.gw.requests[0].body, 'the body is what the gateway received');
    assert.equal(request.body, JSON.stringify(h.gw.requests[0].body), 'byte for byte');
    const response = events[1] as Extract<TraceEvent, { type: 'response' }>;
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'], /text\/event-stream/);
    const raw = events.filter((e) => e.type === 'chunk').map((e) => (e as { text: string }).text).join('');
    assert.match(raw, /^data: \{"id":/);
    assert.match(raw, /data: \[DONE\]\n\n$/);
    assert.deepEqual(events.at(-1), { type: 'end' });
    const all = JSON.stringify(events);
    assert.equal(all.includes(KEY), false, 'the key is nowhere in the trace');
    assert.equal(all.includes('azure-secret-1234'), false);
  });

  it('every attempt of a retried request, each ending with its error', async () => {
    h.gw.enqueue({ sequence: [{ status: 429, error: { message: 'Slow down' }, headers: { 'retry-after-ms': '5' } }, { answer: { content: 'ok' } }] });
    const { events, trace } = tracing();
    await collect(h.client().stream(req('m'), { trace }));
    const summary = events.filter((e) => e.type !== 'chunk').map((e) => e.type === 'response' ? `response ${e.status}` : e.type === 'end' ? `end${e.error ? ' error' : ''}` : e.type);
    assert.deepEqual(summary, ['request', 'response 429', 'end error', 'request', 'response 200', 'end']);
    const errorBody = events[2] as Extract<TraceEvent, { type: 'chunk' }>;
    assert.equal(errorBody.type, 'chunk');
    assert.match(errorBody.text, /"message":"Slow down"/);
  });

  it('a refused request: the error body and the message at the end', async () => {
    h.gw.route('o1', { rejectFields: [{ field: 'stream_options' }] });
    const { events, trace } = tracing();
    const r = await collect(h.client().stream(req('o1'), { trace }));
    assert.equal(r.error?.param, 'stream_options');
    const end = events.at(-1) as Extract<TraceEvent, { type: 'end' }>;
    assert.match(end.error!, /Unsupported parameter: 'stream_options'/);
  });

  it('complete(): the JSON document; a failed connection ends the attempt without a response', async () => {
    const { events, trace } = tracing();
    await h.client().complete(req('echo'), { trace });
    const raw = events.filter((e) => e.type === 'chunk').map((e) => (e as { text: string }).text).join('');
    assert.equal(JSON.parse(raw).object, 'chat.completion');
    const down = tracing();
    await rejects(h.client({ baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 0 }).complete(req('echo'), { trace: down.trace }));
    assert.deepEqual(down.events.map((e) => e.type), ['request', 'end']);
    assert.match((down.events[1] as { error?: string }).error!, /Connection to the gateway failed/);
  });

  it('a sink that throws does not break the answer', async () => {
    const r = await collect(h.client().stream(req('echo'), { trace: () => { throw new Error('inspector bug'); } }));
    assert.equal(r.error, undefined);
    assert.ok(r.done);
  });

  it('redactHeaders keeps the scheme, hides every credential-looking header, and known secrets in others', () => {
    assert.deepEqual(redactHeaders({
      Authorization: 'Bearer sk-abc', 'proxy-authorization': 'Basic Zm9vOmJhcg==', 'x-goog-api-key': 'g', 'x-auth-token': 't',
      'set-cookie': ['a=1', 'b=2'], 'x-request-id': 'r1', 'x-ratelimit-remaining-tokens': '999', 'x-echo': 'prefix sk-SECRET-1 suffix', 'content-length': 12 as unknown as string,
    }, ['sk-SECRET-1']), {
      Authorization: 'Bearer ***', 'proxy-authorization': 'Basic ***', 'x-goog-api-key': '***', 'x-auth-token': '***',
      'set-cookie': '***', 'x-request-id': 'r1', 'x-ratelimit-remaining-tokens': '999', 'x-echo': 'prefix *** suffix', 'content-length': '12',
    });
  });
});
