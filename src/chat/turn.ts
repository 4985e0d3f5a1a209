// One assistant turn: stream the answer into a message record, keeping every token shown even when
// the stream fails or the user stops it.
import type { AssembledResponse, CallOptions, ChatEvent, ChatRequest, GatewayErrorLike, RetryInfo, Usage } from '../llm/types';
import type { ErrorInfo, MessageRecord, UsageInfo } from '../shared/conversation';
import { answerExtras, eventsOf } from './answerExtras';

export interface StreamingClient {
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ChatEvent>;
  /** For `stream: false` (a per-model setting): one JSON answer. */
  complete?(request: ChatRequest, options?: CallOptions): Promise<AssembledResponse>;
}

export interface TurnObserver {
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
  m.status = 'streaming';
  delete m.error;
  const n = typeof o.request.n === 'number' && o.request.n > 1 ? o.request.n : 1;
  if (n > 1) m.candidates = Array.from({ length: n }, (_, i) => m.candidates?.[i] ?? { content: '' });
  const candidate = (choice: number) => (m.candidates ??= [])[choice] ??= { content: '' };
  try {
    const callOptions: CallOptions = { signal: o.signal, omit: o.omit, onRetry: (r) => o.observer?.onRetry?.(r), ...(o.trace ? { trace: o.trace } : {}) };
    const events = o.request.stream === false && o.client.complete
      ? eventsOf(await o.client.complete(o.request, callOptions))
      : o.client.stream(o.request, callOptions);
    for await (const event of events) {
      const t = now();
      switch (event.type) {
        case 'text':
          if (!event.text) break;
          if (event.choice !== 0) {
            if (n === 1) break;
            candidate(event.choice).content += event.text;
            o.observer?.onDelta?.(m, { content: event.text, choice: event.choice });
            break;
          }
          firstToken ??= t;
          if (reasoningStart !== undefined) reasoningEnd ??= t;
          m.content += event.text;
          if (n > 1) candidate(0).content += event.text;
          o.observer?.onDelta?.(m, { content: event.text });
          break;
        case 'reasoning':
          if (!event.text) break;
          if (event.choice !== 0) {
            if (n === 1) break;
            const c = candidate(event.choice);
            c.reasoning = (c.reasoning ?? '') + event.text;
            o.observer?.onDelta?.(m, { reasoning: event.text, choice: event.choice });
            break;
          }
          firstToken ??= t;
          reasoningStart ??= t;
          m.reasoning = (m.reasoning ?? '') + event.text;
          if (n > 1) { const c = candidate(0); c.reasoning = (c.reasoning ?? '') + event.text; }
          o.observer?.onDelta?.(m, { reasoning: event.text });
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'done': {
          usage = event.response.usage ?? usage;
          mergeExtras(m, answerExtras(event.response, n));
          const calls = event.response.choices.find((c) => c.index === 0)?.toolCalls ?? [];
          if (calls.length) {
            m.toolCalls = calls.map((tc) => ({
              id: tc.id, name: tc.name, arguments: tc.arguments, state: 'pending' as const,
              ...(tc.invalid ? { invalid: true } : {}), ...(tc.legacy ? { legacy: true } : {}),
            }));
          }
          break;
        }
        default:
          break;
      }
    }
    m.status = 'complete';
  } catch (e) {
    const error = toErrorInfo(e);
    m.error = error;
    const partial = (e as Partial<GatewayErrorLike>)?.partial;
    if (partial) mergeExtras(m, answerExtras(partial, n));
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

/** Candidates already hold the streamed text (a continued answer has more than this response): keep it, add the ends. */
function mergeExtras(m: MessageRecord, extras: Partial<MessageRecord>): void {
  const { candidates, ...rest } = extras;
  Object.assign(m, rest);
  if (!candidates) return;
  m.candidates = candidates.map((c, i) => ({ ...c, content: m.candidates?.[i]?.content ?? c.content, ...(m.candidates?.[i]?.reasoning ? { reasoning: m.candidates[i].reasoning } : {}) }));
  m.chosen ??= 0;
}

export function toErrorInfo(e: unknown): ErrorInfo {
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
