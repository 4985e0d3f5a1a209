import assert from 'node:assert/strict';
import { createClient } from '../../../src/llm/index';
import { MAX_MESSAGE_BYTES } from '../../../src/llm/errors';
import { collect, rejects, req } from './helpers';
import { loopback, writeForever, type Loopback } from './loopback';

// A gateway (or something in front of it) that never ends a line or a document must not make the
// extension host hold it all: past the limit it is a protocol error, and the connection is dropped.
describe('llm: one SSE event or JSON body is bounded', function () {
  this.timeout(30_000);
  let server: Loopback;
  let contentType = 'text/event-stream';
  let first = '';
  before(async () => {
    server = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': contentType });
      res.write(first);
      writeForever(res, 'a'.repeat(1 << 16));
    });
  });
  after(async () => server.close());

  const client = () => createClient({ baseUrl: server.url, apiKey: 'sk-limit-test', maxRetries: 0, idleTimeoutMs: 0 });

  it('is 32 MB', () => assert.equal(MAX_MESSAGE_BYTES, 32 * 1024 * 1024));

  it('an SSE line that never ends: protocol error, with the answer so far', async () => {
    contentType = 'text/event-stream';
    first = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"kept"},"finish_reason":null}]}\n\ndata: {"x":"';
    const c = client();
    const r = await collect(c.stream(req('m')));
    await c.close();
    assert.equal(r.error?.kind, 'protocol');
    assert.match(r.error!.message, /32 MB/);
    assert.equal(r.error?.partial?.choices[0].content, 'kept');
  });

  it('a JSON answer that never ends: protocol error', async () => {
    contentType = 'application/json';
    first = '{"choices":[{"message":{"content":"';
    const c = client();
    const e = await rejects(c.complete(req('m')));
    await c.close();
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /32 MB/);
  });

  it('a model list that never ends: protocol error', async () => {
    contentType = 'application/json';
    first = '{"data":[{"id":"';
    const c = client();
    const e = await rejects(c.listModels());
    await c.close();
    assert.equal(e.kind, 'protocol');
  });
});
