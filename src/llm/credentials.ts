// Every value of an endpoint that must never be shown: the key, custom auth headers and keys in the
// base URL. Errors, traces and messages are redacted against this list, whatever the gateway echoes.
import { looksSecretName, usableSecrets } from '../shared/secrets';
import type { EndpointConfig } from './types';
import { urlSecrets } from '../shared/gatewayUrl';

export function endpointSecrets(endpoint: EndpointConfig): string[] {
  const out: string[] = [];
  if (endpoint.apiKey) out.push(endpoint.apiKey);
  const marked = new Set((endpoint.secretHeaders ?? []).map((h) => h.toLowerCase()));
  for (const [name, value] of Object.entries(endpoint.headers ?? {})) {
    if (typeof value !== 'string' || !(looksSecretName(name) || marked.has(name.toLowerCase()))) continue;
    // `Bearer xyz` or `Basic xyz`: the credential alone, since an echo may drop the scheme.
    out.push(value, value.replace(/^[\w-]+\s+/, ''));
  }
  out.push(...urlSecrets(endpoint.baseUrl));
  return usableSecrets(out);
}
