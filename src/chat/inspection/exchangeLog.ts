// What went over the wire for each answer, for the request inspector: every attempt (a self-healed
// first try and retries included), in memory only, for the last answers of this window. Never written
// to the conversation file: it holds request bodies and raw responses the user did not ask to keep.
import type { TraceEvent } from '../../llm';
import { assertNever } from '../../shared/assertNever';

export interface Exchange {
  url: string;
  method: string;
  /** As sent, with credentials already redacted by the client. */
  requestHeaders: Record<string, string>;
  /** The exact text sent. */
  requestBody?: string;
  requestBodyTruncated?: boolean;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** The raw body as received: SSE lines or a JSON document. */
  response: string;
  responseTruncated?: boolean;
  /** Why the attempt failed, when it did. */
  error?: string;
  /** The attempt was still open when the log was read. */
  open?: boolean;
}

export interface ExchangeLogLimits {
  /** Answers kept; the oldest goes first. */
  answers: number;
  /** Characters of one response (and of one request body) kept. */
  perBody: number;
  /** Characters kept over all answers. */
  total: number;
}

// 16M characters (32 MB of UTF-16) at most: the inspector must not become the extension host's biggest memory user.
export const defaultExchangeLimits: ExchangeLogLimits = { answers: 50, perBody: 2_000_000, total: 16_000_000 };

export class ExchangeLog {
  private readonly byMessage = new Map<string, Exchange[]>();
  private size = 0;

  constructor(private readonly limits: ExchangeLogLimits = defaultExchangeLimits) {}

  /** A trace sink that records the calls made for `messageId` (a continued answer adds to its earlier ones). */
  recorder(messageId: string): (e: TraceEvent) => void {
    let current: Exchange | undefined;
    return (e) => {
      switch (e.type) {
        case 'request': {
          const body = e.body === undefined ? undefined : this.clip(e.body);
          current = {
            url: e.url, method: e.method, requestHeaders: e.headers, response: '', open: true,
            ...(body ? { requestBody: body.text, ...(body.truncated ? { requestBodyTruncated: true } : {}) } : {}),
          };
          this.add(messageId, current);
          break;
        }
        case 'response':
          if (current) Object.assign(current, { status: e.status, responseHeaders: e.headers });
          break;
        case 'chunk':
          if (current) this.append(messageId, current, e.text);
          break;
        case 'end':
          if (!current) break;
          delete current.open;
          if (e.error) current.error = e.error;
          current = undefined;
          break;
        default:
          assertNever(e);
      }
    };
  }

  get(messageId: string): readonly Exchange[] | undefined {
    return this.byMessage.get(messageId);
  }

  private add(messageId: string, x: Exchange): void {
    const list = this.byMessage.get(messageId) ?? [];
    list.push(x);
    // Re-inserted: the answer being recorded is the newest, whenever it started.
    this.byMessage.delete(messageId);
    this.byMessage.set(messageId, list);
    this.size += x.requestBody?.length ?? 0;
    this.evict(messageId);
  }

  private append(messageId: string, x: Exchange, text: string): void {
    if (x.responseTruncated) return;
    const room = this.limits.perBody - x.response.length;
    if (text.length > room) {
      x.response += text.slice(0, Math.max(0, room));
      x.responseTruncated = true;
      this.size += Math.max(0, room);
    } else {
      x.response += text;
      this.size += text.length;
    }
    this.evict(messageId);
  }

  private clip(text: string): { text: string; truncated: boolean } {
    return text.length > this.limits.perBody ? { text: text.slice(0, this.limits.perBody), truncated: true } : { text, truncated: false };
  }

  /** Drops the oldest answers beyond the limits; the one being recorded stays. */
  private evict(keep: string): void {
    for (const [id, list] of this.byMessage) {
      if (this.byMessage.size <= this.limits.answers && this.size <= this.limits.total) return;
      if (id === keep) continue;
      this.byMessage.delete(id);
      for (const x of list) this.size -= (x.requestBody?.length ?? 0) + x.response.length;
    }
  }
}
