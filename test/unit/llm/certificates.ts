// Test-only certificates, made with openssl when a suite starts and deleted after it: a CA, a server
// certificate it signed for 127.0.0.1, and the broken ones gateways really present (self-signed,
// expired, issued for another host). Nothing here is committed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Pem { cert: string; key: string; certFile: string }

export interface TestCertificates {
  dir: string;
  ca: Pem;
  /** Signed by `ca`, for IP 127.0.0.1 and localhost. */
  server: Pem;
  /** Its own issuer, for 127.0.0.1. */
  selfSigned: Pem;
  /** Signed by `ca`, for 127.0.0.1, no longer valid. */
  expired: Pem;
  /** Signed by `ca`, for other.example only. */
  otherHost: Pem;
  remove(): void;
}

export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-chat-certs-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const read = (name: string): Pem => ({ cert: readFileSync(file(`${name}.pem`), 'utf8'), key: readFileSync(file(`${name}.key`), 'utf8'), certFile: file(`${name}.pem`) });

  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Gateway Chat Test CA', '-days', '2',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  const signed = (name: string, san: string, days: string) => {
    writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\n`);
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`,
      '-days', days, '-extfile', `${name}.ext`);
    return read(name);
  };
  const server = signed('server', 'IP:127.0.0.1,DNS:localhost', '2');
  // notAfter a day before notBefore: expired the moment it is made.
  const expired = signed('expired', 'IP:127.0.0.1,DNS:localhost', '-1');
  const otherHost = signed('other', 'DNS:other.example', '2');
  openssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-subj', '/CN=127.0.0.1', '-days', '2',
    '-addext', 'subjectAltName=IP:127.0.0.1');
  return { dir, ca: read('ca'), server, selfSigned: read('self'), expired, otherHost, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
