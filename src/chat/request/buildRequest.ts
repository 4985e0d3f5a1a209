// The one place that says what a request carries and why: conversation + turn plan + the option bar
// become the wire body through these steps, in this order. The client then adds the stream flags and
// drops `omit` (src/llm), nothing else touches the body.
//   1. base: model id, the messages with the one system message first (systemMessage.ts: prompt,
//      conversation instructions, rules, tool note; in the role the model takes), the tool offer
//      (and a required tool choice); the history as src/chat/context compacted it (summaries, stubs)
//   2. model settings: `params` under, `body` merged over (gatewayChat.models), then the typed tool
//      fields (tool_choice, parallel_tool_calls, strict), which a body cannot set
//   3. the option bar: JSON, web search, image config, `n`, logprobs
//   4. capability overrides: images, reasoning fields or JSON mode left out for a model that lacks them
//   5. prompt cache: `cache_control` breakpoints for Claude models (or as the model's `promptCache` says)
//   6. compatibility fixes: fields the gateway refused, renamed or added to `omit` with the settings' own, and
//      the wire format (`api`: the model's setting, or `responses` once the gateway said so)
import type { ChatMessage, ChatRequest, WireApi } from '../../llm';
import type { ContextSource, MessageRecord, RequestOptions } from '../../shared/conversation';
import { applyCapabilities, type Adaptation } from './capabilities';
import { apiWithFixes, applyFixes, type CompatFix } from './compatibility';
import { applySettings } from './modelSettings';
import { attachmentSources, wireMessages } from './packaging';
import { applyPromptCache, promptCacheOn } from './promptCache';
import { applyRequestOptions } from './requestOptions';
import { placeSystemMessage, systemMessage } from './systemMessage';
import { applyToolOptions } from './toolOptions';
import type { TurnPlan } from './turnPlan';
import { requestHistory } from '../context/requestHistory';

export interface RequestInput {
  /** The conversation up to the answer being written. */
  history: MessageRecord[];
  /** Sent after the history, not kept in it (the continue prompt). */
  extra?: ChatMessage[];
  options?: RequestOptions;
  /** The conversation's own instructions. */
  instructions?: string;
  plan: Pick<TurnPlan, 'modelId' | 'settings' | 'fixes' | 'tools' | 'instructions'>;
  /** Records whose tool results and attachments go as stubs, to fit the window (src/chat/context). */
  stubs?: ReadonlySet<string>;
}

export interface BuiltRequest {
  request: ChatRequest;
  /** Top-level fields the client removes last (it may add some, such as `stream_options`). */
  omit?: string[];
  /** What step 4 changed, for a line under the answer. */
  adapted: Adaptation[];
  /** What went along (prompts, rules files, attachments), for the chips above the answer. */
  sources?: ContextSource[];
  /** The wire format the client speaks for it; absent: chat/completions. */
  api?: WireApi;
}

/** `fixes`: found while healing this turn, on top of the plan's remembered ones. */
export function buildRequest(input: RequestInput, fixes: readonly CompatFix[] = []): BuiltRequest {
  const { plan } = input;
  const system = systemMessage({ instructions: plan.instructions, conversation: input.instructions, toolNote: plan.tools.note, history: input.history });
  // Summarised messages stay out and their summary goes in; stubs replace what was cut for room.
  const messages: ChatMessage[] = [...wireMessages(requestHistory(input.history, input.stubs)), ...(input.extra ?? [])];
  const base: ChatRequest = {
    model: plan.modelId,
    messages: placeSystemMessage(messages, system.text, plan.settings.systemRole),
    ...(plan.tools.tools?.length ? { tools: plan.tools.tools } : {}),
    ...(plan.tools.functions?.length ? { functions: plan.tools.functions } : {}),
    ...toolChoice(plan.tools),
  };
  const withOptions = applyRequestOptions(applyToolOptions(applySettings(base, plan.settings), plan.settings), input.options);
  const { request, adapted } = applyCapabilities(withOptions, plan.settings.capabilities);
  const all = [...plan.fixes, ...fixes];
  const api = apiWithFixes(plan.settings.api, all) ?? 'chat';
  const cached = promptCacheOn(plan.settings, plan.modelId) ? applyPromptCache(request, api) : request;
  const wire = applyFixes(cached, plan.settings.omit, all);
  const sources = [...system.sources, ...attachmentSources(input.history)];
  return { request: wire.request, ...(wire.omit ? { omit: wire.omit } : {}), adapted, ...(sources.length ? { sources } : {}), ...(api !== 'chat' ? { api } : {}) };
}

function toolChoice(offer: TurnPlan['tools']): Partial<ChatRequest> {
  if (offer.choice === 'required' && offer.tools?.length) return { tool_choice: 'required' };
  if (typeof offer.choice === 'object' && offer.functions?.some((f) => f.name === (offer.choice as { name: string }).name)) {
    return { function_call: { name: offer.choice.name } };
  }
  return {};
}
