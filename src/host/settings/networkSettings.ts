// How requests leave this machine: VS Code's proxy settings and an endpoint's certificate fields.
// Both decide where the key travels and whether TLS protects it, so they are read from the user's
// own settings only: a cloned repository's .vscode/settings.json cannot point them at its proxy.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EndpointConfig as ClientConfig } from '../../llm';
import type { EndpointConfig } from './endpoints';

export type NetworkConfig = Pick<ClientConfig, 'proxy' | 'noProxy' | 'proxyStrictSSL' | 'caFile' | 'rejectUnauthorized' | 'sessionHeader'>;

/** `http.proxy`, `http.noProxy`, `http.proxyStrictSSL`: the user's values. HTTPS_PROXY / NO_PROXY apply when they are unset. */
export function vscodeProxySettings(): Pick<NetworkConfig, 'proxy' | 'noProxy' | 'proxyStrictSSL'> {
  const http = vscode.workspace.getConfiguration('http');
  const user = <T>(key: string): T | undefined => {
    const seen = http.inspect<T>(key);
    return seen?.globalValue ?? seen?.defaultValue;
  };
  const proxy = user<string>('proxy');
  const noProxy = user<unknown>('noProxy');
  return {
    ...(typeof proxy === 'string' && proxy.trim() ? { proxy: proxy.trim() } : {}),
    ...(Array.isArray(noProxy) && noProxy.length ? { noProxy: noProxy.filter((h): h is string => typeof h === 'string' && !!h.trim()) } : {}),
    ...(user<boolean>('proxyStrictSSL') === false ? { proxyStrictSSL: false } : {}),
  };
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The endpoint's own network fields, as the client takes them (a hand-edited entry may hold anything). */
export function endpointNetwork(e: Partial<EndpointConfig>): Pick<NetworkConfig, 'caFile' | 'rejectUnauthorized' | 'sessionHeader'> {
  return {
    ...(typeof e.caFile === 'string' && e.caFile.trim() ? { caFile: expandHome(e.caFile.trim()) } : {}),
    ...(e.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
    ...(typeof e.sessionHeader === 'string' && HEADER_NAME.test(e.sessionHeader) ? { sessionHeader: e.sessionHeader } : {}),
  };
}

/** `~/certs/relay.pem` and paths relative to the home folder; settings have no working directory. */
function expandHome(p: string): string {
  const rest = p === '~' ? '' : p.startsWith('~/') || p.startsWith('~\\') ? p.slice(2) : p;
  return path.resolve(os.homedir(), rest);
}

/** Everything that reaches the client for this endpoint's connections. */
export function networkConfig(e: Partial<EndpointConfig>): NetworkConfig {
  return { ...vscodeProxySettings(), ...endpointNetwork(e) };
}
