// "Copy as curl": one recorded request as a POSIX shell command line, runnable by pasting. The key is
// never in it: Authorization reads $GATEWAY_API_KEY (set it first), other secret headers read ***.
import type { Exchange } from './exchangeLog';

export const curlKeyVariable = 'GATEWAY_API_KEY';

export function curlCommand(x: Pick<Exchange, 'url' | 'method' | 'requestHeaders' | 'requestBody'>): string {
  const parts = [`curl ${shellQuote(x.url)}`];
  if (x.method !== (x.requestBody === undefined ? 'GET' : 'POST')) parts.push(`-X ${shellQuote(x.method)}`);
  // Print server-sent events as they arrive instead of buffering them.
  if (Object.entries(x.requestHeaders).some(([k, v]) => k.toLowerCase() === 'accept' && v.includes('event-stream'))) parts.push('-N');
  for (const [name, value] of Object.entries(x.requestHeaders)) {
    const scheme = /^(proxy-)?authorization$/i.test(name) ? /^([\w-]+) \*\*\*$/.exec(value)?.[1] : undefined;
    // Double quotes only where the shell must expand the variable; the name and scheme are plain words.
    if (scheme && /^[\w-]+$/.test(name)) parts.push(`-H "${name}: ${scheme} $${curlKeyVariable}"`);
    else parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (x.requestBody !== undefined) parts.push(`--data-raw ${shellQuote(x.requestBody)}`);
  return parts.join(' \\\n  ');
}

/** Single quotes keep everything literal in POSIX shells; a quote inside is closed, escaped and reopened. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
