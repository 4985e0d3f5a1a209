// How many tokens a model takes: what the gateway's /models entry says, else the user's `contextWindow`
// in gatewayChat.models, narrowed by a window a gateway named when it refused a request as too long.
// Unknown means no proactive trimming: only a refusal compacts.
import type { ModelSettings } from '../../shared/modelSettingsShape';

/**
 * The fields gateways put the window in, by who documents them:
 * OpenRouter and Together `context_length` (OpenRouter also `top_provider.context_length`), Groq
 * `context_window`, Mistral `max_context_length`, LiteLLM `max_input_tokens`, vLLM and SGLang
 * `max_model_len`, Gemini `inputTokenLimit` / `input_token_limit`, one-api / new-api forks
 * `context_length` or `max_tokens_input`. DeepSeek's and DashScope's /models say nothing.
 */
const windowPaths: readonly string[][] = [
  ['context_length'], ['context_window'], ['max_context_length'], ['max_input_tokens'], ['input_token_limit'],
  ['inputTokenLimit'], ['max_model_len'], ['contextLength'], ['context_size'], ['max_tokens_input'],
  ['top_provider', 'context_length'], ['limits', 'context_window'], ['limits', 'max_input_tokens'],
];

const MIN_WINDOW = 256;
const MAX_WINDOW = 100_000_000;

/** A whole number of tokens in a plausible range; gateways send numbers, some send numeric strings. */
export function tokenCount(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= MIN_WINDOW && n <= MAX_WINDOW ? n : undefined;
}

/** The window a /models entry states, if any. */
export function windowFromModelEntry(entry: unknown): number | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  for (const path of windowPaths) {
    let v: unknown = entry;
    for (const key of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    const n = tokenCount(v);
    if (n) return n;
  }
  return undefined;
}

export type WindowSource = 'gateway' | 'settings' | 'learned';

export interface ContextBudget {
  /** Tokens the model takes in all (prompt and answer); absent: unknown. */
  window?: number;
  source?: WindowSource;
  /** Tokens kept free for the answer. */
  reserve: number;
}

export const DEFAULT_RESERVE = 4096;

/**
 * The window: the gateway's, else the user's setting; a window a refusal named wins when smaller
 * (the gateway enforces it, whatever its /models says).
 */
export function resolveBudget(o: { gateway?: number; settings: Readonly<ModelSettings>; learned?: number }): ContextBudget {
  const stated = o.gateway ? { window: o.gateway, source: 'gateway' as const }
    : tokenCount(o.settings.contextWindow) ? { window: o.settings.contextWindow!, source: 'settings' as const } : {};
  const learned = tokenCount(o.learned);
  const chosen = learned && (!stated.window || learned < stated.window) ? { window: learned, source: 'learned' as const } : stated;
  return { ...chosen, reserve: outputReserve(o.settings, chosen.window) };
}

/**
 * What the answer may take: `max_tokens` / `max_completion_tokens` when the settings send one, else 4k;
 * the default never takes more than a quarter of a small window.
 */
export function outputReserve(settings: Readonly<ModelSettings>, window?: number): number {
  const asked = [settings.params?.max_tokens, settings.params?.max_completion_tokens, settings.body?.max_tokens, settings.body?.max_completion_tokens]
    .find((v): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0);
  if (asked) return window ? Math.min(asked, Math.floor(window / 2)) : asked;
  return window ? Math.min(DEFAULT_RESERVE, Math.floor(window / 4)) : DEFAULT_RESERVE;
}

/** Prompt tokens a request may carry; undefined: no limit known. */
export function promptBudget(b: ContextBudget): number | undefined {
  return b.window ? Math.max(1, b.window - b.reserve) : undefined;
}
