// Errors in words a user understands, one sentence per kind; the gateway's own message is shown
// beside it. `t` translates (vscode.l10n.t in the host, the init bundle in the webview).
import type { ConfigErrorInfo, ErrorInfo } from './conversation';
import { assertNever } from './assertNever';
import { networkFailureOf } from './networkFailure';

export type Translate = (english: string, ...args: (string | number)[]) => string;

/** The English text with its `{0}` placeholders filled (for exports and logs, which are not translated). */
export const inEnglish: Translate = (english, ...args) => english.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));

export function errorHeadline(e: ErrorInfo, t: Translate): string {
  if (e.kind === 'config') return configHeadline(e, t);
  const status = e.status ?? '';
  switch (e.kind) {
    case 'auth':
      return t('The gateway rejected the API key (HTTP {0}). Check it with "Gateway Chat: Set API Key".', status);
    case 'notFound':
      return t('Not found (HTTP 404): check the base URL and the model name. The request went to {0}', e.url ?? '');
    case 'badRequest':
      return t('The gateway refused the request (HTTP {0}).', status);
    case 'rateLimit':
      return t('The gateway is rate limiting this key (HTTP 429).');
    case 'server':
      return status ? t('The gateway failed with a server error (HTTP {0}).', status) : t('The gateway reported an error in the middle of the answer.');
    case 'network':
      return networkHeadline(e.code, t);
    case 'timeout':
      return t('The gateway did not answer in time.');
    case 'aborted':
      return t('Stopped.');
    case 'protocol':
      return t('The answer was cut off before it finished.');
    default:
      return assertNever(e);
  }
}

/** A failed connection: what went wrong when it has a name (TLS, the CA file, the proxy), else where to look. */
function networkHeadline(code: string | undefined, t: Translate): string {
  const failure = networkFailureOf(code);
  switch (failure) {
    case 'selfSigned': return t('The gateway\'s certificate is self-signed. Add it to the endpoint as "caFile" to trust it.');
    case 'untrustedIssuer': return t('The gateway\'s certificate comes from an authority this computer does not trust. Add that authority to the endpoint as "caFile".');
    case 'expired': return t('The gateway\'s certificate has expired. The gateway has to renew it.');
    case 'notYetValid': return t('The gateway\'s certificate is not valid yet. Check this computer\'s clock.');
    case 'hostnameMismatch': return t('The gateway\'s certificate is for another host name than the base URL\'s.');
    case 'notTls': return t('The gateway did not answer with TLS. Does the base URL say https:// for an http:// server?');
    case 'caFile': return t('The endpoint\'s "caFile" could not be read or holds no certificate.');
    case 'proxyRefused': return t('The proxy refused to connect to the gateway. Check http.proxy and its credentials.');
    case 'proxyTls': return t('The proxy\'s certificate could not be trusted. Check http.proxy and http.proxyStrictSSL.');
    case undefined: return t('Could not reach the gateway. Check the URL, your network and proxy.');
    default: return assertNever(failure);
  }
}

function configHeadline(e: ConfigErrorInfo, t: Translate): string {
  switch (e.reason) {
    case 'noKey': return t('No API key is set for {0}. Run "Gateway Chat: Set API Key".', e.endpointId);
    case 'maxSteps': return t('Stopped after {0} tool steps (gatewayChat.tools.maxSteps). Continue to let the model go on.', e.steps);
    case 'badUrl': return t('The base URL of "{0}" is not a valid http(s) URL. Fix it with "Gateway Chat: Manage Endpoints".', e.endpointId);
    case 'noEndpoint': return t('There is no endpoint "{0}". Add it with "Gateway Chat: Manage Endpoints".', e.endpointId);
    case 'noModel': return t('Choose a model first: pick one from the model list or type its name.');
    default: return assertNever(e);
  }
}

/** The gateway's own words, when they add something to the headline. */
export function errorDetail(e: ErrorInfo): string {
  if (e.kind === 'config' || e.kind === 'aborted' || !e.message) return '';
  return e.code ? `${e.message} (${e.code})` : e.message;
}
