import assert from 'node:assert/strict';
import { curlCommand } from '../../../src/chat/inspection/curl';
import { ExchangeLog } from '../../../src/chat/inspection/exchangeLog';
import { toErrorInfo } from '../../../src/chat/turn/turn';
import { endpointSecrets } from '../../../src/llm/credentials';
import { hideDraftSecrets, restoreDraftSecrets } from '../../../src/shared/endpointDraftSecrets';
import { Tracer } from '../../../src/llm/trace';
import { stripSecrets, urlSecrets } from '../../../src/shared/gatewayUrl';
import type { TraceEvent } from '../../../src/llm/types';
import { collect, harness, KEY, rejects, req, textFromEvents, type Harness } from './helpers';

// Every secret the client knows must stay out of what it hands on: errors, traces, and what is built
// from them (the error record, "Copy as curl", log lines made of error messages).
const TOKEN = 'relay-TOKEN-9f8e7d6c5b4a3210';
const MARKED = 'marked-VALUE-5566778899';
const QUERY_KEY = 'query-KEY-aabbccddeeff0011';
const ALL = [KEY, TOKEN, MARKED, QUERY_KEY];

function leaks(text: string): string[] {
  // A third of any secret is already a leak: the cut-then-redact bug left exactly such prefixes.
  return ALL.filter((s) => text.includes(s) || text.includes(s.slice(0, Math.ceil(s.length / 3))));
}

function chunkTexts(events: TraceEvent[]): string {
  return events.filter((e) => e.type === 'chunk').map((e) => (e as { text: string }).text).join('');
}

describe('llm: secrets never leave the client', () => {
  let h: Harness;
  before(async () => (h = await harness()));
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  describe('a key split across two network chunks (trace)', () => {
    it('the Tracer masks a key whose halves arrive in separate chunks', () => {
      const events: TraceEvent[] = [];
      const tracer = new Tracer((e) => events.push(e), [KEY]);
      const body = new TextEncoder().encode(`data: {"content":"${KEY}"}\n\n`);
      const cut = 20 + Math.floor(KEY.length / 2);
      tracer.bytes(body.slice(0, cut));
      tracer.bytes(body.slice(cut));
      tracer.end();
      assert.equal(chunkTexts(events), 'data: {"content":"***"}\n\n');
    });

    it('over the wire: the raw response in the trace shows *** where the echoed key was split', async () => {
      const first = `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"echo ${KEY}"},"finish_reason":null}]}\n\n`;
      const sse = `${first}data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`;
      const middleOfKey = Buffer.byteLength(first.slice(0, first.indexOf(KEY) + 10));
      h.gw.enqueue({ sse, stream: { splitAt: [middleOfKey], delayMs: 20 } });
      const events: TraceEvent[] = [];
      const r = await collect(h.client().stream(req('m'), { trace: (e) => events.push(e) }));
      assert.equal(r.error, undefined);
      assert.ok(events.filter((e) => e.type === 'chunk').length >= 2, 'the body arrived in pieces');
      assert.deepEqual(leaks(chunkTexts(events)), []);
      assert.match(chunkTexts(events), /"content":"echo \*\*\*"/);
    });
  });

  describe('bodies are redacted before they are cut to a short message', () => {
    const nearTheCut = (n: number) => `${'x'.repeat(n)} ${KEY} and more text after it`;

    it('a text/plain error body (cut at 200)', async () => {
      h.gw.enqueue({ status: 500, text: nearTheCut(185) });
      const e = await rejects(h.client({ maxRetries: 0 }).complete(req('m')));
      assert.equal(e.kind, 'server');
      assert.deepEqual(leaks(e.message), []);
    });

    it('an HTML error page title (cut at 120)', async () => {
      h.gw.enqueue({ status: 502, html: `<html><head><title>${nearTheCut(105)}</title></head><body>x</body></html>` });
      const e = await rejects(h.client({ maxRetries: 0 }).complete(req('m')));
      assert.deepEqual(leaks(e.message), []);
    });

    it('a 200 answer that is not JSON (cut at 120)', async () => {
      h.gw.enqueue({ status: 200, headers: { 'content-type': 'application/json' }, text: nearTheCut(100) });
      const e = await rejects(h.client({ maxRetries: 0 }).complete(req('m')));
      assert.equal(e.kind, 'protocol');
      assert.deepEqual(leaks(e.message), []);
    });

    it('a non-JSON error event inside a 200 stream (cut at 200)', async () => {
      h.gw.enqueue({ sse: `event: error\ndata: ${nearTheCut(185)}\n\n` });
      const r = await collect(h.client({ maxRetries: 0 }).stream(req('m')));
      assert.equal(r.error?.kind, 'server');
      assert.deepEqual(leaks(r.error!.message), []);
    });
  });

  describe('secrets other than the Bearer key', () => {
    const endpoint = () => ({
      baseUrl: `${h.gw.url}?api-version=1&key=${QUERY_KEY}`,
      headers: { 'X-Relay-Token': TOKEN, 'X-Custom': MARKED, 'X-Title': 'Gateway Chat' },
      secretHeaders: ['x-custom'],
      maxRetries: 0,
    });
    const echo = `bad credentials: token ${TOKEN}, custom ${MARKED}, key ${QUERY_KEY}, bearer ${KEY}`;

    it('reach the gateway as configured', async () => {
      await h.client(endpoint()).complete(req('echo'));
      const sent = h.gw.requests[0];
      assert.equal(sent.headers['x-relay-token'], TOKEN);
      assert.equal(sent.headers['x-custom'], MARKED);
      assert.match(sent.path, new RegExp(`[?&]key=${QUERY_KEY}`));
    });

    it('not in the error, its record, or a log line made of it, when the gateway echoes them', async () => {
      h.gw.enqueue({ status: 401, error: { message: echo } });
      h.gw.enqueue({ status: 500, text: echo });
      const client = h.client(endpoint());
      for (const e of [await rejects(client.complete(req('m'))), (await collect(client.stream(req('m')))).error!]) {
        assert.deepEqual(leaks(e.message), []);
        assert.deepEqual(leaks(e.url), [], e.url);
        assert.match(e.url, /api-version=1/, 'harmless query parameters stay readable');
        assert.deepEqual(leaks(JSON.stringify(toErrorInfo(e))), []);
        assert.deepEqual(leaks(`Listing models of x failed: ${e.message}`), []);
      }
    });

    it('not in a connection error', async () => {
      const e = await rejects(h.client({ ...endpoint(), baseUrl: `http://127.0.0.1:9/v1?token=${QUERY_KEY}` }).complete(req('m')));
      assert.equal(e.kind, 'network');
      assert.deepEqual(leaks(e.message + e.url), []);
    });

    it('not in the inspector trace nor in "Copy as curl"', async () => {
      // One piece: an answer that spells a key over several deltas is the answer's problem, not the wire's.
      h.gw.enqueue({ answer: { content: echo }, stream: { pieces: 1 } });
      const log = new ExchangeLog();
      const r = await collect(h.client(endpoint()).stream(req('m'), { trace: log.recorder('a1') }));
      assert.equal(r.error, undefined);
      const [x] = log.get('a1')!;
      assert.deepEqual(leaks(JSON.stringify(x)), []);
      assert.equal(x.requestHeaders['x-title'], 'Gateway Chat');
      assert.match(x.url, /api-version=1&key=\*\*\*/);
      assert.deepEqual(leaks(curlCommand(x)), []);
    });
  });

  describe('a key echoed inside a normal answer', () => {
    const pieces = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, i * size + size));
    const sseOf = (deltas: { content?: string; reasoning_content?: string }[]) =>
      deltas.map((d) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: d, finish_reason: null }] })}\n\n`).join('')
      + `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;

    for (const size of [1, 3, 7, 64]) {
      it(`is masked in every text and reasoning delta and in the answer, in deltas of ${size} characters`, async () => {
        const text = `Your key is ${KEY}. Keep it safe; s`;
        const thought = `the user pasted ${KEY}`;
        h.gw.enqueue({ sse: sseOf([...pieces(thought, size).map((p) => ({ reasoning_content: p })), ...pieces(text, size).map((p) => ({ content: p }))]) });
        const r = await collect(h.client().stream(req('m')));
        assert.equal(r.error, undefined);
        assert.equal(textFromEvents(r.events, 'text'), 'Your key is ***. Keep it safe; s');
        assert.equal(textFromEvents(r.events, 'reasoning'), 'the user pasted ***');
        assert.equal(r.done!.choices[0].content, 'Your key is ***. Keep it safe; s');
        assert.equal(r.done!.choices[0].reasoning, 'the user pasted ***');
        assert.deepEqual(leaks(JSON.stringify(r.events)), []);
      });
    }

    it('is masked in a non-streamed answer and in the partial answer of a broken stream', async () => {
      h.gw.enqueue({ answer: { content: `echo ${KEY}` } });
      assert.equal((await h.client().complete(req('m'))).choices[0].content, 'echo ***');
      const broken = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: `half ${KEY}` }, finish_reason: null }] })}\n\n`;
      h.gw.enqueue({ sse: broken });
      const r = await collect(h.client({ maxRetries: 0 }).stream(req('m')));
      assert.equal(r.error?.kind, 'protocol');
      assert.equal(r.error?.partial?.choices[0].content, 'half ***');
      assert.deepEqual(leaks(JSON.stringify(r.events)), []);
    });
  });

  describe('the setup form never holds a credential', () => {
    const stored = {
      id: 'relay', name: 'Relay', baseUrl: `https://gw.example/v1?api-version=1&key=${QUERY_KEY}`,
      headers: { 'X-Relay-Token': TOKEN, 'X-Custom': MARKED, 'X-Title': 'Gateway Chat' },
    };

    it('shows secret header values and URL keys as ***, the rest as written', () => {
      const shown = hideDraftSecrets(stored, ['x-custom']);
      assert.deepEqual(leaks(JSON.stringify(shown)), []);
      assert.deepEqual(shown.headers, { 'X-Relay-Token': '***', 'X-Custom': '***', 'X-Title': 'Gateway Chat' });
      assert.equal(shown.baseUrl, 'https://gw.example/v1?api-version=1&key=***');
    });

    it('a form saved unchanged keeps the stored values; a changed value is taken as typed', () => {
      const shown = hideDraftSecrets(stored, ['x-custom']);
      assert.deepEqual(restoreDraftSecrets(shown, stored), stored);
      const edited = { ...shown, baseUrl: 'https://other.example/v1', headers: { ...shown.headers, 'x-relay-token': 'new-token', 'X-New': '***' } };
      const back = restoreDraftSecrets(edited, stored);
      assert.equal(back.baseUrl, 'https://other.example/v1');
      assert.equal(back.headers['x-relay-token'], 'new-token');
      assert.equal(back.headers['X-Custom'], MARKED);
      assert.equal(back.headers['X-New'], '***', 'a hidden value with nothing stored under its name stays as typed');
      assert.deepEqual(restoreDraftSecrets(shown, undefined), shown, 'a new endpoint has nothing to restore');
    });
  });

  describe('what counts as a secret', () => {
    it('stripSecrets: userinfo dropped, secret-named query values hidden, the rest as written', () => {
      assert.equal(stripSecrets('https://u:p@gw.example/v1?api-version=2024-01&key=abc%2F1&api_key=x&token=t&sig=s&model=m#k=1'),
        'https://gw.example/v1?api-version=2024-01&key=***&api_key=***&token=***&sig=***&model=m#k=1');
      assert.equal(stripSecrets('https://gw.example/v1'), 'https://gw.example/v1');
    });

    it('urlSecrets and endpointSecrets: as written and decoded, custom auth headers by name or by mark', () => {
      assert.deepEqual(urlSecrets('https://u:pa%40ss@gw.example/v1?key=abc%2F1&v=1'), ['pa%40ss', 'pa@ss', 'abc%2F1', 'abc/1']);
      const secrets = endpointSecrets({
        baseUrl: 'https://gw.example/v1?api_key=query-key-1',
        apiKey: 'sk-main-key',
        headers: { 'X-Relay-Token': 'relay-1', Authorization: 'Basic dXNlcjpwYXNz', 'X-Plain': 'visible', 'X-Odd': 'odd-secret' },
        secretHeaders: ['x-ODD'],
      });
      assert.deepEqual(new Set(secrets), new Set(['sk-main-key', 'relay-1', 'Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz', 'query-key-1', 'odd-secret']));
      assert.equal(secrets.includes('visible'), false);
    });
  });
});
