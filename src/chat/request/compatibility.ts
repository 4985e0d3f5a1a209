// Self-healing compatibility: a gateway that answers 400/422 naming a request field it does not take
// (`stream_options`, `parallel_tool_calls`, `temperature` on reasoning models, `max_tokens` where it
// wants `max_completion_tokens`, ...) gets the request again without it, or with the alternative.
// Pure logic: from the error and the body that was sent to a fix, and fixes applied to a request.
import type { ChatRequest, WireApi } from '../../llm';
import type { GatewayErrorInfo } from '../../shared/conversation';

export type CompatFix = { omit: string[] } | { rename: { from: string; to: string } } | { api: 'responses' };

/**
 * What gateways answer on chat/completions for a model served only through the Responses API: OpenAI's "This model
 * is only supported in v1/responses and not in v1/chat/completions", relays' "use the Responses API", "unsupported endpoint".
 */
const WANTS_RESPONSES = [
  /only supported (?:in|on|by|through|via) (?:the )?(?:\/?v1\/)?responses/i,
  /(?:use|try|call) (?:the )?(?:\/?v1\/)?responses(?: api| endpoint)?\b/i,
  /responses api (?:only|is required)/i,
  /not supported (?:in|on|by|with|for) (?:the )?(?:\/?v1\/)?chat[/ ]completions/i,
  /chat[/ ]?completions? (?:api |endpoint )?(?:is )?not supported/i,
  /unsupported (?:endpoint|api|url)/i,
  /does not support (?:the )?(?:\/?v1\/)?chat[/ ]completions/i,
];

/** The refusal says this model wants the Responses API, not chat/completions. */
export function wantsResponsesApi(error: Pick<GatewayErrorInfo, 'kind' | 'message'>, responseText = ''): boolean {
  if (error.kind !== 'badRequest' && error.kind !== 'notFound' && error.kind !== 'server') return false;
  const text = `${error.message}\n${responseText.slice(0, 16_384)}`;
  return WANTS_RESPONSES.some((re) => re.test(text));
}

/** Never dropped: without them there is no request. `stream` is how the answer is read. */
const PROTECTED = new Set(['model', 'messages', 'stream']);

/** Fields that make no sense (and are rejected) without the one they qualify. */
const DEPENDENTS: Record<string, string[]> = {
  tools: ['tool_choice', 'parallel_tool_calls'],
  functions: ['function_call'],
  logprobs: ['top_logprobs'],
};

/** Names gateways use for the same thing; a rejected one is sent as the other. */
const ALTERNATIVES: Record<string, string> = {
  max_tokens: 'max_completion_tokens',
  max_completion_tokens: 'max_tokens',
};

const Q = String.raw`[\s'"\`\\]*`;
const NAME = String.raw`([A-Za-z_][\w.\-]*)`;

/**
 * What gateways write when they reject a field, each capturing its name. From OpenAI, Azure, DeepSeek,
 * DashScope, Gemini's OpenAI endpoint, pydantic servers (vLLM, Mistral, Fireworks), Go and serde relays.
 */
const REJECTIONS: RegExp[] = [
  // OpenAI "Unsupported parameter: 'max_tokens' is not ...", relays "Unsupported parameter(s): thinking"
  new RegExp(String.raw`unsupported (?:parameter|field|argument)(?:\(s\)|s)?${Q}:?${Q}${NAME}`, 'gi'),
  // new-api "Unknown parameter: 'stream_options'", Go `json: unknown field "x"`, Gemini `Unknown name "x": Cannot find field`, serde
  new RegExp(String.raw`unknown (?:parameter|field|name|argument|key)s?${Q}:?${Q}${NAME}`, 'gi'),
  // DeepSeek "does not support the parameter `temperature`", DashScope "This model does not support enable_search."
  new RegExp(String.raw`does not support (?:the )?(?:parameter|field|argument)s?${Q}${NAME}`, 'gi'),
  new RegExp(String.raw`does not support${Q}${NAME}${Q}(?:[.,;]|$)`, 'gim'),
  // "temperature is not supported with this model", DashScope "'temperature' is not support for vl model now"
  new RegExp(String.raw`${NAME}${Q}(?:is|are) not (?:supported|support|allowed|permitted|recognized)`, 'gi'),
  // Anthropic-style "stream_options: Extra inputs are not permitted"; Fireworks "..., field: 'stream_options'"
  new RegExp(String.raw`${NAME}${Q}:\s*extra (?:inputs|fields) (?:are|is) not permitted`, 'gi'),
  new RegExp(String.raw`extra (?:inputs|fields) (?:are|is) not permitted,?\s*field${Q}:?${Q}${NAME}`, 'gi'),
  // pydantic detail: {"loc": ["body", "stream_options"], "type": "extra_forbidden"} (JSON or Python repr); not deeper paths
  new RegExp(String.raw`loc${Q}:?\s*[[(]${Q}body${Q},${Q}${NAME}${Q}[\])]`, 'gi'),
];

const LISTS: RegExp[] = [
  // Azure "Unrecognized request arguments supplied: function_call, functions"
  /unrecognized (?:request )?(?:argument|parameter|field|key)s?(?: supplied)?[ \t]*:?[ \t]*([\w ,'"`]+)/gi,
  // JSON Schema validators: "Additional properties are not allowed ('seed', 'top_k' were unexpected)"
  /additional properties are not allowed \(([^)]*) (?:was|were) unexpected\)/gi,
];

// OpenAI "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported."
const ONLY_DEFAULT = new RegExp(String.raw`unsupported value${Q}:?${Q}${NAME}[\s\S]*only the default`, 'gi');

const UNSUPPORTED_CODES = /^(unsupported_parameter|unknown_parameter|unrecognized_parameter|unsupported_field|extra_forbidden)$/i;

/** The top-level request fields the gateway says it does not take, present in what was sent. */
export function rejectedFields(error: Pick<GatewayErrorInfo, 'kind' | 'status' | 'code' | 'message' | 'param'>, sent: Record<string, unknown>, responseText = ''): string[] {
  if (error.kind !== 'badRequest' || (error.status !== undefined && error.status !== 400 && error.status !== 422)) return [];
  const sentKey = (name: string | undefined) => !!name && Object.hasOwn(sent, name) && !PROTECTED.has(name);
  const found = new Set<string>();
  if (sentKey(error.param) && UNSUPPORTED_CODES.test(error.code ?? '')) found.add(error.param!);
  // The status line and the gateway's message, and the raw body for detail the message left out.
  const text = `${error.message}\n${responseText.slice(0, 16_384)}`;
  for (const name of namesIn(text)) if (sentKey(name)) found.add(name);
  return [...found];
}

/** The fix for a rejection: the alternative name when there is one, otherwise the fields left out. */
export function fixesFor(error: GatewayErrorInfo, sent: Record<string, unknown>, responseText = '', api: WireApi = 'chat'): CompatFix[] {
  // Only a chat/completions request can move to the Responses API: an Anthropic Messages body has
  // `messages` too, but the user chose that format, and a remembered move would override it for good.
  if (api === 'chat' && Array.isArray(sent.messages) && wantsResponsesApi(error, responseText)) return [{ api: 'responses' }];
  const rejected = rejectedFields(error, sent, responseText);
  if (!rejected.length) return [];
  const fixes: CompatFix[] = [];
  const omit: string[] = [];
  const hinted = insteadHint(`${error.message}\n${responseText.slice(0, 16_384)}`);
  for (const name of rejected) {
    const to = ALTERNATIVES[name] ?? (rejected.length === 1 ? hinted : undefined);
    if (to && to !== name && !Object.hasOwn(sent, to) && !PROTECTED.has(to)) fixes.push({ rename: { from: name, to } });
    else omit.push(name, ...(DEPENDENTS[name] ?? []).filter((d) => Object.hasOwn(sent, d)));
  }
  if (omit.length) fixes.push({ omit: [...new Set(omit)] });
  return fixes;
}

/** The request with fixes applied: renamed fields moved, omitted ones added to `omit` (so fields the client adds go too). */
export function applyFixes(request: ChatRequest, omit: string[] | undefined, fixes: readonly CompatFix[]): { request: ChatRequest; omit: string[] | undefined } {
  if (!fixes.length) return { request, omit };
  const out: ChatRequest = { ...request };
  const drop = new Set(omit ?? []);
  for (const fix of fixes) {
    if ('api' in fix) continue;
    if ('rename' in fix) {
      const { from, to } = fix.rename;
      if (!Object.hasOwn(out, from)) continue;
      if (!Object.hasOwn(out, to)) out[to] = out[from];
      delete out[from];
    } else for (const name of fix.omit) if (!PROTECTED.has(name)) drop.add(name);
  }
  return { request: out, omit: drop.size ? [...drop] : undefined };
}

/** Adds fixes to a remembered list: no duplicates, and a rename replaces its reverse (no ping-pong). */
export function mergeFixes(known: readonly CompatFix[], added: readonly CompatFix[]): CompatFix[] {
  const out = [...known];
  for (const fix of added) {
    if ('api' in fix) {
      if (!out.some((f) => 'api' in f)) out.push(fix);
      continue;
    }
    if ('rename' in fix) {
      const i = out.findIndex((f) => 'rename' in f && (f.rename.from === fix.rename.from || f.rename.from === fix.rename.to));
      if (i >= 0) out.splice(i, 1);
      out.push(fix);
      continue;
    }
    const omitted = new Set(out.flatMap((f) => ('omit' in f ? f.omit : [])));
    const fresh = fix.omit.filter((n) => !omitted.has(n));
    if (fresh.length) out.push({ omit: fresh });
  }
  return out;
}

/** A fix read back from storage, or undefined when it is not one (storage is not trusted blindly). */
export function parseFix(value: unknown): CompatFix | undefined {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') return undefined;
  if (v.api === 'responses') return { api: 'responses' };
  if (Array.isArray(v.omit) && v.omit.length && v.omit.every(isFieldName)) return { omit: v.omit as string[] };
  const r = v.rename as Record<string, unknown> | undefined;
  if (r && typeof r === 'object' && isFieldName(r.from) && isFieldName(r.to)) return { rename: { from: r.from, to: r.to } };
  return undefined;
}

/** The one-line notice under the answer, in English (the host passes a translated one). */
export function noticeText(fix: CompatFix, model: string): string {
  if ('api' in fix) return `The gateway serves ${model} only through the Responses API: sent there instead. Remembered.`;
  return 'rename' in fix
    ? `The gateway does not accept ${fix.rename.from}: sent as ${fix.rename.to} instead. Remembered for ${model}.`
    : `The gateway does not accept ${fix.omit.join(', ')}: sent without it. Remembered for ${model}.`;
}

function isFieldName(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z_][\w.\-]{0,63}$/.test(v) && !PROTECTED.has(v);
}

function namesIn(text: string): string[] {
  const names: string[] = [];
  for (const re of [...REJECTIONS, ONLY_DEFAULT]) for (const m of text.matchAll(re)) names.push(m[1]);
  for (const re of LISTS) for (const m of text.matchAll(re)) names.push(...m[1].split(/[\s,'"`]+/).filter((n) => n && n !== 'and'));
  return names.map((n) => n.replace(/[.\-]+$/, ''));
}

/** "Use 'max_completion_tokens' instead." */
function insteadHint(text: string): string | undefined {
  return new RegExp(String.raw`use${Q}${NAME}${Q}instead`, 'i').exec(text)?.[1]?.replace(/[.\-]+$/, '');
}

/** The wire format the fixes send a model through: `responses` once the gateway said so, else `configured`. */
export function apiWithFixes<T extends string>(configured: T | undefined, fixes: readonly CompatFix[]): T | 'responses' | undefined {
  return fixes.some((f) => 'api' in f) ? 'responses' : configured;
}
