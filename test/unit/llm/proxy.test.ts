import assert from 'node:assert/strict';
import { startConnectProxy, type ConnectProxy as Proxy } from './connectProxy';
import { collect, harness, KEY, req, type Harness } from './helpers';

describe('llm: proxy', function () {
  let h: Harness;
  let proxy: Proxy;
  before(async () => {
    h = await harness();
    proxy = await startConnectProxy();
  });
  after(async () => {
    await h.close();
    await proxy.close();
  });
  beforeEach(() => {
    h.gw.reset();
    proxy.reset();
  });

  it('explicit proxy option: CONNECT tunnel; the key goes only to the gateway host', async () => {
    const client = h.client({ proxy: proxy.url });
    const r = await collect(client.stream(req('echo')));
    assert.equal(r.error, undefined, r.error?.message);
    await client.listModels();
    const gwHost = new URL(h.gw.url).host;
    assert.ok(proxy.heads.length >= 1);
    for (const head of proxy.heads) {
      assert.ok(head.startsWith(`CONNECT ${gwHost} `), head);
      assert.ok(!head.includes(KEY), 'the proxy was not sent the key');
      assert.ok(!/authorization/i.test(head.replace(/proxy-authorization/gi, '')), head);
    }
    assert.equal(h.gw.requests.length, 2);
    for (const r2 of h.gw.requests) assert.equal(r2.headers.authorization, `Bearer ${KEY}`);
  });

  it('HTTP_PROXY from the environment is honoured, NO_PROXY bypasses it', async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY, http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
    try {
      delete process.env.http_proxy;
      delete process.env.no_proxy;
      process.env.HTTP_PROXY = proxy.url;
      delete process.env.NO_PROXY;
      const viaProxy = h.client();
      await viaProxy.complete(req('echo'));
      assert.equal(proxy.heads.length, 1);
      process.env.NO_PROXY = '127.0.0.1,localhost';
      const direct = h.client();
      await direct.complete(req('echo'));
      assert.equal(proxy.heads.length, 1, 'NO_PROXY host did not go through the proxy');
      assert.equal(h.gw.requests.length, 2);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('an unreachable proxy is a network error without the key in it', async () => {
    const client = h.client({ proxy: 'http://127.0.0.1:1', maxRetries: 0 });
    const r = await collect(client.stream(req('echo')));
    assert.equal(r.error?.kind, 'network');
    assert.ok(!r.error!.message.includes(KEY));
  });
});
