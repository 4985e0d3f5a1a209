// The client on the undici the .vsix ships (dist/vendor/undici.js: a subset of undici with stubs for
// what it never reaches), not on the whole package the other tests load: plain HTTP, HTTPS with a
// caFile, a CONNECT proxy, a proxy's refusal. A stub the client does reach fails here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import esbuild from 'esbuild';
import { makeCertificates, type TestCertificates } from './certificates';
import { startConnectProxy, type ConnectProxy } from './connectProxy';
import { collect, harness, KEY, req, type Harness } from './helpers';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

describe('llm: the bundled undici subset', function () {
  this.timeout(30_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-chat-vendor-'));
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  let loads = 0;
  let certs: TestCertificates;
  let plain: Harness;
  let secure: Harness;
  let proxy: ConnectProxy;

  before(async () => {
    const { vendors } = require('../../../esbuild.js') as { vendors: esbuild.BuildOptions };
    await esbuild.build({ ...vendors, outdir: dir, minify: true, sourcemap: false, logLevel: 'silent' });
    const bundled = path.join(dir, 'undici.js');
    loader._load = function (request, parent, isMain) {
      if (request !== 'undici') return original.call(this, request, parent, isMain);
      loads++;
      return original.call(this, bundled, parent, isMain);
    };
    certs = makeCertificates();
    plain = await harness();
    secure = await harness({ tls: { cert: certs.server.cert, key: certs.server.key } });
    proxy = await startConnectProxy();
  });
  after(async () => {
    loader._load = original;
    await Promise.all([plain?.close(), secure?.close(), proxy?.close()]);
    certs?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams, completes and lists models over plain HTTP', async () => {
    const client = plain.client();
    const r = await collect(client.stream(req('echo')));
    assert.equal(r.error, undefined, r.error?.message);
    assert.match(r.done!.choices[0].content, /hello/);
    assert.match((await client.complete(req('echo'))).choices[0].content, /hello/);
    assert.ok((await client.listModels()).length > 0);
    assert.ok(loads > 0, 'the client loaded the bundled undici');
  });

  it('HTTPS with a caFile, directly and through a CONNECT proxy, the key inside the tunnel', async () => {
    assert.equal((await collect(secure.client({ caFile: certs.ca.certFile }).stream(req('echo')))).error, undefined);
    const r = await collect(secure.client({ caFile: certs.ca.certFile, proxy: proxy.url }).stream(req('echo')));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(proxy.heads.length, 1);
    assert.equal(proxy.carried().indexOf(KEY), -1);
    const untrusted = await collect(secure.client().stream(req('echo')));
    assert.equal(untrusted.error?.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a proxy that refuses the tunnel is explained', async () => {
    proxy.reset();
    proxy.refuseWith = 407;
    const r = await collect(secure.client({ caFile: certs.ca.certFile, proxy: proxy.url, maxRetries: 0 }).stream(req('echo')));
    assert.equal(r.error?.code, 'PROXY_REFUSED');
  });
});
