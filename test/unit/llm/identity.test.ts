// What every request says about who sends it: our User-Agent, no SDK headers, and the session id
// of the conversation when the endpoint names a header for it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { collect, req, sharedHarness } from './helpers';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('llm: request identity headers', () => {
  const h = sharedHarness();

  it('every call carries User-Agent gateway-chat/<version> and no X-Stainless-* header', async () => {
    const client = h().client();
    await collect(client.stream(req('echo')));
    await client.complete(req('echo'));
    await client.listModels();
    assert.equal(h().gw.requests.length, 3);
    for (const r of h().gw.requests) {
      assert.equal(r.headers['user-agent'], `gateway-chat/${version}`);
      assert.deepEqual(Object.keys(r.headers).filter((k) => k.startsWith('x-stainless')), []);
    }
  });

  it('sessionHeader carries the conversation id on chat calls; nothing without one', async () => {
    const client = h().client({ sessionHeader: 'X-Session-Id' });
    await collect(client.stream(req('echo'), { sessionId: 'conv-1' }));
    await client.complete(req('echo'), { sessionId: 'conv-1' });
    await collect(client.stream(req('echo'), { sessionId: 'conv-2' }));
    await collect(client.stream(req('echo')));
    await client.listModels();
    assert.deepEqual(h().gw.requests.map((r) => r.headers['x-session-id']), ['conv-1', 'conv-1', 'conv-2', undefined, undefined]);
    const plain = h().client();
    await collect(plain.stream(req('echo'), { sessionId: 'conv-1' }));
    assert.equal(h().gw.requests[5].headers['x-session-id'], undefined);
  });
});
