import assert from 'node:assert/strict';
import { GatewayError } from '../../../src/llm/index';
import { redact, shortTextMessage } from '../../../src/llm/errors';
import { collect, harness, KEY, rejects, req, type Harness } from './helpers';

describe('llm: errors', function () {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  const statuses: [number, GatewayError['kind']][] = [
    [400, 'badRequest'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'notFound'],
    [408, 'timeout'],
    [422, 'badRequest'],
    [429, 'rateLimit'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
  ];
  for (const [status, kind] of statuses) {
    it(`JSON ${status} -> ${kind}, with the gateway's own message and code (stream and complete)`, async () => {
      const client = h.client({ maxRetries: 0 });
      const scenario = { status, error: { message: `relay says ${status}`, type: 'some_type', code: `code_${status}`, param: 'messages' } };
      h.gw.enqueue(scenario);
      h.gw.enqueue(scenario);
      const s = await collect(client.stream(req('m')));
      const c = await rejects(client.complete(req('m')));
      for (const e of [s.error!, c]) {
        assert.ok(e instanceof GatewayError);
        assert.equal(e.kind, kind);
        assert.equal(e.status, status);
        assert.equal(e.message, `relay says ${status}`);
        assert.equal(e.code, `code_${status}`);
        assert.equal(e.type, 'some_type');
        assert.equal(e.param, 'messages');
        assert.equal(e.url, `${h.gw.url}/chat/completions`);
        assert.equal(e.partial, undefined);
      }
      assert.equal(s.events.length, 0);
    });
  }

  it('other JSON error shapes: string error, top-level message, array, numeric code', async () => {
    const client = h.client({ maxRetries: 0 });
    h.gw.enqueue({ status: 400, json: { error: 'plain string error' } });
    h.gw.enqueue({ status: 400, json: { message: 'top-level message', code: 1234 } });
    h.gw.enqueue({ status: 400, json: [{ error: { code: 400, message: 'Gemini array', status: 'INVALID_ARGUMENT' } }] });
    h.gw.enqueue({ status: 422, json: { detail: 'fastapi detail' } });
    assert.equal((await rejects(client.complete(req('m')))).message, 'plain string error');
    const e2 = await rejects(client.complete(req('m')));
    assert.equal(e2.message, 'top-level message');
    assert.equal(e2.code, '1234');
    const e3 = await rejects(client.complete(req('m')));
    assert.equal(e3.message, 'Gemini array');
    assert.equal(e3.code, '400');
    assert.equal((await rejects(client.complete(req('m')))).message, 'fastapi detail');
  });

  it('an HTML page becomes status + title, never markup', async () => {
    const client = h.client({ maxRetries: 0 });
    h.gw.enqueue({ status: 502, html: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><h1>502</h1><script>x()</script></body></html>' });
    h.gw.enqueue({ status: 503, html: '<html><head><title>Service &amp; Maintenance | Cloudflare</title></head><body>...</body></html>' });
    h.gw.enqueue({ status: 500, html: '<html><body><h1>oops</h1></body></html>' });
    h.gw.enqueue({ status: 520, text: 'upstream connect error or disconnect/reset before headers.\nreset reason: overflow' });
    const e1 = await rejects(client.complete(req('m')));
    assert.equal(e1.message, 'HTTP 502 Bad Gateway');
    assert.equal(e1.kind, 'server');
    const e2 = await rejects(client.complete(req('m')));
    assert.equal(e2.message, 'HTTP 503 Service Unavailable: Service & Maintenance | Cloudflare');
    const e3 = await rejects(client.complete(req('m')));
    assert.equal(e3.message, 'HTTP 500 Internal Server Error');
    const e4 = await rejects(client.complete(req('m')));
    assert.equal(e4.message, 'HTTP 520: upstream connect error or disconnect/reset before headers. reset reason: overflow');
    for (const e of [e1, e2, e3, e4]) assert.ok(!/[<>]/.test(e.message), e.message);
  });

  it('shortTextMessage truncates long text bodies', () => {
    const m = shortTextMessage(500, 'x'.repeat(5000), 'text/plain');
    assert.ok(m.length <= 232, String(m.length));
    assert.ok(m.startsWith('HTTP 500 Internal Server Error: xxx'));
  });

  it('data: {"error":...} after a 200 -> server error with the partial answer', async () => {
    h.gw.route('mid', {
      answer: { reasoning: 'thinking', content: 'partial answer here' },
      stream: { pieces: 2, errorAfter: { events: 4, error: { message: 'upstream overloaded', code: 'overloaded', type: 'server_error' } } },
    });
    const r = await collect(h.client().stream(req('mid')));
    assert.equal(r.error?.kind, 'server');
    assert.equal(r.error?.message, 'upstream overloaded');
    assert.equal(r.error?.code, 'overloaded');
    assert.equal(r.error?.partial?.choices[0].reasoning, 'thinking');
    assert.equal(r.error?.partial?.choices[0].content, 'partial a');
    assert.equal(h.gw.requests.length, 1, 'never retried after body bytes');
  });

  it('event: error after a 200 -> server error with the partial answer', async () => {
    h.gw.route('ev', { answer: { content: 'abcdef' }, stream: { pieces: 3, errorAfter: { events: 3, style: 'event', error: { message: 'stream broke', code: 500 } } } });
    const r = await collect(h.client().stream(req('ev')));
    assert.equal(r.error?.kind, 'server');
    assert.equal(r.error?.message, 'stream broke');
    assert.equal(r.error?.code, '500');
    assert.equal(r.error?.partial?.choices[0].content, 'abcd');
    assert.deepEqual(r.events.map((e) => e.type), ['text', 'text']);
  });

  it('a 200 JSON body with an error field -> server error', async () => {
    h.gw.enqueue({ json: { error: { message: 'quota exhausted', code: 'insufficient_quota' } } });
    const e = await rejects(h.client().complete(req('m')));
    assert.equal(e.kind, 'server');
    assert.equal(e.code, 'insufficient_quota');
  });

  it('the key is never in any error message, even when the gateway echoes it', async () => {
    const client = h.client({ maxRetries: 0, headers: { 'x-api-key': 'second-secret-value' } });
    h.gw.enqueue({ status: 401, error: { message: `Invalid key ${KEY} for Bearer ${KEY}` } });
    h.gw.enqueue({ status: 500, html: `<html><head><title>Error for ${KEY}</title></head></html>` });
    h.gw.enqueue({ status: 500, text: `key=${KEY} other=second-secret-value` });
    h.gw.route('midkey', { answer: { content: 'abc' }, stream: { errorAfter: { events: 1, error: { message: `stream ${KEY}` } } } });
    const errors = [
      await rejects(client.complete(req('m'))),
      await rejects(client.complete(req('m'))),
      await rejects(client.complete(req('m'))),
      (await collect(client.stream(req('midkey')))).error!,
    ];
    for (const e of errors) {
      const all = `${e.message} ${e.stack} ${JSON.stringify(e)} ${String(e)}`;
      assert.ok(!all.includes(KEY), all);
      assert.ok(!all.includes('second-secret-value'), all);
      assert.ok(e.message.includes('***'), e.message);
    }
  });

  it('redact replaces secrets and any Bearer token', () => {
    assert.equal(redact('a sk-1234567 b Bearer xyz.abc c', ['sk-1234567']), 'a *** b Bearer *** c');
  });

  it('a 404 model-not-found keeps the URL (without credentials) for display', async () => {
    h.gw.enqueue({ status: 404, error: { message: 'The model `nope` does not exist', code: 'model_not_found' } });
    const e = await rejects(h.client().complete(req('nope')));
    assert.equal(e.kind, 'notFound');
    assert.equal(e.url, `${h.gw.url}/chat/completions`);
  });

  it('a redirect is not followed and the key is not replayed elsewhere', async () => {
    const other = await harness();
    try {
      h.gw.enqueue({ status: 307, headers: { location: `${other.gw.url}/chat/completions` }, text: '' });
      const e = await rejects(h.client().complete(req('m')));
      assert.equal(e.kind, 'protocol');
      assert.equal(e.status, 307);
      assert.equal(other.gw.requests.length, 0);
    } finally {
      await other.close();
    }
  });
});
