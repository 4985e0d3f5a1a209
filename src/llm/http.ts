import type { Dispatcher } from 'undici';

// Loaded on the first request (see dispatcher.ts); esbuild.js bundles only the members used.
const undici = (): typeof import('undici') => require('undici');

export type StopCause = 'user' | 'timeout' | 'idle';

/**
 * One HTTP attempt's cancellation: the caller's signal, the header timeout and the idle
 * timeout all abort the same controller, and `cause` says which one did.
 */
export class Attempt {
  readonly controller = new AbortController();
  cause: StopCause | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;
  private idleMs = 0;

  constructor(private readonly userSignal: AbortSignal | undefined) {
    if (!userSignal) return;
    if (userSignal.aborted) this.stop('user');
    else userSignal.addEventListener('abort', this.onUserAbort, { once: true });
  }

  startHeaderTimer(ms: number): void {
    if (ms > 0) this.timer = setTimeout(() => this.stop('timeout'), ms);
  }

  /** Switches from the header timeout to the idle timeout once headers are in. */
  startIdle(ms: number): void {
    this.clearTimer();
    if (ms <= 0) return;
    this.idleMs = ms;
    this.last = Date.now();
    this.timer = setTimeout(this.checkIdle, ms);
  }

  /** Called per real event; a timestamp is cheaper than re-arming a timer per event. */
  progress(): void {
    this.last = Date.now();
  }

  dispose(): void {
    this.clearTimer();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }

  private readonly onUserAbort = (): void => this.stop('user');

  private readonly checkIdle = (): void => {
    const left = this.last + this.idleMs - Date.now();
    if (left <= 0) this.stop('idle');
    else this.timer = setTimeout(this.checkIdle, left);
  };

  private stop(cause: StopCause): void {
    this.cause ??= cause;
    this.clearTimer();
    this.controller.abort();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface SendInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export function send(dispatcher: Dispatcher, url: string, init: SendInit, attempt: Attempt, timeoutMs: number): Promise<Dispatcher.ResponseData> {
  attempt.startHeaderTimer(timeoutMs);
  // undici's own timeouts are off: ours know the difference between headers, events and comments.
  return undici().request(url, {
    method: init.method,
    headers: init.headers,
    body: init.body,
    signal: attempt.controller.signal,
    dispatcher,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

export function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Reads a whole (non-SSE) body; every chunk counts as progress for the idle timeout. Past `maxBytes`
 * the body is dropped: cut there, or failed with `tooLarge()` when the caller needs all of it.
 */
export async function readText(body: Dispatcher.ResponseData['body'], attempt: Attempt, maxBytes: number, tooLarge?: () => Error): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    attempt.progress();
    size += chunk.byteLength;
    if (size > maxBytes && tooLarge) {
      body.destroy();
      throw tooLarge();
    }
    parts.push(decoder.decode(chunk, { stream: true }));
    if (size > maxBytes) {
      body.destroy();
      break;
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}
