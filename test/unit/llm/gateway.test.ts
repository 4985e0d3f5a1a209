import assert from 'node:assert/strict';
import { request } from 'undici';
import { collect, harness, req, type Harness } from './helpers';

describe('test gateway: demo scenarios and control endpoints', function () {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  it('demo-tools: a tool call, then an answer once the tool result is sent', async () => {
    const c = h.client();
    const first = await c.complete(req('demo-tools'));
    const call = first.choices[0].toolCalls[0];
    assert.equal(call.name, 'list_files');
    const second = await c.complete({
      model: 'demo-tools',
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] },
        { role: 'tool', tool_call_id: call.id, content: 'a.ts' },
      ],
    });
    assert.equal(second.choices[0].toolCalls.length, 0);
    assert.match(second.choices[0].content, /tool result/);
  });

  it('demo models: reasoning, think tags, image, search, n2, errors, interrupted', async () => {
    const c = h.client({ retryBaseMs: 1 });
    assert.ok((await c.complete(req('demo-reasoning'))).choices[0].reasoning.length > 0);
    assert.ok((await c.complete(req('demo-think-tags'))).choices[0].reasoning.includes('think'));
    assert.equal((await c.complete(req('demo-image'))).choices[0].images[0].mimeType, 'image/png');
    assert.equal((await c.complete(req('demo-search'))).choices[0].annotations.length, 1);
    assert.equal((await c.complete(req('demo-n2', { n: 3 }))).choices.length, 3);
    await assert.rejects(c.complete(req('demo-error-401')), { kind: 'auth' });
    await assert.rejects(c.complete(req('demo-error-500')), { kind: 'server', message: 'HTTP 502 Bad Gateway' });
    const interrupted = await collect(c.stream(req('demo-interrupted')));
    assert.equal(interrupted.error?.kind, 'protocol');
    assert.equal(interrupted.error?.interrupted, true);
  });

  it('a routed sequence cycles (demo-error-429 shape) and the route overrides demo names', async () => {
    h.gw.route('seq', { sequence: [{ status: 429, headers: { 'retry-after-ms': '1' }, error: { message: 'rl' } }, { answer: { content: 'ok' } }] });
    const c = h.client();
    assert.equal((await c.complete(req('seq'))).choices[0].content, 'ok');
    assert.equal((await c.complete(req('seq'))).choices[0].content, 'ok');
    assert.equal(h.gw.requests.length, 4);
    h.gw.route('demo-reasoning', { answer: { content: 'overridden' } });
    assert.equal((await c.complete(req('demo-reasoning'))).choices[0].content, 'overridden');
  });

  it('enqueue wins over routes; FIFO', async () => {
    h.gw.route('m', { answer: { content: 'routed' } });
    h.gw.enqueue({ answer: { content: 'q1' } });
    h.gw.enqueue({ answer: { content: 'q2' } });
    const c = h.client();
    assert.deepEqual(
      [await c.complete(req('m')), await c.complete(req('m')), await c.complete(req('m'))].map((r) => r.choices[0].content),
      ['q1', 'q2', 'routed'],
    );
  });

  it('control endpoints script the gateway from another process', async () => {
    const post = async (path: string, body: unknown): Promise<void> => {
      const r = await request(`${h.gw.origin}/__gateway/${path}`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal(r.statusCode, 200);
      await r.body.dump();
    };
    await post('enqueue', { answer: { content: 'from control' } });
    await post('route', { model: 'ctl', scenario: { answer: { content: 'routed via control' } } });
    await post('models', [{ id: 'only-one' }]);
    const c = h.client();
    assert.equal((await c.complete(req('x'))).choices[0].content, 'from control');
    assert.equal((await c.complete(req('ctl'))).choices[0].content, 'routed via control');
    assert.deepEqual(await c.listModels(), [{ id: 'only-one' }]);
    const rec = await request(`${h.gw.origin}/__gateway/requests`);
    const list = (await rec.body.json()) as { path: string }[];
    assert.equal(list.length, 3);
    await post('reset', {});
    assert.equal(h.gw.requests.length, 0);
  });

  it('rate: chunks per second is respected', async () => {
    h.gw.enqueue({ answer: { content: 'abcdefghij' }, stream: { pieces: 10, rate: 100 } });
    const t0 = Date.now();
    await collect(h.client().stream(req('m')));
    // role + 10 pieces + finish + usage + [DONE] = 14 writes, 13 pauses of 10 ms.
    assert.ok(Date.now() - t0 >= 120, String(Date.now() - t0));
  });
});
