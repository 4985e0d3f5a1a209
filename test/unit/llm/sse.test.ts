import assert from 'node:assert/strict';
import { collect, harness, req, type Harness } from './helpers';

const chunk = (delta: object, finish: string | null = null, index = 0): string =>
  JSON.stringify({ id: 'c1', model: 'm', choices: [{ index, delta, finish_reason: finish }] });

describe('llm: SSE framing', function () {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  for (const [label, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`${label} line endings`, async () => {
      h.gw.route('eol', { answer: { content: 'line endings work' }, stream: { eol, pieces: 4, chunkBytes: 7 } });
      const r = await collect(h.client().stream(req('eol')));
      assert.equal(r.done?.choices[0].content, 'line endings work');
    });
  }

  it('a BOM, comments and keep-alives are skipped', async () => {
    h.gw.route('bom', { answer: { content: 'after the bom' }, stream: { bom: true, comments: ['OPENROUTER PROCESSING', 'keep-alive'], keepAliveEvery: 1, chunkBytes: 1 } });
    const r = await collect(h.client().stream(req('bom')));
    assert.equal(r.done?.choices[0].content, 'after the bom');
  });

  it('multi-line data: fields are joined with newlines', async () => {
    h.gw.route('ml', { answer: { content: 'multi\nline' }, stream: { multiLineData: true } });
    const r = await collect(h.client().stream(req('ml')));
    assert.equal(r.done?.choices[0].content, 'multi\nline');
  });

  it('a multibyte character split across writes', async () => {
    const body = `data: ${chunk({ content: '😀日' }, 'stop')}\n\ndata: [DONE]\n\n`;
    const at = Buffer.from(body).indexOf(Buffer.from('😀')) + 2;
    h.gw.route('mb', { sse: body, stream: { splitAt: [at, at + 1, at + 3], delayMs: 5 } });
    const r = await collect(h.client().stream(req('mb')));
    assert.equal(r.done?.choices[0].content, '😀日');
  });

  it('a final event without its blank line still counts', async () => {
    h.gw.route('nb', { sse: `data: ${chunk({ content: 'a' })}\n\ndata: ${chunk({ content: 'b' }, 'stop')}` });
    const r = await collect(h.client().stream(req('nb')));
    assert.equal(r.error, undefined);
    assert.equal(r.done?.choices[0].content, 'ab');
    assert.equal(r.done?.choices[0].finishReason, 'stop');
  });

  it('no [DONE] but every choice finished: complete', async () => {
    h.gw.route('nd', { answer: { choices: [{ content: 'x' }, { content: 'y' }] }, stream: { done: false } });
    const r = await collect(h.client().stream(req('nd')));
    assert.equal(r.error, undefined);
    assert.deepEqual(r.done?.choices.map((c) => c.content), ['x', 'y']);
  });

  it('no [DONE] and a choice without finish_reason: protocol error, interrupted, with partial', async () => {
    h.gw.route('nf', { answer: { choices: [{ content: 'x' }, { content: 'half', finishReason: null }] }, stream: { done: false } });
    const r = await collect(h.client().stream(req('nf')));
    assert.equal(r.error?.kind, 'protocol');
    assert.equal(r.error?.interrupted, true);
    assert.deepEqual(r.error?.partial?.choices.map((c) => c.content), ['x', 'half']);
    assert.equal(r.done, undefined);
  });

  it('text after [DONE] is ignored', async () => {
    h.gw.route('after', { sse: `data: ${chunk({ content: 'ok' }, 'stop')}\n\ndata: [DONE]\n\ndata: ${chunk({ content: 'ignored' })}\n\n` });
    const r = await collect(h.client().stream(req('after')));
    assert.equal(r.done?.choices[0].content, 'ok');
  });

  it('non-JSON pings in data are ignored, broken JSON is a protocol error', async () => {
    h.gw.route('ping', { sse: `data: ping\n\nevent: ping\ndata: \n\ndata: ${chunk({ content: 'ok' }, 'stop')}\n\ndata: [DONE]\n\n` });
    const r = await collect(h.client().stream(req('ping')));
    assert.equal(r.done?.choices[0].content, 'ok');
    h.gw.route('broken', { sse: `data: ${chunk({ content: 'ok' })}\n\ndata: {"choices":[\n\n` });
    const b = await collect(h.client().stream(req('broken')));
    assert.equal(b.error?.kind, 'protocol');
    assert.equal(b.error?.partial?.choices[0].content, 'ok');
  });

  it('a JSON answer to a streaming request still streams events', async () => {
    h.gw.route('json', { json: { id: 'j', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'whole', reasoning_content: 'why' }, finish_reason: 'stop' }] } });
    const r = await collect(h.client().stream(req('json')));
    assert.deepEqual(r.events.slice(0, 2), [
      { type: 'reasoning', choice: 0, text: 'why' },
      { type: 'text', choice: 0, text: 'whole' },
    ]);
    assert.equal(r.done?.choices[0].content, 'whole');
  });

  it('an SSE answer to complete() is assembled', async () => {
    h.gw.route('sse', { sse: `data: ${chunk({ content: 'stre' })}\n\ndata: ${chunk({ content: 'amed' }, 'stop')}\n\ndata: [DONE]\n\n` });
    const r = await h.client().complete(req('sse'));
    assert.equal(r.choices[0].content, 'streamed');
  });

  it('a huge answer (about 9 MB of SSE, 60k deltas) streams quickly', async () => {
    const word = 'abcdefghij';
    h.gw.route('huge', { answer: { content: word.repeat(60_000) }, stream: { pieces: 60_000, chunkBytes: 65536 } });
    const t0 = Date.now();
    const r = await collect(h.client().stream(req('huge')));
    assert.equal(r.done?.choices[0].content.length, 600_000);
    assert.ok(Date.now() - t0 < 5000);
  });
});
