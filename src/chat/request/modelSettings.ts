// gatewayChat.models: per-model request settings keyed by `<endpointId>/<modelId>` or a glob
// (`relay/deepseek-*`, `*/qwen3-*`). Every matching entry applies, the more specific later.
import { isToolChoice, type ModelSettings } from '../../shared/modelSettingsShape';

export type { ModelPrices, ModelSettings } from '../../shared/modelSettingsShape';

function globToRegExp(glob: string): RegExp {
  const escaped = glob.split('*').map((part) => part.replace(/[.+?^$(){}|[\]\\]/g, '\\$&'));
  return new RegExp('^' + escaped.join('.*') + '$', 'i');
}

// Specificity: literal characters count, so `relay/deepseek-*` beats `*/deepseek-*`, and an exact key wins.
const specificity = (key: string) => key.replace(/\*/g, '').length + (key.includes('*') ? 0 : 10_000);

/** The entries that apply to `model`, least specific first: `[key, entry]`. */
export function matchingEntries(all: Record<string, unknown> | undefined, model: string): [string, ModelSettings][] {
  return Object.entries(all ?? {})
    .filter(([key, v]) => typeof v === 'object' && v !== null && (key === model || (key.includes('*') && globToRegExp(key).test(model))))
    .sort(([a], [b]) => specificity(a) - specificity(b)) as [string, ModelSettings][];
}

export function settingsFor(all: Record<string, unknown> | undefined, model: string): ModelSettings {
  const out: ModelSettings = {};
  for (const [, s] of matchingEntries(all, model)) {
    if (s.params) out.params = { ...out.params, ...s.params };
    if (s.body) out.body = deepMerge(out.body ?? {}, s.body);
    if (Array.isArray(s.omit)) out.omit = [...new Set([...(out.omit ?? []), ...s.omit.filter((x) => typeof x === 'string')])];
    if (s.capabilities) out.capabilities = { ...out.capabilities, ...s.capabilities };
    if (s.toolFormat) out.toolFormat = s.toolFormat;
    if (isToolChoice(s.toolChoice)) out.toolChoice = s.toolChoice;
    if (typeof s.parallelToolCalls === 'boolean') out.parallelToolCalls = s.parallelToolCalls;
    if (typeof s.strictTools === 'boolean') out.strictTools = s.strictTools;
    if (isPlain(s.prices)) out.prices = { ...out.prices, ...s.prices };
    if (typeof s.systemPrompt === 'string') out.systemPrompt = s.systemPrompt;
    if (s.systemPromptMode === 'replace' || s.systemPromptMode === 'append') out.systemPromptMode = s.systemPromptMode;
    if (s.systemRole === 'system' || s.systemRole === 'developer' || s.systemRole === 'user') out.systemRole = s.systemRole;
    if (typeof s.contextWindow === 'number') out.contextWindow = s.contextWindow;
    if (s.api === 'chat' || s.api === 'responses' || s.api === 'anthropic') out.api = s.api;
    if (typeof s.promptCache === 'boolean') out.promptCache = s.promptCache;
  }
  return out;
}

/** The request with the settings applied: params first, then the body merge; unset means not sent. */
export function applySettings<T extends Record<string, unknown>>(request: T, s: ModelSettings): T {
  const withParams = { ...(s.params ?? {}), ...request } as T;
  return withAudioFormat(s.body ? (deepMerge(withParams, s.body) as T) : withParams);
}

/**
 * An audio answer needs a format (OpenAI refuses `audio` without one), and a streamed one only comes
 * as pcm16: a voice set without a format gets the one that works for how the answer is read.
 */
function withAudioFormat<T extends Record<string, unknown>>(request: T): T {
  const audio = request.audio;
  if (!isPlain(audio) || typeof audio.voice !== 'string' || audio.format !== undefined) return request;
  return { ...request, audio: { ...audio, format: request.stream === false ? 'wav' : 'pcm16' } };
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isPlain(prev) && isPlain(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
