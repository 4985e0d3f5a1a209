// One assistant turn: stream the answer into a message record, keeping every token shown even when
// the stream fails or the user stops it.
import type { AssembledResponse, CallOptions, ChatEvent, ChatRequest, GatewayErrorLike, RetryInfo, Usage } from '../../llm';
import type { GatewayErrorInfo, MessageRecord, ToolCallRecord, UsageInfo } from '../../shared/conversation';
import { beginAnswer, foldDelta, foldEnd } from '../../shared/answerReducer';
import { assertNever } from '../../shared/assertNever';
import { answerExtras, eventsOf } from '../answers/answerExtras';

export interface StreamingClient {
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ChatEvent>;
  /** For `stream: false` (a per-model setting): one JSON answer. */
  complete?(request: ChatRequest, options?: CallOptions): Promise<AssembledResponse>;
}

export interface TurnObserver {
  /** The answer is about to stream; with `n` > 1 it now has its candidates (the panel needs them before the first delta). */
  onBegin?(message: MessageRecord): void;
  /** Text or reasoning arrived; `message` already contains it. `choice` > 0 is another of `n` candidates. */
  onDelta?(message: MessageRecord, delta: { content?: string; reasoning?: string; choice?: number }): void;
  onRetry?(info: RetryInfo): void;
}

export interface TurnOptions {
  client: StreamingClient;
  request: ChatRequest;
  /** The assistant message to fill; its content may already hold an interrupted answer being continued. */
  message: MessageRecord;
  signal?: AbortSignal;
  observer?: TurnObserver;
  omit?: string[];
  /** Sees each attempt on the wire (the request inspector, self-healing). */
  trace?: CallOptions['trace'];
  /** The conversation's id, for endpoints that send it in a session header. */
  sessionId?: string;
  now?: () => number;
}

export async function runTurn(o: TurnOptions): Promise<MessageRecord> {
  const now = o.now ?? Date.now;
  const m = o.message;
  const start = now();
  let firstToken: number | undefined;
  let reasoningStart: number | undefined;
  let reasoningEnd: number | undefined;
  let usage: Usage | null = null;
  const n = typeof o.request.n === 'number' && o.request.n > 1 ? o.request.n : 1;
  beginAnswer(m, n);
  o.observer?.onBegin?.(m);
  try {
    // A stream reports its retry waits as events; a whole answer can only report them through onRetry.
    const whole = o.request.stream === false && o.client.complete;
    const callOptions: CallOptions = { signal: o.signal, omit: o.omit, ...(whole ? { onRetry: (r) => o.observer?.onRetry?.(r) } : {}), ...(o.trace ? { trace: o.trace } : {}), ...(o.sessionId ? { sessionId: o.sessionId } : {}) };
    const events = whole ? eventsOf(await o.client.complete!(o.request, callOptions)) : o.client.stream(o.request, callOptions);
    for await (const event of events) {
      switch (event.type) {
        case 'text':
        case 'reasoning': {
          if (!event.text) break;
          const delta = event.type === 'text' ? { content: event.text } : { reasoning: event.text };
          const choice = event.choice ? { choice: event.choice } : {};
          if (!foldDelta(m, { ...delta, ...choice })) break;
          if (!event.choice) {
            const t = now();
            firstToken ??= t;
            if (event.type === 'reasoning') reasoningStart ??= t;
            else if (reasoningStart !== undefined) reasoningEnd ??= t;
          }
          o.observer?.onDelta?.(m, { ...delta, ...choice });
          break;
        }
        case 'usage':
          usage = event.usage;
          break;
        case 'retry':
          o.observer?.onRetry?.(event);
          break;
        case 'toolCall':
          // Arguments are only complete (and parsed) in `done`.
          break;
        case 'done':
          usage = event.response.usage ?? usage;
          foldEnd(m, { extras: answerExtras(event.response, n), toolCalls: toolCallRecords(event.response) });
          break;
        default:
          assertNever(event);
      }
    }
    m.status = 'complete';
  } catch (e) {
    const error = toErrorInfo(e);
    m.error = error;
    const partial = (e as Partial<GatewayErrorLike>)?.partial;
    if (partial) foldEnd(m, { extras: answerExtras(partial, n) });
    // Something was shown: keep it as an interrupted answer the user can continue. Nothing shown
    // (a stop during a retry wait included) is a failed send: its prompt goes back to the composer.
    m.status = m.content || m.reasoning ? 'interrupted' : 'error';
  } finally {
    const end = now();
    if (reasoningStart !== undefined) m.reasoningMs = (reasoningEnd ?? end) - reasoningStart;
    m.usage = usageInfo(usage, start, firstToken, end);
  }
  return m;
}

function toolCallRecords(r: AssembledResponse): ToolCallRecord[] {
  return (r.choices.find((c) => c.index === 0)?.toolCalls ?? []).map((tc) => ({
    id: tc.id, name: tc.name, arguments: tc.arguments, state: 'pending' as const,
    ...(tc.invalid ? { invalid: true } : {}), ...(tc.legacy ? { legacy: true } : {}),
  }));
}

export function toErrorInfo(e: unknown): GatewayErrorInfo {
  const g = e as Partial<GatewayErrorLike>;
  if (g && typeof g.kind === 'string') {
    return {
      kind: g.kind,
      message: String(g.message ?? ''),
      ...(g.status !== undefined ? { status: g.status } : {}),
      ...(g.code !== undefined ? { code: String(g.code) } : {}),
      ...(g.param ? { param: String(g.param) } : {}),
      ...(g.url ? { url: g.url } : {}),
      ...(g.retryAfterMs !== undefined ? { retryAfterMs: g.retryAfterMs } : {}),
    };
  }
  return { kind: 'network', message: e instanceof Error ? e.message : String(e) };
}

function usageInfo(u: Usage | null, start: number, firstToken: number | undefined, end: number): UsageInfo {
  const info: UsageInfo = { durationMs: end - start };
  if (firstToken !== undefined) info.ttftMs = firstToken - start;
  if (u) {
    if (typeof u.prompt_tokens === 'number') info.promptTokens = u.prompt_tokens;
    if (typeof u.completion_tokens === 'number') info.completionTokens = u.completion_tokens;
    const cached = u.prompt_tokens_details?.cached_tokens;
    if (typeof cached === 'number') info.cachedTokens = cached;
    const reasoning = u.completion_tokens_details?.reasoning_tokens;
    if (typeof reasoning === 'number') info.reasoningTokens = reasoning;
    const generating = firstToken !== undefined ? end - firstToken : 0;
    if (info.completionTokens && generating > 0) info.tokensPerSecond = Math.round((info.completionTokens / generating) * 10000) / 10;
  }
  return info;
}
