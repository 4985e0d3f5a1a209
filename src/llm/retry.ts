// Retry policy shared by chat and model-list calls. Retries happen only before any byte of a
// successful body arrived, so a retried request can never duplicate shown tokens.

export const MAX_RETRY_WAIT_MS = 60_000;
const MAX_BACKOFF_MS = 8_000;

type HeaderValue = string | string[] | undefined;
export type Headers = Record<string, HeaderValue>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The wait the server asked for, in ms: `retry-after-ms`, else `Retry-After` (seconds or HTTP date). */
export function retryAfterFromHeaders(headers: Headers, now = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  }
  const ra = header(headers, 'retry-after');
  if (ra === undefined || ra.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.ceil(Number(ra) * 1000);
  const date = Date.parse(ra);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** `x-should-retry` overrides the status-based decision either way. */
export function shouldRetryResponse(status: number, headers: Headers): boolean {
  const flag = header(headers, 'x-should-retry');
  if (flag === 'false') return false;
  if (flag === 'true') return true;
  return isRetryableStatus(status);
}

/** Exponential backoff with jitter (up to 25% shorter), so clients hitting one relay spread out. */
export function backoffMs(retryIndex: number, baseMs: number): number {
  const raw = Math.min(baseMs * 2 ** retryIndex, MAX_BACKOFF_MS);
  return Math.round(raw * (1 - Math.random() * 0.25));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
