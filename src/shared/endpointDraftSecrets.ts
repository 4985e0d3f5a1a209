// The setup form edits an endpoint's URL and headers, but the panel must never hold a credential:
// secret-named (or user-marked) header values and URL credentials reach it as `***`, and a `***`
// that comes back unchanged keeps the stored value when the form is saved or tested.
import { stripSecrets } from './gatewayUrl';
import type { EndpointDraft } from './protocol';
import { looksSecretName } from './secrets';

export const HIDDEN_VALUE = '***';

function isSecretHeader(name: string, marked: readonly string[]): boolean {
  return looksSecretName(name) || marked.some((m) => m.toLowerCase() === name.toLowerCase());
}

/** The draft as the panel may see it. */
export function hideDraftSecrets(draft: EndpointDraft, secretHeaders: readonly string[] = []): EndpointDraft {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(draft.headers)) headers[name] = isSecretHeader(name, secretHeaders) ? HIDDEN_VALUE : value;
  return { ...draft, baseUrl: stripSecrets(draft.baseUrl), headers };
}

/**
 * What the panel sent back, with each hidden value the user left alone replaced by the stored one:
 * a header still `***` under a name the stored endpoint has, and a URL equal to the stored URL as shown.
 */
export function restoreDraftSecrets(draft: EndpointDraft, stored: EndpointDraft | undefined): EndpointDraft {
  if (!stored) return draft;
  const storedHeaders = new Map(Object.entries(stored.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(draft.headers)) {
    const kept = storedHeaders.get(name.toLowerCase());
    headers[name] = value === HIDDEN_VALUE && kept !== undefined ? kept : value;
  }
  const baseUrl = draft.baseUrl === stripSecrets(stored.baseUrl) ? stored.baseUrl : draft.baseUrl;
  return { ...draft, baseUrl, headers };
}
