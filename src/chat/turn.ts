// One assistant turn: stream the answer into a message record, keeping every token shown even when
// the stream fails or the user stops it.
import type { CallOptions, ChatEvent, ChatRequest, GatewayErrorLike, RetryInfo, Usage } from '../llm/types';
import type { ErrorInfo, MessageRecord, UsageInfo } from '../shared/conversation';

export interface StreamingClient {
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ChatEvent>;
}

export interface TurnObserver {
  /** Text or reasoning arrived; `message` already contains it. */
  onDelta?(message: MessageRecord, delta: { content?: string; reasoning?: string }): void;
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
  try {
    const events = o.client.stream(o.request, { signal: o.signal, omit: o.omit, onRetry: (r) => o.observer?.onRetry?.(r) });
    for await (const event of events) {
      const t = now();
      switch (event.type) {
        case 'text':
          if (event.choice !== 0 || !event.text) break;
          firstToken ??= t;
          if (reasoningStart !== undefined) reasoningEnd ??= t;
          m.content += event.text;
          o.observer?.onDelta?.(m, { content: event.text });
          break;
        case 'reasoning':
          if (event.choice !== 0 || !event.text) break;
          firstToken ??= t;
          reasoningStart ??= t;
          m.reasoning = (m.reasoning ?? '') + event.text;
          o.observer?.onDelta?.(m, { reasoning: event.text });
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'done': {
          usage = event.response.usage ?? usage;
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

export function toErrorInfo(e: unknown): ErrorInfo {
  const g = e as Partial<GatewayErrorLike>;
  if (g && typeof g.kind === 'string') {
    return {
      kind: g.kind,
      message: String(g.message ?? ''),
      ...(g.status !== undefined ? { status: g.status } : {}),
      ...(g.code !== undefined ? { code: String(g.code) } : {}),
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
