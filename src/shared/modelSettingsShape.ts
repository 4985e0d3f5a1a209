// What one entry of gatewayChat.models may hold, and the strict check of an entry the panel sends
// (the webview is untrusted: known keys only, finite numbers, bounded sizes).

export interface ModelPrices {
  /** Per million prompt tokens that were not served from the cache. */
  input?: number;
  /** Per million cached prompt tokens; absent: the input price. */
  cachedInput?: number;
  /** Per million prompt tokens written to the cache (Claude: 1.25x input); absent: the input price. */
  cacheWrite?: number;
  /** Per million completion tokens (reasoning included, as gateways count it). */
  output?: number;
  /** Shown before the amount: "$", "¥", ... */
  currency?: string;
}

export interface ModelSettings {
  /** Request fields as the gateway documents them: temperature, top_p, max_tokens, reasoning_effort, ... */
  params?: Record<string, unknown>;
  /** JSON deep-merged into the request body (put `extra_body` inside it for gateways that want that key). */
  body?: Record<string, unknown>;
  /** Top-level fields to remove before sending, for gateways that reject them. */
  omit?: string[];
  capabilities?: Record<string, boolean>;
  toolFormat?: 'tools' | 'functions';
  /** `tool_choice` when tools are offered: let the model decide, forbid, require, or name one tool. */
  toolChoice?: ToolChoice;
  /** `parallel_tool_calls` when tools are offered. */
  parallelToolCalls?: boolean;
  /** `function.strict: true` for each offered tool whose schema strict mode accepts. */
  strictTools?: boolean;
  prices?: ModelPrices;
  /** This model's system prompt (markdown): it replaces gatewayChat.systemPrompt, or with `append` follows it. */
  systemPrompt?: string;
  systemPromptMode?: SystemPromptMode;
  /** The role the one system message goes in: models that take no `system` role get `developer` or `user`. */
  systemRole?: SystemRole;
  /** Tokens the model takes (prompt and answer), when its gateway's /models does not say. */
  contextWindow?: number;
  /** The wire format: `chat` (chat/completions, the default), `responses` or `anthropic` (Messages). */
  api?: WireApiName;
  /** Prompt-cache breakpoints (`cache_control`); absent: on for claude* models. */
  promptCache?: boolean;
}

export const systemPromptModes = ['replace', 'append'] as const;
export type SystemPromptMode = (typeof systemPromptModes)[number];
export const systemRoles = ['system', 'developer', 'user'] as const;
export type SystemRole = (typeof systemRoles)[number];

export const wireApis = ['chat', 'responses', 'anthropic'] as const;
export type WireApiName = (typeof wireApis)[number];
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export const toolChoiceModes = ['auto', 'none', 'required'] as const;
/** A tool's name as the gateways allow it. */
export const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

export function isToolChoice(v: unknown): v is ToolChoice {
  if (typeof v === 'string') return (toolChoiceModes as readonly string[]).includes(v);
  return isRecord(v) && Object.keys(v).length === 1 && typeof v.name === 'string' && toolNamePattern.test(v.name);
}

interface NumberRule { integer?: boolean; min?: number; max?: number }

/** The sampling parameters the form edits, with the ranges the gateways document. */
export const numberParams: Record<string, NumberRule> = {
  temperature: { min: 0, max: 2 },
  top_p: { min: 0, max: 1 },
  top_k: { integer: true, min: -1 },
  min_p: { min: 0, max: 1 },
  max_tokens: { integer: true, min: 1 },
  max_completion_tokens: { integer: true, min: 1 },
  presence_penalty: { min: -2, max: 2 },
  frequency_penalty: { min: -2, max: 2 },
  repetition_penalty: { min: 0 },
  seed: { integer: true },
};

export const booleanParams = ['stream', 'enable_thinking', 'separate_reasoning'] as const;
export const reasoningEfforts = ['minimal', 'low', 'medium', 'high'] as const;
export const capabilityNames = ['tools', 'vision', 'reasoning', 'json', 'files', 'audio'] as const;
/** Voices and formats of `audio` for models that answer in audio (`modalities: ["text", "audio"]`). */
export const audioFormats = ['wav', 'mp3', 'flac', 'opus', 'pcm16'] as const;
/** Every `params` key the form owns; others in settings.json are kept as they are. */
export const formParams = [...Object.keys(numberParams), 'stop', 'logit_bias', 'user', 'reasoning_effort', 'modalities', 'audio', ...booleanParams];

export const limits = { systemPromptChars: 65_536, stopItems: 4, stopLength: 256, logitBiasKeys: 1024, userLength: 256, omitItems: 64, bodyChars: 65_536, bodyDepth: 16, currencyLength: 8, maxPrice: 1_000_000 };
/** A context window the form accepts, in tokens. */
export const contextWindowRule: NumberRule = { integer: true, min: 256, max: 100_000_000 };


/** A raw body may not set these: they say what is asked, of whom, with which tools and how the answer is read. */
export const protectedBodyKeys = ['model', 'messages', 'tools', 'functions', 'tool_choice', 'n', 'stream'] as const;

/** The protected keys a body tries to set. */
export function refusedBodyKeys(body: Record<string, unknown> | undefined): string[] {
  return body ? protectedBodyKeys.filter((k) => Object.hasOwn(body, k)) : [];
}

export const omitNamePattern = /^[A-Za-z0-9_.-]{1,64}$/;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const boolean = (v: unknown) => typeof v === 'boolean';
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const onlyKeys = (v: Record<string, unknown>, keys: readonly string[]) => Object.keys(v).every((k) => keys.includes(k));

/** A number that fits its rule. */
export function fitsRule(v: unknown, rule: NumberRule): v is number {
  return finite(v) && (!rule.integer || Number.isSafeInteger(v)) && (rule.min === undefined || v >= rule.min) && (rule.max === undefined || v <= rule.max);
}

/** JSON data only (what structured clone could smuggle in, such as NaN or a Date, is refused), bounded in depth and size. */
export function isJsonObject(v: unknown, maxChars = limits.bodyChars, maxDepth = limits.bodyDepth): v is Record<string, unknown> {
  const plain = (x: unknown, depth: number): boolean => {
    if (depth > maxDepth) return false;
    if (x === null || typeof x === 'string' || typeof x === 'boolean') return true;
    if (typeof x === 'number') return Number.isFinite(x);
    if (Array.isArray(x)) return x.every((y) => plain(y, depth + 1));
    if (!isRecord(x) || Object.getPrototypeOf(x) !== Object.prototype) return false;
    return Object.values(x).every((y) => plain(y, depth + 1));
  };
  return isRecord(v) && plain(v, 0) && JSON.stringify(v).length <= maxChars;
}

function validParam(key: string, v: unknown): boolean {
  if (Object.hasOwn(numberParams, key)) return fitsRule(v, numberParams[key]);
  switch (key) {
    case 'stop':
      return Array.isArray(v) && v.length <= limits.stopItems && v.every((s) => typeof s === 'string' && s.length > 0 && s.length <= limits.stopLength);
    case 'logit_bias':
      return isRecord(v) && Object.keys(v).length <= limits.logitBiasKeys && Object.values(v).every((x) => fitsRule(x, { min: -100, max: 100 }));
    case 'user':
      return typeof v === 'string' && v.length > 0 && v.length <= limits.userLength;
    case 'reasoning_effort':
      return typeof v === 'string' && /^[a-z]{1,16}$/.test(v);
    case 'modalities':
      return Array.isArray(v) && v.length <= 2 && v.every((m) => m === 'text' || m === 'audio');
    case 'audio':
      return isRecord(v) && onlyKeys(v, ['voice', 'format']) && typeof v.voice === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v.voice)
        && optional(v.format, (f) => (audioFormats as readonly unknown[]).includes(f));
    default:
      return (booleanParams as readonly string[]).includes(key) && boolean(v);
  }
}

function validPrices(v: unknown): boolean {
  if (!isRecord(v) || !onlyKeys(v, ['input', 'cachedInput', 'cacheWrite', 'output', 'currency'])) return false;
  const price = (x: unknown) => fitsRule(x, { min: 0, max: limits.maxPrice });
  return optional(v.input, price) && optional(v.cachedInput, price) && optional(v.cacheWrite, price) && optional(v.output, price)
    && optional(v.currency, (c) => typeof c === 'string' && c.length > 0 && c.length <= limits.currencyLength);
}

/** The top-level keys of an entry the form edits; others in settings.json are kept as they are. */
export const formKeys = ['params', 'body', 'omit', 'capabilities', 'toolFormat', 'toolChoice', 'parallelToolCalls', 'strictTools', 'prices', 'systemPrompt', 'systemPromptMode', 'systemRole', 'contextWindow', 'api', 'promptCache'] as const;

const oneOf = (options: readonly string[]) => (x: unknown) => typeof x === 'string' && options.includes(x);

/** What the form may save: the keys it owns, each well-formed. */
export function isFormSettings(v: unknown): v is ModelSettings {
  if (!isRecord(v) || !onlyKeys(v, formKeys)) return false;
  return optional(v.params, (p) => isRecord(p) && Object.entries(p).every(([k, x]) => formParams.includes(k) && validParam(k, x)))
    && optional(v.body, (b) => isJsonObject(b))
    && optional(v.omit, (o) => Array.isArray(o) && o.length <= limits.omitItems && o.every((s) => typeof s === 'string' && omitNamePattern.test(s)))
    && optional(v.capabilities, (c) => isRecord(c) && onlyKeys(c, capabilityNames) && Object.values(c).every(boolean))
    && optional(v.toolFormat, (f) => f === 'tools' || f === 'functions')
    && optional(v.toolChoice, isToolChoice)
    && optional(v.parallelToolCalls, boolean)
    && optional(v.strictTools, boolean)
    && optional(v.prices, validPrices)
    && optional(v.systemPrompt, (p) => typeof p === 'string' && p.length <= limits.systemPromptChars)
    && optional(v.systemPromptMode, oneOf(systemPromptModes))
    && optional(v.systemRole, oneOf(systemRoles))
    && optional(v.contextWindow, (w) => fitsRule(w, contextWindowRule))
    && optional(v.api, oneOf(wireApis))
    && optional(v.promptCache, boolean);
}
