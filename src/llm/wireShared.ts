// Small pieces both non-chat adapters (anthropicApi.ts, responsesApi.ts) need to read a ChatRequest.
import type { ChatMessage, ChatRequest, ContentPart, ProviderItems, Usage } from './types';

export type Obj = Record<string, unknown>;

/**
 * chat/completions fields the adapters translate or cannot express; every other top-level field of the
 * request (a model's `body` naming the format's own fields, such as `thinking` or `metadata`) passes through.
 */
const CHAT_FIELDS = new Set([
  'model', 'messages', 'stream', 'stream_options', 'n', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'top_k',
  'min_p', 'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'logit_bias', 'logprobs', 'top_logprobs', 'seed',
  'stop', 'user', 'response_format', 'tools', 'tool_choice', 'parallel_tool_calls', 'functions', 'function_call',
  'reasoning_effort', 'enable_thinking', 'separate_reasoning', 'extra_body', 'web_search_options', 'modalities', 'audio',
]);

/** The request's own fields the format knows by name, copied as they are. */
export function passThrough(request: ChatRequest): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(request)) if (!CHAT_FIELDS.has(k) && v !== undefined) out[k] = v;
  return out;
}

/** The parts of a message's content; a string is one text part. */
export function partsOf(content: ChatMessage['content']): ContentPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return Array.isArray(content) ? content : [];
}

export function textOf(content: ChatMessage['content']): string {
  return partsOf(content).map((p) => (p.type === 'text' && typeof p.text === 'string' ? p.text : '')).join('');
}

/** `data:image/png;base64,...` split into its media type and data. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const m = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  return m ? { mediaType: m[1], data: m[2] } : undefined;
}

/** A tool call's arguments as the object both formats want; what does not parse goes as `{}`. */
export function argumentsObject(args: string | undefined): Obj {
  if (!args || args.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(args);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
  } catch {
    return {};
  }
}

/** The provider items of an assistant message, only when they came from `api`. */
export function itemsFor(m: ChatMessage, api: ProviderItems['api']): Obj[] {
  const p = m.provider_items;
  return p && p.api === api && Array.isArray(p.items) ? p.items : [];
}

/** Usage in the chat/completions shape, the format's own fields kept beside it. */
export function chatUsage(raw: Obj, input: number | undefined, output: number | undefined, cached: number, written: number, reasoning?: number): Usage {
  const u: Usage = { ...raw };
  if (input !== undefined) u.prompt_tokens = input;
  if (output !== undefined) u.completion_tokens = output;
  if (input !== undefined && output !== undefined) u.total_tokens = input + output;
  u.prompt_tokens_details = { cached_tokens: cached, ...(written ? { cache_write_tokens: written } : {}) };
  if (reasoning !== undefined) u.completion_tokens_details = { reasoning_tokens: reasoning };
  return u;
}

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
