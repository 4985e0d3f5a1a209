// OpenAI's Responses API (`POST {baseUrl}/responses`), which relays serve beside chat/completions and which
// OpenAI's newest reasoning and codex models want: our ChatRequest out as `instructions` + `input` items, the
// answer's events back into the shared Accumulator as chat chunks. `store: false`: nothing is left on the
// server, so reasoning items (with their encrypted content) ride in `providerItems` and go back as input.
import { TranslatingDecoder, type DecoderContext } from './decoder';
import { errorFromStreamPayload, GatewayError, kindForStatus, redact } from './errors';
import type { ChatEvent, ChatMessage, ChatRequest, ContentPart } from './types';
import { chatUsage, itemsFor, num, obj, type Obj, partsOf, passThrough, str, textOf } from './wireShared';

/** The Responses body for a ChatRequest. */
export function responsesBody(request: ChatRequest, mode: 'stream' | 'complete', omit?: readonly string[]): Obj {
  const body: Obj = { ...passThrough(request), model: request.model };
  const instructions = request.messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content)).filter(Boolean);
  if (instructions.length) body.instructions = instructions.join('\n\n');
  body.input = inputItems(request.messages);
  const max = num(request.max_completion_tokens) ?? num(request.max_tokens);
  if (max !== undefined) body.max_output_tokens = max;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.top_p !== undefined) body.top_p = request.top_p;
  if (request.user) body.user = request.user;
  if (request.parallel_tool_calls !== undefined) body.parallel_tool_calls = request.parallel_tool_calls;
  const effort = request.reasoning_effort;
  if (typeof effort === 'string' && body.reasoning === undefined) body.reasoning = { effort, summary: 'auto' };
  // Without server-side state, reasoning can only go back to the model encrypted.
  if (body.reasoning !== undefined && body.include === undefined) body.include = ['reasoning.encrypted_content'];
  const tools = toolList(request);
  if (tools.length) body.tools = tools;
  const choice = toolChoice(request.tool_choice);
  if (choice !== undefined) body.tool_choice = choice;
  const format = textFormat(request.response_format);
  if (format) body.text = { ...(obj(body.text) ?? {}), format };
  body.store = false;
  body.stream = mode === 'stream';
  if (omit) for (const key of omit) delete body[key];
  return body;
}

function inputItems(list: ChatMessage[]): Obj[] {
  const out: Obj[] = [];
  for (const m of list) {
    if (m.role === 'user') out.push({ role: 'user', content: partsOf(m.content).map(inputPart).filter((p): p is Obj => !!p) });
    else if (m.role === 'assistant') {
      // Reasoning items go back only with their encrypted content: with `store: false` an id alone names nothing.
      for (const item of itemsFor(m, 'responses')) if (item.type !== 'reasoning' || item.encrypted_content) out.push(item);
      const text = textOf(m.content);
      if (text) out.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] });
      for (const c of m.tool_calls ?? []) out.push({ type: 'function_call', call_id: c.id, name: c.function.name, arguments: c.function.arguments ?? '' });
      if (m.function_call) out.push({ type: 'function_call', call_id: `call_${m.function_call.name}`, name: m.function_call.name, arguments: m.function_call.arguments });
    } else if (m.role === 'tool') out.push({ type: 'function_call_output', call_id: m.tool_call_id ?? '', output: textOf(m.content) });
    else if (m.role === 'function') out.push({ type: 'function_call_output', call_id: `call_${m.name ?? ''}`, output: textOf(m.content) });
  }
  return out.filter((item) => !(item.role === 'user' && Array.isArray(item.content) && item.content.length === 0));
}

function inputPart(p: ContentPart): Obj | undefined {
  const cache = (p as { cache_control?: unknown }).cache_control;
  let part: Obj | undefined;
  if (p.type === 'text' && typeof p.text === 'string' && p.text !== '') part = { type: 'input_text', text: p.text };
  else if (p.type === 'image_url') {
    const image = obj(p.image_url) ?? {};
    part = { type: 'input_image', image_url: image.url, ...(image.detail ? { detail: image.detail } : {}) };
  } else if (p.type === 'file') {
    const file = obj(p.file) ?? {};
    part = { type: 'input_file', ...(file.filename ? { filename: file.filename } : {}), file_data: file.file_data };
  } else if (p.type === 'input_audio') {
    // The Responses API takes no audio input: said, not dropped without a word.
    part = { type: 'input_text', text: '[audio not sent: this API takes none]' };
  }
  if (part && cache) part.cache_control = cache;
  return part;
}

function toolList(r: ChatRequest): Obj[] {
  const out: Obj[] = [];
  for (const t of r.tools ?? []) {
    if (t.type !== 'function' || !t.function) continue;
    const f = t.function;
    out.push({ type: 'function', name: f.name, ...(f.description ? { description: f.description } : {}), parameters: f.parameters ?? { type: 'object', properties: {} }, ...(f.strict !== undefined ? { strict: f.strict } : {}), ...(t.cache_control ? { cache_control: t.cache_control } : {}) });
  }
  for (const f of r.functions ?? []) out.push({ type: 'function', name: f.name, ...(f.description ? { description: f.description } : {}), parameters: f.parameters ?? { type: 'object', properties: {} } });
  const search = r.web_search_options;
  if (search) out.push({ type: 'web_search', ...(search.search_context_size ? { search_context_size: search.search_context_size } : {}) });
  return out;
}

function toolChoice(c: ChatRequest['tool_choice']): unknown {
  if (c && typeof c === 'object' && c.function?.name) return { type: 'function', name: c.function.name };
  return typeof c === 'string' ? c : undefined;
}

function textFormat(f: ChatRequest['response_format']): Obj | undefined {
  if (!f) return undefined;
  if (f.type === 'json_object') return { type: 'json_object' };
  if (f.type === 'json_schema') {
    const s = obj(f.json_schema) ?? {};
    return { type: 'json_schema', name: s.name ?? 'schema', schema: s.schema ?? {}, ...(s.strict !== undefined ? { strict: s.strict } : {}) };
  }
  return undefined;
}

interface ItemState { tool?: number; argsSeen?: boolean; textSeen?: boolean }

/** A Responses answer, streamed or whole, into the shared Accumulator. */
export class ResponsesDecoder extends TranslatingDecoder {
  private readonly itemState = new Map<string, ItemState>();
  private tools = 0;
  private reasoningPart = '';

  constructor(ctx: DecoderContext) {
    super(ctx, 'responses');
  }

  event(o: Obj, out: ChatEvent[], name?: string): void {
    const type = str(o.type) ?? name ?? '';
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
        this.header(obj(o.response), out);
        break;
      case 'response.output_item.added':
        this.itemAdded(obj(o.item) ?? {}, out);
        break;
      case 'response.output_text.delta':
        this.state(o.item_id).textSeen = true;
        if (typeof o.delta === 'string') this.delta({ content: o.delta }, out);
        break;
      case 'response.refusal.delta':
        if (typeof o.delta === 'string') this.delta({ refusal: o.delta }, out);
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.reasoning(`${str(o.item_id)}/${num(o.summary_index) ?? num(o.content_index) ?? 0}`, o.delta, out);
        break;
      case 'response.function_call_arguments.delta':
        this.arguments(o.item_id, o.delta, out);
        break;
      case 'response.function_call_arguments.done':
        if (!this.state(o.item_id).argsSeen) this.arguments(o.item_id, o.arguments, out);
        break;
      case 'response.output_text.annotation.added':
        if (o.annotation) this.delta({ annotations: [o.annotation] }, out);
        break;
      case 'response.output_item.done':
        this.itemDone(obj(o.item) ?? {}, out);
        break;
      case 'response.completed':
      case 'response.incomplete':
        this.completed(obj(o.response) ?? {}, out);
        break;
      case 'response.failed':
        throw this.failure(obj(obj(o.response)?.error) ?? { message: 'The response failed' });
      case 'error':
        throw errorFromStreamPayload(JSON.stringify(o), this.ctx.url, this.ctx.secrets);
      default:
        break;
    }
  }

  whole(o: Obj, out: ChatEvent[], raw: string): void {
    if (o.error && !Array.isArray(o.output)) throw errorFromStreamPayload(raw, this.ctx.url, this.ctx.secrets);
    if (!Array.isArray(o.output)) throw new GatewayError('protocol', "The gateway's answer is not a Responses answer", this.ctx.url);
    if (o.status === 'failed') throw this.failure(obj(o.error) ?? { message: 'The response failed' });
    this.header(o, out);
    for (const item of o.output) {
      const it = obj(item) ?? {};
      this.itemAdded(it, out);
      if (it.type === 'reasoning') {
        for (const [i, s] of (Array.isArray(it.summary) ? it.summary : []).entries()) this.reasoning(`${str(it.id)}/${i}`, obj(s)?.text, out);
      }
      this.itemDone(it, out);
    }
    this.completed(o, out);
  }

  private header(r: Obj | undefined, out: ChatEvent[]): void {
    if (r) this.acc.applyChunk({ id: r.id, model: r.model }, out);
  }

  private state(id: unknown): ItemState {
    const key = str(id) ?? '';
    let s = this.itemState.get(key);
    if (!s) this.itemState.set(key, (s = {}));
    return s;
  }

  private delta(delta: Obj, out: ChatEvent[], finish?: string): void {
    this.acc.applyChunk({ choices: [{ index: 0, delta, ...(finish ? { finish_reason: finish } : {}) }] }, out);
  }

  /** Summary parts are separate paragraphs. */
  private reasoning(part: string, text: unknown, out: ChatEvent[]): void {
    if (typeof text !== 'string' || text === '') return;
    const gap = this.reasoningPart !== '' && this.reasoningPart !== part ? '\n\n' : '';
    this.reasoningPart = part;
    this.delta({ reasoning_content: gap + text }, out);
  }

  private itemAdded(item: Obj, out: ChatEvent[]): void {
    if (item.type !== 'function_call') return;
    const s = this.state(item.id ?? item.call_id);
    if (s.tool !== undefined) return;
    s.tool = this.tools++;
    const args = str(item.arguments) ?? '';
    if (args) s.argsSeen = true;
    this.delta({ tool_calls: [{ index: s.tool, id: item.call_id ?? item.id, type: 'function', function: { name: item.name, arguments: args } }] }, out);
  }

  private arguments(itemId: unknown, text: unknown, out: ChatEvent[]): void {
    const s = this.state(itemId);
    if (s.tool === undefined || typeof text !== 'string' || text === '') return;
    s.argsSeen = true;
    this.delta({ tool_calls: [{ index: s.tool, function: { arguments: text } }] }, out);
  }

  /** A finished item: reasoning is kept to go back; what came only whole (no deltas) is applied now. */
  private itemDone(item: Obj, out: ChatEvent[]): void {
    if (item.type === 'reasoning') {
      this.items.push(item);
      return;
    }
    if (item.type === 'function_call') {
      this.itemAdded(item, out);
      if (!this.state(item.id ?? item.call_id).argsSeen) this.arguments(item.id ?? item.call_id, item.arguments, out);
      return;
    }
    if (item.type !== 'message' || this.state(item.id).textSeen) return;
    for (const part of Array.isArray(item.content) ? item.content : []) {
      const p = obj(part) ?? {};
      if (p.type === 'output_text' && typeof p.text === 'string') this.delta({ content: p.text, ...(Array.isArray(p.annotations) ? { annotations: p.annotations } : {}) }, out);
      else if (p.type === 'refusal' && typeof p.refusal === 'string') this.delta({ refusal: p.refusal }, out);
    }
  }

  private completed(r: Obj, out: ChatEvent[]): void {
    this.header(r, out);
    const u = obj(r.usage);
    if (u) {
      const cached = num(obj(u.input_tokens_details)?.cached_tokens) ?? 0;
      const written = num(obj(u.input_tokens_details)?.cache_write_tokens) ?? 0;
      const usage = chatUsage(u, num(u.input_tokens), num(u.output_tokens), cached, written, num(obj(u.output_tokens_details)?.reasoning_tokens));
      this.acc.applyChunk({ usage }, out);
    }
    const incomplete = str(obj(r.incomplete_details)?.reason);
    const finish = r.status === 'incomplete' || incomplete ? (incomplete === 'content_filter' ? 'content_filter' : 'length') : this.tools > 0 ? 'tool_calls' : 'stop';
    this.delta({}, out, finish);
    this.done = true;
  }

  private failure(e: Obj): GatewayError {
    const code = str(e.code);
    const kind = code === 'rate_limit_exceeded' ? kindForStatus(429) : 'server';
    return new GatewayError(kind, redact(str(e.message) ?? 'The response failed', this.ctx.secrets), this.ctx.url, { code, type: str(e.type) });
  }
}
