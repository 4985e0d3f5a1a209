// What went over the wire, for the request inspector: the request as sent and the raw response as
// received. Secrets are redacted here, inside the client, so no trace ever carries a key.
import { maskSecrets, SecretMasker } from '../shared/secrets';
import { redact } from './errors';
import type { TraceEvent } from './types';
import { stripSecrets } from '../shared/gatewayUrl';

type HeaderValue = string | string[] | number | undefined;

// Names of headers whose values are credentials, whatever the gateway calls them (x-api-key,
// x-goog-api-key, x-auth-token, ...); `x-ratelimit-remaining-tokens` and the like stay readable.
const SECRET_HEADER = /authorization$|^(set-)?cookie$|key$|token$|secret|password|session|signature|credential/i;

/** Header values with credentials replaced: `Bearer ***` keeps the scheme so the reader knows what was sent. */
export function redactHeaders(headers: Record<string, HeaderValue>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : String(raw);
    if (/^(proxy-)?authorization$/i.test(name)) out[name] = /^\S+\s+\S/.test(value) ? value.replace(/^(\S+\s+).*$/s, '$1***') : '***';
    else if (SECRET_HEADER.test(name)) out[name] = '***';
    else out[name] = redact(value, secrets);
  }
  return out;
}

/** One call's tracing: a no-op without a sink, and a sink that throws never breaks the request. */
export class Tracer {
  private decoder = new TextDecoder();
  // Chunks are cut where the network cut them, which can be inside a key: masking each alone would miss it.
  private masker: SecretMasker;

  constructor(private readonly sink: ((e: TraceEvent) => void) | undefined, private readonly secrets: readonly string[]) {
    this.masker = new SecretMasker(secrets);
  }

  request(url: string, init: { method: string; headers: Record<string, string>; body?: string }): void {
    if (!this.sink) return;
    this.decoder = new TextDecoder();
    this.masker = new SecretMasker(this.secrets);
    this.emit({
      type: 'request',
      url: redact(stripSecrets(url), this.secrets),
      method: init.method,
      headers: redactHeaders(init.headers, this.secrets),
      ...(init.body !== undefined ? { body: maskSecrets(init.body, this.secrets) } : {}),
    });
  }

  response(status: number, headers: Record<string, HeaderValue>): void {
    if (this.sink) this.emit({ type: 'response', status, headers: redactHeaders(headers, this.secrets) });
  }

  /** Raw body bytes as they arrived (a character split across chunks is held until it is whole). */
  bytes(chunk: Uint8Array): void {
    if (this.sink) this.text(this.decoder.decode(chunk, { stream: true }));
  }

  text(text: string): void {
    if (this.sink && text) this.chunk(this.masker.push(text));
  }

  end(error?: unknown): void {
    if (!this.sink) return;
    this.text(this.decoder.decode());
    this.chunk(this.masker.flush());
    this.emit(error === undefined ? { type: 'end' } : { type: 'end', error: redact((error as Error)?.message ?? String(error), this.secrets) });
  }

  private chunk(text: string): void {
    if (text) this.emit({ type: 'chunk', text });
  }

  private emit(e: TraceEvent): void {
    try {
      this.sink?.(e);
    } catch {
      // The inspector is a bystander: its failure must not fail the answer.
    }
  }
}
