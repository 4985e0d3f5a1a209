import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { collect, harness, KEY, req, type Harness } from './helpers';

interface Proxy {
  url: string;
  heads: string[];
  close(): Promise<void>;
}

/** A tiny loopback CONNECT proxy that records the request heads addressed to it. */
async function startProxy(): Promise<Proxy> {
  const heads: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const head = buf.subarray(0, end).toString('latin1');
      heads.push(head);
      const [method, target] = head.split(' ');
      if (method !== 'CONNECT') {
        client.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const [host, port] = target.split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = buf.subarray(end + 4);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    heads,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('llm: proxy', function () {
  let h: Harness;
  let proxy: Proxy;
  before(async () => {
    h = await harness();
    proxy = await startProxy();
  });
  after(async () => {
    await h.close();
    await proxy.close();
  });
  beforeEach(() => {
    h.gw.reset();
    proxy.heads.length = 0;
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
