// The gateway URLs as the user pasted them; shared by the client and the setup form, which previews them.
// The base URL is used as the user pasted it: users copy it from a relay's dashboard with
// or without `/v1`, with a trailing slash, or as the full chat-completions URL.
import { looksSecretName } from '../shared/secrets';

export interface ResolvedUrls {
  base: string;
  chatCompletions: string;
  models: string;
}

const PASTED_SUFFIXES = ['/chat/completions', '/models'];

export function resolveUrls(baseUrl: string): ResolvedUrls {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl.trim());
  } catch {
    throw new TypeError(`Invalid gateway base URL: ${JSON.stringify(stripSecrets(baseUrl))}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`Gateway base URL must be http or https, got ${parsed.protocol}`);
  }
  let path = parsed.pathname.replace(/\/+$/, '');
  for (const suffix of PASTED_SUFFIXES) {
    if (path.toLowerCase().endsWith(suffix)) {
      path = path.slice(0, -suffix.length).replace(/\/+$/, '');
      break;
    }
  }
  // Query strings (Azure-style api-version) belong after the appended path.
  const origin = parsed.origin;
  const search = parsed.search;
  const base = origin + path;
  return {
    base,
    chatCompletions: `${base}/chat/completions${search}`,
    models: `${base}/models${search}`,
  };
}

export function chatCompletionsUrl(baseUrl: string): string {
  return resolveUrls(baseUrl).chatCompletions;
}

export function modelsUrl(baseUrl: string): string {
  return resolveUrls(baseUrl).models;
}

/**
 * The URL as it may be shown or put in an error: without userinfo, and with the values of query
 * parameters named like credentials (`?key=`, `?api_key=`, `?token=`, `sig`) as `***`.
 */
export function stripSecrets(url: string): string {
  const bare = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
  const q = queryRange(bare);
  if (!q) return bare;
  const query = bare.slice(q.start, q.end).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq > 0 && looksSecretName(decode(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=***` : pair;
  });
  return bare.slice(0, q.start) + query.join('&') + bare.slice(q.end);
}

/** Credentials a URL carries (a password in userinfo, secret-named query values), as written and decoded. */
export function urlSecrets(url: string): string[] {
  const out: string[] = [];
  const user = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s]*)@/i.exec(url)?.[1];
  const password = user?.includes(':') ? user.slice(user.indexOf(':') + 1) : undefined;
  if (password) out.push(password, decode(password));
  const q = queryRange(url);
  for (const pair of q ? url.slice(q.start, q.end).split('&') : []) {
    const eq = pair.indexOf('=');
    if (eq > 0 && looksSecretName(decode(pair.slice(0, eq)))) out.push(pair.slice(eq + 1), decode(pair.slice(eq + 1)));
  }
  return out;
}

function queryRange(url: string): { start: number; end: number } | undefined {
  const start = url.indexOf('?') + 1;
  if (start === 0) return undefined;
  const hash = url.indexOf('#', start);
  return { start, end: hash === -1 ? url.length : hash };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
