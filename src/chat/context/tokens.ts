// Token counting for the context window. The tokenizer (gpt-tokenizer, p50k_base ranks: the smallest
// encoding that still knows code's whitespace runs, about 200 KB zipped against 440 KB for cl100k)
// is a vendor chunk required on first use, never at activation. Counts are an estimate of what the
// gateway will count; calibration.ts scales them per model by the last answer's real prompt_tokens.
// Per-text counts are cached, so counting a long conversation again costs only its new messages.
import type { ChatMessage, ChatRequest, ContentPart } from '../../llm';

interface Encoder { countTokens(text: string): number }

/** The sync counter, once the tokenizer is loaded (compaction decides with it inside one tick). */
export interface TokenCounter {
  text(text: string): number;
  message(message: ChatMessage): number;
  request(request: ChatRequest): number;
}

/** OpenAI's accounting: each message costs its role and separators, the answer's priming costs 3. */
const PER_MESSAGE = 4;
const PER_REQUEST = 3;
/** An image in: OpenAI bills a 512 px tile at 170 + 85; `low` detail is 85. A fixed guess either way. */
export const IMAGE_TOKENS = 765;
export const LOW_DETAIL_IMAGE_TOKENS = 85;
/** Audio, files and video parts: their size in tokens is the gateway's business; a fixed guess. */
const OTHER_PART_TOKENS = 1024;

const CACHE_ENTRIES = 4096;
/** Longer texts are counted from a sample of both ends, scaled: tokenizing megabytes would hold the extension host up. */
const SAMPLE_OVER = 262_144;
const SAMPLE_HALF = 32_768;
const CACHE_MIN_CHARS = 128;

let encoder: Encoder | undefined;
const cache = new Map<string, number>();

function load(): Encoder {
  // esbuild maps this to dist/vendor/tokenizer.js (esbuild.js: lazy vendors).
  encoder ??= require('gpt-tokenizer/encoding/p50k_base') as Encoder;
  return encoder;
}

export function tokenizerLoaded(): boolean {
  return encoder !== undefined;
}

function textTokens(text: string): number {
  if (!text) return 0;
  const e = load();
  if (text.length < CACHE_MIN_CHARS) return e.countTokens(text);
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const n = text.length > SAMPLE_OVER
    ? Math.ceil((e.countTokens(text.slice(0, SAMPLE_HALF)) + e.countTokens(text.slice(-SAMPLE_HALF))) * (text.length / (2 * SAMPLE_HALF)))
    : e.countTokens(text);
  // Oldest first out: Map keeps insertion order.
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(text, n);
  return n;
}

function partTokens(p: ContentPart): number {
  if (p.type === 'text') return textTokens(String((p as { text?: unknown }).text ?? ''));
  if (p.type === 'image_url') return (p as { image_url?: { detail?: string } }).image_url?.detail === 'low' ? LOW_DETAIL_IMAGE_TOKENS : IMAGE_TOKENS;
  return OTHER_PART_TOKENS;
}

function messageTokens(m: ChatMessage): number {
  let n = PER_MESSAGE + textTokens(typeof m.role === 'string' ? m.role : '');
  if (typeof m.content === 'string') n += textTokens(m.content);
  else if (Array.isArray(m.content)) for (const p of m.content) n += partTokens(p);
  if (typeof m.reasoning_content === 'string') n += textTokens(m.reasoning_content);
  if (typeof m.name === 'string') n += textTokens(m.name);
  for (const c of m.tool_calls ?? []) n += textTokens(c.function?.name ?? '') + textTokens(c.function?.arguments ?? '') + PER_MESSAGE;
  if (m.function_call) n += textTokens(m.function_call.name) + textTokens(m.function_call.arguments);
  return n;
}

/** What else a request carries that the model reads: tool and function schemas, a JSON schema. */
function schemaTokens(r: ChatRequest): number {
  let n = 0;
  for (const key of ['tools', 'functions', 'response_format'] as const) {
    const v = (r as Record<string, unknown>)[key];
    if (v !== undefined) n += textTokens(JSON.stringify(v));
  }
  return n;
}

const counter: TokenCounter = {
  text: textTokens,
  message: messageTokens,
  request: (r) => PER_REQUEST + schemaTokens(r) + (r.messages ?? []).reduce((sum, m) => sum + messageTokens(m), 0),
};

/** The counter, loading the tokenizer the first time. */
export async function tokenCounter(): Promise<TokenCounter> {
  load();
  return counter;
}

export async function countTokens(text: string): Promise<number> {
  return (await tokenCounter()).text(text);
}

/** Tokens of a whole request: messages (images as a fixed estimate), tools, functions and a JSON schema. */
export async function countRequestTokens(request: ChatRequest): Promise<number> {
  return (await tokenCounter()).request(request);
}
