// Everything one send needs from settings, resolved once by the host before the turn starts and
// never read again during it: who answers, with which settings, remembered fixes, the tool offer,
// the limits, and the words for the notices. The chat layer only reads it.
import type { ChatRequest, ToolDefinition } from '../../llm';
import type { ConfigErrorInfo } from '../../shared/conversation';
import type { ModelSettings } from '../../shared/modelSettingsShape';
import type { Adaptation } from './capabilities';
import type { CompatFix } from './compatibility';
import type { PlanInstructions } from './systemMessage';
import type { StreamingClient } from '../turn/turn';
import type { ContextBudget } from '../context/window';
import type { Summariser } from '../context/summarise';
import type { ToolRegistry } from '../../tools';

/** What the model is offered: `tools`, or legacy `functions`, and a note for it (e.g. why there are none). */
export interface ToolOffer {
  tools?: ToolDefinition[];
  functions?: ChatRequest['functions'];
  note?: string;
  /** The caller requires a tool call: `tool_choice: required`, or `function_call` naming the only function. */
  choice?: 'required' | { name: string };
  /** The tools this turn can run: the built-in ones plus MCP servers' and other extensions' (absent: the built-in ones). */
  registry?: ToolRegistry;
}

/** The notices under an answer, in the user's language (the host translates; tests pass English). */
export interface PlanWords {
  adaptation(a: Adaptation): string;
  fix(fix: CompatFix): string;
  /** Notices about the context window; absent (tests): English. */
  context?: ContextWords;
}

/** What the user is told when the conversation was compacted to fit the model's window. */
export interface ContextWords {
  /** Before a send: `messages` older messages were summarised, `stubs` tool results or attachments cut. */
  compacted(o: { messages: number; stubs: number }): string;
  /** The gateway refused the request as too long; it was compacted and sent once more. */
  overflowHealed(limit?: number): string;
  /** The summarising request failed (its reason), so the request went without it. */
  summaryFailed(reason: string): string;
}

export interface TurnPlan {
  /** `<endpointId>/<modelId>`: who answers, what fixes and prices are kept for. */
  readonly model: string;
  /** The id the gateway knows the model by. */
  readonly modelId: string;
  readonly client: StreamingClient;
  /** gatewayChat.models as it applies to this model (the user's own value; refused body keys already out). */
  readonly settings: Readonly<ModelSettings>;
  /** Fields the gateway was seen to refuse for this model, applied before sending. */
  readonly fixes: readonly CompatFix[];
  readonly tools: Readonly<ToolOffer>;
  /** The prompts from settings and the project's rules files read for this send (absent: none). */
  readonly instructions?: Readonly<PlanInstructions>;
  /** Model steps per turn before the loop stops and says so. */
  readonly maxSteps: number;
  /** Read-only tools inside the workspace run without asking (gatewayChat.tools.autoApproveReadOnly, the user's value). */
  readonly readOnlyWithoutAsking: boolean;
  /** Ask the model for a short title after the first answer. */
  readonly titleWithModel: boolean;
  /** Lines for the answer about how settings were taken (a refused body key, ...), already in words. */
  readonly notices: readonly string[];
  readonly words: PlanWords;
  /** The model's window and the answer's reserve; absent or without `window`: nothing is trimmed before sending. */
  readonly context?: ContextBudget;
  /** Who summarises when the conversation outgrows the window; absent: this plan's own model. */
  readonly summariser?: Summariser;
}

/** A plan, or why there is none (no model, no endpoint, no key, ...), with the model that was asked for. */
export type PlanResult = TurnPlan | { error: ConfigErrorInfo; model: string };
