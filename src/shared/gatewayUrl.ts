// The gateway URLs as the user pasted them; shared by the client and the setup form, which previews them.
// The base URL is used as the user pasted it: users copy it from a relay's dashboard with
// or without `/v1`, with a trailing slash, or as the full chat-completions URL.

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

/** Drops userinfo so a URL can be shown or put in an error. */
export function stripSecrets(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}
