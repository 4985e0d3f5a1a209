import { STATUS_CODES } from 'node:http';
import { maskSecrets } from '../shared/secrets';
import type { AssembledResponse, GatewayErrorKind, GatewayErrorLike } from './types';
import { assertNever } from '../shared/assertNever';
import { networkFailureOf, PROXY_REFUSED, type NetworkFailure } from '../shared/networkFailure';
import { stripSecrets } from '../shared/gatewayUrl';

export type GatewayErrorInit = Pick<GatewayErrorLike, 'status' | 'code' | 'param' | 'type' | 'retryAfterMs' | 'partial' | 'interrupted'>;

/**
 * The one error type the client throws for anything that went wrong talking to a gateway.
 * `message` is English developer-facing text (the gateway's own words when it sent JSON);
 * the UI maps `kind` to localized wording.
 */
export class GatewayError extends Error implements GatewayErrorLike {
  readonly kind: GatewayErrorKind;
  readonly url: string;
  status?: number;
  code?: string;
  param?: string;
  type?: string;
  retryAfterMs?: number;
  partial?: AssembledResponse;
  interrupted?: boolean;

  constructor(kind: GatewayErrorKind, message: string, url: string, init: GatewayErrorInit = {}) {
    super(message);
    this.name = 'GatewayError';
    this.kind = kind;
    // Errors are shown, logged and saved with the conversation: the URL's own credentials stay out.
    this.url = stripSecrets(url);
    for (const [k, v] of Object.entries(init)) {
      if (v !== undefined) (this as Record<string, unknown>)[k] = v;
    }
  }
}

export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}

/**
 * Replaces every secret (and any Bearer token) so no message or log line carries a key. Run it on
 * the whole text before cutting it short: a cut through a key leaves a prefix nothing matches.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets).replace(/(Bearer\s+)[^\s"',;]+/gi, '$1***');
}

/**
 * The most the client holds of one SSE event or one JSON document. Real answers are far smaller (a 10 MB
 * answer streams in small events); past this, something is broken and must not exhaust the host's memory.
 */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export function tooLargeError(what: string, url: string): GatewayError {
  return new GatewayError('protocol', `${what} from the gateway is over ${MAX_MESSAGE_BYTES / 1024 / 1024} MB`, url);
}

export function kindForStatus(status: number): GatewayErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimit';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  if (status >= 300 && status < 400) return 'protocol';
  return 'badRequest';
}

interface ErrorFields { message?: string; code?: string; param?: string; type?: string }

/** Pulls `{error:{message,type,param,code}}` and the other shapes relays use out of a body. */
export function errorFieldsFromJson(value: unknown): ErrorFields | undefined {
  if (Array.isArray(value)) return value.length > 0 ? errorFieldsFromJson(value[0]) : undefined;
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const inner = v.error;
  if (typeof inner === 'string') return { message: inner, code: str(v.code), type: str(v.type) };
  if (inner && typeof inner === 'object') {
    const e = inner as Record<string, unknown>;
    const message = str(e.message) ?? str(e.msg) ?? str(e.detail) ?? str(v.message);
    return { message, code: str(e.code) ?? str(e.status), param: str(e.param), type: str(e.type) };
  }
  const message = str(v.message) ?? str(v.detail) ?? str(v.msg);
  if (message !== undefined) return { message, code: str(v.code), param: str(v.param), type: str(v.type) };
  return undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** A short readable message for a non-JSON body: status plus the page title, never markup. */
export function shortTextMessage(status: number, body: string, contentType: string | undefined): string {
  const head = statusLine(status);
  const looksHtml = /html|xml/i.test(contentType ?? '') || /^\s*</.test(body);
  if (looksHtml) {
    const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body);
    const title = m ? oneLine(decodeEntities(m[1].replace(/<[^>]*>/g, '')), 120) : '';
    if (!title || head.endsWith(title) || head.includes(title)) return head;
    return `${head}: ${title}`;
  }
  const text = oneLine(body, 200);
  return text ? `${head}: ${text}` : head;
}

export interface HttpErrorInput {
  status: number;
  contentType?: string;
  body: string;
  url: string;
  secrets: readonly string[];
  retryAfterMs?: number;
}

export function errorFromHttp(input: HttpErrorInput): GatewayError {
  const { status, url, secrets } = input;
  const body = redact(input.body, secrets);
  let fields: ErrorFields | undefined;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      fields = errorFieldsFromJson(JSON.parse(trimmed));
    } catch {
      fields = undefined;
    }
  }
  const message = fields?.message ?? shortTextMessage(status, body, input.contentType);
  // Again after parsing: JSON may spell a key with escapes the raw body did not show.
  return new GatewayError(kindForStatus(status), redact(message, secrets), url, {
    status,
    code: fields?.code,
    param: fields?.param,
    type: fields?.type,
    retryAfterMs: input.retryAfterMs,
  });
}

/** An error reported inside a 200 stream (`event: error` or `data: {"error": ...}`). */
export function errorFromStreamPayload(raw: string, url: string, secrets: readonly string[]): GatewayError {
  const data = redact(raw, secrets);
  let fields: ErrorFields | undefined;
  try {
    fields = errorFieldsFromJson(JSON.parse(data));
  } catch {
    fields = { message: oneLine(data, 200) };
  }
  const message = fields?.message || 'The gateway reported an error inside the stream';
  return new GatewayError('server', redact(message, secrets), url, {
    code: fields?.code,
    param: fields?.param,
    type: fields?.type,
  });
}

const NETWORK_CODES_NOT_RETRIED = /^(ERR_TLS|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_SSL|ERR_INVALID_URL|UND_ERR_INVALID_ARG|UND_ERR_PRX_TLS|CA_FILE)/;

/** A failed connection in words a user can act on, for the failures that have a name. */
function explain(failure: NetworkFailure, detail: string): string {
  switch (failure) {
    case 'selfSigned':
      return "The gateway's certificate is self-signed, so it cannot be trusted as it is. Add its certificate (PEM) to the endpoint as caFile";
    case 'untrustedIssuer':
      return "The gateway's certificate was issued by an authority this computer does not trust. Add that authority's certificate (PEM) to the endpoint as caFile";
    case 'expired':
      return "The gateway's certificate has expired";
    case 'notYetValid':
      return "The gateway's certificate is not valid yet (check this computer's clock)";
    case 'hostnameMismatch':
      return `The gateway's certificate is for another host name than the one in the base URL (${detail})`;
    case 'notTls':
      return 'The gateway did not answer with TLS: does the base URL say https:// for an http:// server?';
    case 'proxyTls':
      return `The proxy's certificate could not be trusted (${detail})`;
    case 'caFile':
    case 'proxyRefused':
      return detail;
    default:
      return assertNever(failure);
  }
}

/** Maps an undici / socket failure; `retryable` is false for TLS and argument errors. */
export function errorFromNetwork(err: unknown, url: string, secrets: readonly string[]): { error: GatewayError; retryable: boolean } {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const proxyStatus = /^Proxy response \((\d+)\)/.exec(e?.message ?? '')?.[1];
  const code = proxyStatus ? PROXY_REFUSED : (e?.code ?? e?.cause?.code);
  const detail = proxyStatus
    ? `The proxy refused to open a tunnel to the gateway (HTTP ${proxyStatus}${proxyStatus === '407' ? ': it wants credentials, which go in the proxy URL' : ''})`
    : e?.cause?.message && e.cause.message !== e.message ? `${e.message} (${e.cause.message})` : e?.message ?? String(err);
  const failure = networkFailureOf(code);
  const message = failure ? `${explain(failure, detail)} [${code}]` : `Connection to the gateway failed${code ? ` [${code}]` : ''}: ${detail}`;
  return {
    error: new GatewayError('network', redact(message, secrets), url, { code }),
    retryable: !(code && NETWORK_CODES_NOT_RETRIED.test(code)),
  };
}
