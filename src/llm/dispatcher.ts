// How the client reaches a gateway: directly or through a proxy (a CONNECT tunnel, so the proxy sees
// only `host:port` and the key travels inside TLS to the gateway), with which certificates trusted.
import type { Dispatcher } from 'undici';
import { readFile } from 'node:fs/promises';
import { createSecureContext, rootCertificates } from 'node:tls';
import { GatewayError } from './errors';
import type { EndpointConfig } from './types';
import { CA_FILE_UNREADABLE } from '../shared/networkFailure';

// undici is most of the client's code and loading it was most of the activation time (bench/):
// it is loaded on the first request instead. esbuild.js bundles only the members used here and in
// http.ts (`request`, `EnvHttpProxyAgent`): another one needs adding there too.
const undici = (): typeof import('undici') => require('undici');

export type NetworkOptions = Pick<EndpointConfig, 'proxy' | 'noProxy' | 'proxyStrictSSL' | 'caFile' | 'rejectUnauthorized'>;

/**
 * One dispatcher per client. `proxy` (VS Code's `http.proxy`) wins over HTTPS_PROXY / HTTP_PROXY;
 * `noProxy` (VS Code's `http.noProxy`) over NO_PROXY. A CA file is trusted beside the usual roots.
 * `proxyStrictSSL: false` stops checking the proxy's certificate and the one presented through it
 * (what corporate proxies that re-sign TLS need); `rejectUnauthorized: false` stops checking the
 * gateway's certificate at all. Redirects are never followed (undici's request does not), so the key
 * cannot be replayed to another host.
 */
export async function createDispatcher(o: NetworkOptions, url: string): Promise<Dispatcher> {
  // Parsed once per client, not once per connection (the usual roots are some 150 certificates).
  const trust = o.caFile ? { secureContext: createSecureContext({ ca: [...rootCertificates, await readCa(o.caFile, url)] }) } : {};
  const verifyGateway = o.rejectUnauthorized !== false;
  const verifyProxy = o.proxyStrictSSL !== false;
  return new (undici().EnvHttpProxyAgent)({
    ...(o.proxy ? { httpProxy: o.proxy, httpsProxy: o.proxy } : {}),
    ...(o.noProxy?.length ? { noProxy: o.noProxy.join(',') } : {}),
    proxyTunnel: true,
    connect: { ...trust, rejectUnauthorized: verifyGateway },
    requestTls: { ...trust, rejectUnauthorized: verifyGateway && verifyProxy },
    proxyTls: { ...trust, rejectUnauthorized: verifyProxy },
  });
}

async function readCa(path: string, url: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message;
    throw new GatewayError('network', `The certificate file ${path} (caFile) could not be read: ${why}`, url, { code: CA_FILE_UNREADABLE });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new GatewayError('network', `The certificate file ${path} (caFile) holds no PEM certificate (-----BEGIN CERTIFICATE-----)`, url, { code: CA_FILE_UNREADABLE });
  }
  return text;
}
