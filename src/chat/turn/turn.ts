// One assistant turn: stream the answer into a message record, keeping every token shown even when
// the stream fails or the user stops it.
import type { AssembledResponse, CallOptions, ChatEvent, ChatRequest, GatewayErrorLike, RetryInfo, Usage } from '../../llm';
import type { GatewayErrorInfo, MessageRecord, ToolCallRecord, UsageInfo } from '../../shared/conversation';
import { beginAnswer, foldDelta, foldEnd } from '../../shared/answerReducer';
import { assertNever } from '../../shared/assertNever';
import { answerExtras, eventsOf, type AskedFor } from '../answers/answerExtras';

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
  /** The model's wire format (gatewayChat.models `api`, or the one self-healing found). */
  api?: CallOptions['api'];
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
  const asked: AskedFor = { model: o.request.model, audioFormat: typeof o.request.audio?.format === 'string' ? o.request.audio.format : undefined };
  beginAnswer(m, n);
  o.observer?.onBegin?.(m);
  try {
    // A stream reports its retry waits as events; a whole answer can only report them through onRetry.
    const whole = o.request.stream === false && o.client.complete;
    const callOptions: CallOptions = { signal: o.signal, omit: o.omit, ...(whole ? { onRetry: (r) => o.observer?.onRetry?.(r) } : {}), ...(o.trace ? { trace: o.trace } : {}), ...(o.api && o.api !== 'chat' ? { api: o.api } : {}), ...(o.sessionId ? { sessionId: o.sessionId } : {}) };
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
          foldEnd(m, { extras: answerExtras(event.response, n, asked), toolCalls: toolCallRecords(event.response) });
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
    if (partial) foldEnd(m, { extras: answerExtras(partial, n, asked) });
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
    ...(tc.invalid ? { invalid: true } : {}), ...(tc.legacy ? { legacy: true } : {}), ...(tc.extras ? { extras: tc.extras } : {}),
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
      ...(g.type ? { type: String(g.type) } : {}),
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
    // Relays passing Claude's usage through chat/completions keep Anthropic's names for the cache counts.
    const cached = u.prompt_tokens_details?.cached_tokens ?? u.cache_read_input_tokens;
    if (typeof cached === 'number') info.cachedTokens = cached;
    const written = u.prompt_tokens_details?.cache_write_tokens ?? u.cache_creation_input_tokens;
    if (typeof written === 'number' && written > 0) info.cacheWriteTokens = written;
    const reasoning = u.completion_tokens_details?.reasoning_tokens;
    if (typeof reasoning === 'number') info.reasoningTokens = reasoning;
    if (typeof u.total_tokens === 'number') info.totalTokens = u.total_tokens;
    const promptDetails = numbersOf(u.prompt_tokens_details);
    if (promptDetails) info.promptDetails = promptDetails;
    const completionDetails = numbersOf(u.completion_tokens_details);
    if (completionDetails) info.completionDetails = completionDetails;
    const generating = firstToken !== undefined ? end - firstToken : 0;
    if (info.completionTokens && generating > 0) info.tokensPerSecond = Math.round((info.completionTokens / generating) * 10000) / 10;
  }
  return info;
}

/** The numeric entries of a usage details object (bounded: it comes from the gateway). */
function numbersOf(v: unknown): Record<string, number> | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v).slice(0, 32)) if (typeof x === 'number' && Number.isFinite(x) && k.length <= 64) out[k] = x;
  return Object.keys(out).length ? out : undefined;
}
