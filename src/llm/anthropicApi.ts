// Anthropic Messages (`POST {baseUrl}/messages`), which relays serve beside chat/completions: our ChatRequest
// out as a Messages body, the answer's events back into the shared Accumulator as chat chunks, so the same
// ChatEvents and AssembledResponse come out. Thinking blocks (with their signatures) ride in `providerItems`
// and go back unchanged on later turns, as Anthropic requires inside a tool loop.
import { TranslatingDecoder, type DecoderContext } from './decoder';
import { errorFromStreamPayload, GatewayError } from './errors';
import type { ChatEvent, ChatMessage, ChatRequest, ContentPart } from './types';
import { argumentsObject, chatUsage, itemsFor, num, obj, type Obj, parseDataUrl, partsOf, passThrough, str, textOf } from './wireShared';

export const ANTHROPIC_VERSION = '2023-06-01';
/** Messages requires `max_tokens`; this is what goes when the model's settings name none. */
export const DEFAULT_MAX_TOKENS = 8192;
/** `budget_tokens` for each reasoning effort (Anthropic's minimum is 1024). */
const BUDGETS: Record<string, number> = { minimal: 1024, low: 2048, medium: 8192, high: 24576 };

/** The Messages body for a ChatRequest. */
export function anthropicBody(request: ChatRequest, mode: 'stream' | 'complete', omit?: readonly string[]): Obj {
  const body: Obj = { ...passThrough(request), model: request.model };
  const system = systemBlocks(request.messages);
  if (system.length) body.system = system;
  body.messages = messages(request.messages);
  const budget = thinkingBudget(request);
  let maxTokens = num(request.max_tokens) ?? num(request.max_completion_tokens) ?? DEFAULT_MAX_TOKENS;
  if (budget !== undefined && body.thinking === undefined) {
    body.thinking = { type: 'enabled', budget_tokens: budget };
    if (maxTokens <= budget) maxTokens = budget + DEFAULT_MAX_TOKENS;
  }
  body.max_tokens = maxTokens;
  // Thinking does not take a changed temperature or top_k.
  const thinking = body.thinking !== undefined;
  if (request.temperature !== undefined && !thinking) body.temperature = request.temperature;
  if (request.top_k !== undefined && !thinking) body.top_k = request.top_k;
  if (request.top_p !== undefined) body.top_p = request.top_p;
  const stop = request.stop;
  if (stop) body.stop_sequences = Array.isArray(stop) ? stop : [stop];
  if (request.user) body.metadata = { ...(obj(body.metadata) ?? {}), user_id: request.user };
  const tools = toolList(request);
  if (tools.length) body.tools = tools;
  const choice = toolChoice(request);
  if (choice) body.tool_choice = choice;
  body.stream = mode === 'stream';
  if (omit) for (const key of omit) delete body[key];
  return body;
}

function thinkingBudget(r: ChatRequest): number | undefined {
  const effort = r.reasoning_effort;
  if (typeof effort === 'string' && effort !== 'none') return BUDGETS[effort] ?? BUDGETS.medium;
  const extra = obj(r.extra_body);
  if (r.enable_thinking === true || extra?.enable_thinking === true) return BUDGETS.medium;
  return undefined;
}

/** Every system and developer message, in order, as system blocks (their cache breakpoints kept). */
function systemBlocks(list: ChatMessage[]): Obj[] {
  const out: Obj[] = [];
  for (const m of list) if (m.role === 'system' || m.role === 'developer') out.push(...contentBlocks(m.content));
  return out;
}

function contentBlocks(content: ChatMessage['content']): Obj[] {
  const out: Obj[] = [];
  for (const p of partsOf(content)) {
    const block = contentBlock(p);
    if (!block) continue;
    const cache = (p as { cache_control?: unknown }).cache_control;
    if (cache) block.cache_control = cache;
    out.push(block);
  }
  return out;
}

function contentBlock(p: ContentPart): Obj | undefined {
  if (p.type === 'text') return typeof p.text === 'string' && p.text !== '' ? { type: 'text', text: p.text } : undefined;
  if (p.type === 'image_url') {
    const url = str(obj(p.image_url)?.url) ?? '';
    const data = parseDataUrl(url);
    return data ? { type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.data } } : { type: 'image', source: { type: 'url', url } };
  }
  if (p.type === 'file') return documentBlock(obj(p.file) ?? {});
  if (p.type === 'input_audio') return { type: 'text', text: '[audio not sent: Anthropic Messages takes none]' };
  return undefined;
}

/** A document part: a PDF as a base64 `document`, plain text as a text `document`; another type is named, not sent. */
function documentBlock(file: Obj): Obj {
  const name = str(file.filename) ?? 'document';
  const data = parseDataUrl(str(file.file_data) ?? '');
  if (data?.mediaType === 'application/pdf') return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: data.data }, title: name };
  if (data?.mediaType.startsWith('text/')) return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(data.data, 'base64').toString('utf8') }, title: name };
  return { type: 'text', text: `[file not sent: ${name} (Anthropic Messages takes PDF and text documents)]` };
}

/** Conversation turns: tool results become `tool_result` blocks of a user turn; turns of one role are joined. */
function messages(list: ChatMessage[]): Obj[] {
  const out: { role: string; content: Obj[] }[] = [];
  const push = (role: string, blocks: Obj[]) => {
    if (!blocks.length) return;
    const last = out[out.length - 1];
    if (last && last.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const m of list) {
    if (m.role === 'user') push('user', contentBlocks(m.content));
    else if (m.role === 'assistant') push('assistant', assistantBlocks(m));
    else if (m.role === 'tool') {
      const result: Obj = { type: 'tool_result', tool_use_id: m.tool_call_id ?? '', content: textOf(m.content) };
      const cache = partsOf(m.content).map((p) => (p as { cache_control?: unknown }).cache_control).find(Boolean);
      if (cache) result.cache_control = cache;
      push('user', [result]);
    } else if (m.role === 'function') push('user', contentBlocks(`${m.name ?? 'function'} returned:\n${typeof m.content === 'string' ? m.content : ''}`));
  }
  return out;
}

function assistantBlocks(m: ChatMessage): Obj[] {
  const blocks: Obj[] = [...itemsFor(m, 'anthropic')];
  blocks.push(...contentBlocks(m.content));
  for (const c of m.tool_calls ?? []) blocks.push({ type: 'tool_use', id: c.id, name: c.function.name, input: argumentsObject(c.function.arguments) });
  if (m.function_call) blocks.push({ type: 'tool_use', id: `call_${m.function_call.name}`, name: m.function_call.name, input: argumentsObject(m.function_call.arguments) });
  return blocks;
}

function toolList(r: ChatRequest): Obj[] {
  const out: Obj[] = [];
  for (const t of r.tools ?? []) {
    if (t.type !== 'function' || !t.function) continue;
    const tool: Obj = { name: t.function.name, input_schema: t.function.parameters ?? { type: 'object', properties: {} } };
    if (t.function.description) tool.description = t.function.description;
    if (t.cache_control) tool.cache_control = t.cache_control;
    out.push(tool);
  }
  for (const f of r.functions ?? []) out.push({ name: f.name, ...(f.description ? { description: f.description } : {}), input_schema: f.parameters ?? { type: 'object', properties: {} } });
  if (r.web_search_options) out.push({ type: 'web_search_20250305', name: 'web_search' });
  return out;
}

function toolChoice(r: ChatRequest): Obj | undefined {
  const c = r.tool_choice;
  let out: Obj | undefined;
  if (c === 'auto') out = { type: 'auto' };
  else if (c === 'required') out = { type: 'any' };
  else if (c === 'none') out = { type: 'none' };
  else if (c && typeof c === 'object' && c.function?.name) out = { type: 'tool', name: c.function.name };
  if (r.parallel_tool_calls === false && (r.tools?.length || r.functions?.length)) out = { ...(out ?? { type: 'auto' }), disable_parallel_tool_use: true };
  return out;
}

const STOP_REASONS: Record<string, string> = { end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', tool_use: 'tool_calls', refusal: 'content_filter', pause_turn: 'stop' };

interface Block { kind: string; tool?: number; thinking?: string; signature?: string; raw?: Obj; argsFromStart?: boolean }

/** A Messages answer, streamed or whole, into the shared Accumulator. */
export class AnthropicDecoder extends TranslatingDecoder {
  private readonly blocks = new Map<number, Block>();
  private tools = 0;
  private usage: Obj = {};

  constructor(ctx: DecoderContext) {
    super(ctx, 'anthropic');
  }

  event(o: Obj, out: ChatEvent[], name?: string): void {
    const type = str(o.type) ?? name;
    switch (type) {
      case 'message_start': {
        const m = obj(o.message) ?? {};
        this.acc.applyChunk({ id: m.id, model: m.model }, out);
        this.addUsage(obj(m.usage), out);
        break;
      }
      case 'content_block_start':
        this.startBlock(num(o.index) ?? 0, obj(o.content_block) ?? {}, out);
        break;
      case 'content_block_delta':
        this.blockDelta(num(o.index) ?? 0, obj(o.delta) ?? {}, out);
        break;
      case 'content_block_stop':
        this.stopBlock(num(o.index) ?? 0);
        break;
      case 'message_delta': {
        const reason = str(obj(o.delta)?.stop_reason);
        this.addUsage(obj(o.usage), out);
        if (reason) this.chunk({ finish_reason: STOP_REASONS[reason] ?? reason }, out);
        break;
      }
      case 'message_stop':
        this.done = true;
        break;
      case 'error':
        throw errorFromStreamPayload(JSON.stringify(o), this.ctx.url, this.ctx.secrets);
      default:
        // `ping` and events added later carry nothing to show.
        break;
    }
  }

  whole(o: Obj, out: ChatEvent[], raw: string): void {
    if (o.type === 'error' || o.error) throw errorFromStreamPayload(raw, this.ctx.url, this.ctx.secrets);
    if (!Array.isArray(o.content)) throw new GatewayError('protocol', "The gateway's answer is not an Anthropic message", this.ctx.url);
    this.acc.applyChunk({ id: o.id, model: o.model }, out);
    o.content.forEach((b, i) => {
      const block = obj(b) ?? {};
      this.startBlock(i, { ...block, ...(block.type === 'text' ? { text: '' } : {}), ...(block.type === 'thinking' ? { thinking: '' } : {}) }, out);
      if (block.type === 'text') this.blockDelta(i, { type: 'text_delta', text: block.text }, out);
      if (block.type === 'thinking') this.blockDelta(i, { type: 'thinking_delta', thinking: block.thinking }, out);
      this.stopBlock(i);
    });
    this.addUsage(obj(o.usage), out);
    const reason = str(o.stop_reason) ?? 'end_turn';
    this.chunk({ finish_reason: STOP_REASONS[reason] ?? reason }, out);
    this.done = true;
  }

  private chunk(choice: Obj, out: ChatEvent[]): void {
    this.acc.applyChunk({ choices: [{ index: 0, delta: {}, ...choice }] }, out);
  }

  private delta(delta: Obj, out: ChatEvent[]): void {
    this.chunk({ delta }, out);
  }

  private startBlock(index: number, b: Obj, out: ChatEvent[]): void {
    const kind = str(b.type) ?? 'text';
    const block: Block = { kind };
    this.blocks.set(index, block);
    if (kind === 'text' && typeof b.text === 'string' && b.text) this.delta({ content: b.text }, out);
    else if (kind === 'thinking') {
      block.thinking = str(b.thinking) ?? '';
      block.signature = str(b.signature) ?? '';
      if (block.thinking) this.delta({ reasoning_content: block.thinking }, out);
    } else if (kind === 'redacted_thinking') block.raw = b;
    else if (kind === 'tool_use') {
      block.tool = this.tools++;
      const input = obj(b.input);
      // Relays that send the whole input at the start send no input_json_delta after it.
      block.argsFromStart = !!input && Object.keys(input).length > 0;
      const args = block.argsFromStart ? JSON.stringify(input) : '';
      this.delta({ tool_calls: [{ index: block.tool, id: b.id, type: 'function', function: { name: b.name, arguments: args } }] }, out);
    }
  }

  private blockDelta(index: number, d: Obj, out: ChatEvent[]): void {
    const block = this.blocks.get(index) ?? { kind: 'text' };
    switch (d.type) {
      case 'text_delta':
        if (typeof d.text === 'string') this.delta({ content: d.text }, out);
        break;
      case 'thinking_delta':
        if (typeof d.thinking === 'string' && d.thinking) {
          block.thinking = (block.thinking ?? '') + d.thinking;
          this.delta({ reasoning_content: d.thinking }, out);
        }
        break;
      case 'signature_delta':
        if (typeof d.signature === 'string') block.signature = (block.signature ?? '') + d.signature;
        break;
      case 'input_json_delta':
        if (block.tool !== undefined && !block.argsFromStart && typeof d.partial_json === 'string' && d.partial_json) {
          this.delta({ tool_calls: [{ index: block.tool, function: { arguments: d.partial_json } }] }, out);
        }
        break;
      default:
        break;
    }
  }

  private stopBlock(index: number): void {
    const block = this.blocks.get(index);
    if (block?.kind === 'thinking') this.items.push({ type: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? '' });
    else if (block?.kind === 'redacted_thinking' && block.raw) this.items.push(block.raw);
  }

  /** Counts arrive in `message_start` and again (cumulative) in `message_delta`: the later value wins. */
  private addUsage(u: Obj | undefined, out: ChatEvent[]): void {
    if (!u) return;
    for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined) this.usage[k] = v;
    const u2 = this.usage;
    const read = num(u2.cache_read_input_tokens) ?? 0;
    const written = num(u2.cache_creation_input_tokens) ?? 0;
    const input = num(u2.input_tokens);
    const thinking = num(obj(u2.output_tokens_details)?.thinking_tokens);
    const usage = chatUsage(u2, input === undefined ? undefined : input + read + written, num(u2.output_tokens), read, written, thinking);
    this.acc.applyChunk({ usage }, out);
  }
}
