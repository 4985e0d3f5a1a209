// HTTPS gateways with the certificates relays really have, directly and through a CONNECT proxy.
import assert from 'node:assert/strict';
import { startGateway } from '../../gateway/index';
import { startConnectProxy, type ConnectProxy } from './connectProxy';
import { makeCertificates, type Pem, type TestCertificates } from './certificates';
import { collect, harness, KEY, req, type Harness } from './helpers';
import { createClient, type EndpointConfig } from '../../../src/llm/index';

describe('llm: TLS and proxies', function () {
  this.timeout(20_000);
  let certs: TestCertificates;
  let proxy: ConnectProxy;
  const gateways: Harness[] = [];
  /** An HTTPS gateway presenting `pem`. */
  const https = async (pem: Pem): Promise<Harness> => {
    const h = await harness({ tls: { cert: pem.cert, key: pem.key } });
    gateways.push(h);
    return h;
  };
  const ask = async (h: Harness, o: Partial<EndpointConfig> = {}) => collect(h.client(o).stream(req('echo')));

  before(async () => {
    certs = makeCertificates();
    proxy = await startConnectProxy();
  });
  after(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await proxy.close();
    certs.remove();
  });
  beforeEach(() => proxy.reset());

  it('a self-signed certificate fails once, not retried, explained in words', async () => {
    const h = await https(certs.selfSigned);
    const r = await ask(h);
    assert.equal(r.error?.kind, 'network');
    assert.equal(r.error?.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.match(r.error!.message, /self-signed.*caFile/);
    assert.equal(h.gw.connections, 1, 'a certificate that failed is not tried again');
    assert.equal(h.gw.requests.length, 0);
  });

  it('caFile trusts a private CA, or the self-signed certificate itself', async () => {
    const signed = await https(certs.server);
    const unknown = await ask(signed);
    assert.equal(unknown.error?.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.match(unknown.error!.message, /authority this computer does not trust/);
    const r = await ask(signed, { caFile: certs.ca.certFile });
    assert.equal(r.error, undefined, r.error?.message);
    assert.match(r.done!.choices[0].content, /You said: "hello"/);
    const self = await https(certs.selfSigned);
    assert.equal((await ask(self, { caFile: certs.selfSigned.certFile })).error, undefined);
  });

  it('a caFile that cannot be read, or holds no certificate, says so and sends nothing', async () => {
    const h = await https(certs.server);
    const missing = await ask(h, { caFile: `${certs.dir}/nope.pem` });
    assert.equal(missing.error?.kind, 'network');
    assert.equal(missing.error?.code, 'CA_FILE_UNREADABLE');
    assert.match(missing.error!.message, /nope\.pem.*does not exist/);
    const notPem = await ask(h, { caFile: certs.ca.certFile.replace('ca.pem', 'ca.key') });
    assert.match(notPem.error!.message, /holds no PEM certificate/);
    assert.ok(!notPem.error!.message.includes('PRIVATE KEY'), 'the file is not quoted');
    assert.equal(h.gw.connections, 0);
  });

  it('expired and wrong-host certificates are explained in words', async () => {
    const expired = await ask(await https(certs.expired), { caFile: certs.ca.certFile });
    assert.equal(expired.error?.code, 'CERT_HAS_EXPIRED');
    assert.match(expired.error!.message, /certificate has expired/);
    const other = await ask(await https(certs.otherHost), { caFile: certs.ca.certFile });
    assert.equal(other.error?.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.match(other.error!.message, /another host name/);
  });

  it('an https:// URL on a plain http server is explained', async () => {
    const plain = await startGateway();
    try {
      const client = createClient({ baseUrl: plain.url.replace('http:', 'https:'), apiKey: KEY, maxRetries: 0 });
      const r = await collect(client.stream(req('echo')));
      await client.close();
      assert.equal(r.error?.kind, 'network');
      assert.match(r.error!.message, /did not answer with TLS/);
    } finally {
      await plain.close();
    }
  });

  it('rejectUnauthorized: false reaches a self-signed gateway', async () => {
    const h = await https(certs.selfSigned);
    const r = await ask(h, { rejectUnauthorized: false });
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(h.gw.requests[0].headers.authorization, `Bearer ${KEY}`);
  });

  it('through a CONNECT proxy the key stays inside the TLS tunnel', async () => {
    const h = await https(certs.server);
    const r = await ask(h, { proxy: proxy.url, caFile: certs.ca.certFile });
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(proxy.heads.length, 1);
    assert.match(proxy.heads[0], new RegExp(`^CONNECT ${new URL(h.gw.url).host} `));
    assert.ok(!proxy.heads[0].includes(KEY));
    const carried = proxy.carried();
    assert.ok(carried.length > 200, 'the request went through the tunnel');
    assert.equal(carried.indexOf(KEY), -1, 'the key never crossed the proxy in the clear');
    assert.equal(carried.indexOf('chat/completions'), -1, 'nor did the request line');
    assert.equal(h.gw.requests[0].headers.authorization, `Bearer ${KEY}`);
  });

  it('HTTPS_PROXY from the environment is honoured for an https gateway, NO_PROXY bypasses it', async () => {
    const h = await https(certs.server);
    const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
    const saved = Object.fromEntries(names.map((k) => [k, process.env[k]]));
    try {
      for (const k of names) delete process.env[k];
      process.env.HTTPS_PROXY = proxy.url;
      assert.equal((await ask(h, { caFile: certs.ca.certFile })).error, undefined);
      assert.equal(proxy.heads.length, 1);
      process.env.NO_PROXY = 'localhost,127.0.0.1';
      assert.equal((await ask(h, { caFile: certs.ca.certFile })).error, undefined);
      assert.equal(proxy.heads.length, 1, 'NO_PROXY went direct');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('noProxy (VS Code http.noProxy) bypasses the explicit proxy', async () => {
    const h = await https(certs.server);
    const r = await ask(h, { proxy: proxy.url, noProxy: ['localhost', '127.0.0.1'], caFile: certs.ca.certFile });
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(proxy.heads.length, 0);
    assert.equal(h.gw.requests.length, 1);
  });

  it('proxyStrictSSL: false accepts the certificate shown through the proxy; true refuses it', async () => {
    const h = await https(certs.selfSigned);
    const strict = await ask(h, { proxy: proxy.url });
    assert.equal(strict.error?.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    const loose = await ask(h, { proxy: proxy.url, proxyStrictSSL: false });
    assert.equal(loose.error, undefined, loose.error?.message);
    assert.ok(proxy.heads.length >= 2);
    // Without a proxy the setting changes nothing.
    assert.equal((await ask(h, { proxyStrictSSL: false })).error?.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('a proxy that refuses the tunnel is a network error in words, not a cancellation', async () => {
    const h = await https(certs.server);
    proxy.refuseWith = 407;
    const r = await ask(h, { proxy: proxy.url, caFile: certs.ca.certFile, maxRetries: 0 });
    assert.equal(r.error?.kind, 'network');
    assert.equal(r.error?.code, 'PROXY_REFUSED');
    assert.match(r.error!.message, /proxy refused.*407.*credentials/);
    assert.equal(h.gw.requests.length, 0);
  });
});
