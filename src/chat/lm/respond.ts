// One answer for a language-model consumer (VS Code's chat, or an extension calling
// `vscode.lm.sendRequest`): the consumer's messages and tools go through the panel's request builder
// and self-healing turn, with the plan the host resolved for the model; text and reasoning stream to
// the sink as they arrive, tool calls once their arguments are complete.
import type { AssembledResponse, CallOptions, ChatEvent, ChatRequest } from '../../llm';
import type { ErrorInfo, MessageRecord, UsageInfo } from '../../shared/conversation';
import { buildRequest } from '../request/buildRequest';
import type { CompatFix } from '../request/compatibility';
import type { TurnPlan } from '../request/turnPlan';
import { runHealingTurn } from '../turn/healingTurn';
import type { StreamingClient } from '../turn/turn';
import { isFilteredFinish } from './failure';
import { lmToolOffer, lmWireMessages, type LmMessage, type LmTool } from './messages';

export interface LmSink {
  text(text: string): void;
  /** Reasoning; the host drops it when VS Code has no thinking part (it never goes into the text). */
  thinking(text: string): void;
  toolCall(call: { id: string; name: string; input: object }): void;
  /** The model called a tool with arguments that are not a JSON object: reported, nothing to run. */
  invalidToolCall(call: { id: string; name: string; arguments: string }): void;
}

export interface LmRequest {
  plan: TurnPlan;
  messages: readonly LmMessage[];
  tools?: readonly LmTool[];
  toolRequired?: boolean;
  signal?: AbortSignal;
  sink: LmSink;
  remember?(model: string, fixes: CompatFix[]): void;
  newId(): string;
  now?(): number;
}

export type LmOutcome =
  | { ok: true; usage?: UsageInfo; notices: string[] }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled?: false; error: ErrorInfo; blocked?: boolean; usage?: UsageInfo };

export async function respond(r: LmRequest): Promise<LmOutcome> {
  const now = r.now ?? Date.now;
  const tools = lmToolOffer(r.tools, r.toolRequired === true, r.plan.settings);
  const legacy = !!tools.functions;
  const messages = lmWireMessages(r.messages, legacy);
  const seen: { response?: AssembledResponse } = {};
  const plan: TurnPlan = { ...r.plan, tools, client: watched(r.plan.client, seen) };
  const message: MessageRecord = { id: r.newId(), role: 'assistant', content: '', status: 'streaming', createdAt: now(), model: plan.model };
  await runHealingTurn({
    plan,
    message,
    signal: r.signal,
    now,
    build: (fixes) => buildRequest({ history: [], extra: messages, plan }, fixes),
    remember: r.remember,
    observer: {
      onDelta: (_m, d) => {
        if (d.choice) return; // other `n` candidates (a model setting) are not this consumer's answer
        if (d.content) r.sink.text(d.content);
        if (d.reasoning) r.sink.thinking(d.reasoning);
      },
    },
  });
  if (r.signal?.aborted) return { ok: false, cancelled: true };
  if (message.error) return { ok: false, error: message.error, usage: message.usage };
  const first = seen.response?.choices.find((c) => c.index === 0);
  for (const call of first?.toolCalls ?? []) {
    const input = call.invalid ? undefined : call.parsed;
    if (input && typeof input === 'object' && !Array.isArray(input)) r.sink.toolCall({ id: call.id, name: call.name, input });
    else r.sink.invalidToolCall({ id: call.id, name: call.name, arguments: call.arguments });
  }
  if (isFilteredFinish(first?.finishReason) && !message.content && !first?.toolCalls.length) {
    return { ok: false, blocked: true, error: { kind: 'badRequest', message: 'content_filter' }, usage: message.usage };
  }
  return { ok: true, usage: message.usage, notices: message.notices ?? [] };
}

/** The plan's client, noting the last assembled answer (tool calls with parsed arguments, finish reason). */
function watched(client: StreamingClient, seen: { response?: AssembledResponse }): StreamingClient {
  return {
    stream: (request: ChatRequest, options?: CallOptions) => noteDone(client.stream(request, options), seen),
    ...(client.complete
      ? { complete: async (request: ChatRequest, options?: CallOptions) => (seen.response = await client.complete!(request, options)) }
      : {}),
  };
}

async function* noteDone(events: AsyncIterable<ChatEvent>, seen: { response?: AssembledResponse }): AsyncIterable<ChatEvent> {
  for await (const e of events) {
    if (e.type === 'done') seen.response = e.response;
    yield e;
  }
}
