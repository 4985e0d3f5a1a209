import { imageFromObject, markdownImages } from './images';
import { reasoningFromDelta, ThinkSplitter } from './reasoning';
import { finishCall, ToolCallMerger } from './tool-calls';
import type { AssembledAudio, AssembledChoice, AssembledImage, AssembledResponse, ChatEvent, Logprobs, Usage } from './types';

// One accumulator serves both streamed chunks and whole responses, which is what makes a
// streamed answer and a non-streamed one assemble to the same AssembledResponse.

type Obj = Record<string, unknown>;

class ChoiceState {
  content = '';
  reasoning = '';
  refusal = '';
  finishReason: string | null = null;
  readonly think = new ThinkSplitter();
  readonly tools = new ToolCallMerger();
  readonly annotations: unknown[] = [];
  private annotationKeys?: Set<string>;
  readonly images: AssembledImage[] = [];
  private readonly imageUrls = new Set<string>();
  logprobs: Logprobs | null = null;
  audio: AssembledAudio | undefined;
  out: ChatEvent[] = [];
  // Bound once so the think splitter does not allocate a closure per delta.
  readonly sink = (kind: 'text' | 'reasoning', text: string): void => {
    if (kind === 'text') {
      this.content += text;
      this.out.push({ type: 'text', choice: this.index, text });
    } else {
      this.reasoning += text;
      this.out.push({ type: 'reasoning', choice: this.index, text });
    }
  };

  constructor(readonly index: number) {}

  text(t: string, out: ChatEvent[]): void {
    if (t === '') return;
    if (this.think.plain) {
      this.content += t;
      out.push({ type: 'text', choice: this.index, text: t });
      return;
    }
    this.out = out;
    this.think.push(t, this.sink);
  }

  addImage(img: AssembledImage | undefined): void {
    if (!img || this.imageUrls.has(img.url)) return;
    this.imageUrls.add(img.url);
    this.images.push(img);
  }

  addAnnotations(list: unknown[]): void {
    this.annotationKeys ??= new Set();
    for (const a of list) {
      const key = JSON.stringify(a);
      if (this.annotationKeys.has(key)) continue;
      this.annotationKeys.add(key);
      this.annotations.push(a);
    }
  }

  /** `delta.audio` pieces (streamed) or a whole `message.audio`: data and transcript are joined. */
  addAudio(a: unknown): void {
    if (!a || typeof a !== 'object') return;
    const o = a as Obj;
    this.audio ??= { data: '', transcript: '' };
    if (typeof o.id === 'string' && o.id) this.audio.id = o.id;
    if (typeof o.data === 'string') this.audio.data += o.data;
    if (typeof o.transcript === 'string') this.audio.transcript += o.transcript;
    if (typeof o.expires_at === 'number') this.audio.expiresAt = o.expires_at;
  }

  addLogprobs(lp: unknown): void {
    if (!lp || typeof lp !== 'object') return;
    const src = lp as Obj;
    this.logprobs ??= { content: null };
    for (const key of Object.keys(src)) {
      const v = src[key];
      if (Array.isArray(v)) {
        const cur = this.logprobs[key];
        this.logprobs[key] = Array.isArray(cur) ? cur.concat(v) : v.slice();
      } else if (v !== null && v !== undefined && this.logprobs[key] == null) {
        this.logprobs[key] = v;
      }
    }
  }

  build(final: boolean): AssembledChoice {
    let content = this.content;
    let reasoning = this.reasoning;
    if (final) {
      this.out = [];
      this.think.finish(this.sink);
      content = this.content;
      reasoning = this.reasoning;
    } else {
      const p = this.think.pending();
      if (p?.kind === 'text') content += p.text;
      else if (p) reasoning += p.text;
    }
    const images = this.images.slice();
    const seen = new Set(this.imageUrls);
    for (const img of markdownImages(content)) {
      if (!seen.has(img.url)) {
        seen.add(img.url);
        images.push(img);
      }
    }
    const choice: AssembledChoice = {
      index: this.index,
      content,
      reasoning,
      toolCalls: this.tools.calls.map(finishCall),
      finishReason: this.finishReason,
      annotations: this.annotations.slice(),
      images,
      logprobs: this.logprobs,
    };
    if (this.refusal !== '') choice.refusal = this.refusal;
    if (this.audio) choice.audio = { ...this.audio };
    return choice;
  }
}

export class Accumulator {
  id = '';
  model = '';
  usage: Usage | null = null;
  systemFingerprint = '';
  serviceTier = '';
  /** True once any chunk or response was applied; errors only carry a partial after that. */
  received = false;
  private readonly choices = new Map<number, ChoiceState>();

  /** One streamed `chat.completion.chunk`; pushes the events it produces onto `out`. */
  applyChunk(chunk: Obj, out: ChatEvent[]): void {
    this.received = true;
    this.header(chunk, out);
    const choices = chunk.choices;
    if (!Array.isArray(choices)) return;
    for (let i = 0; i < choices.length; i++) {
      const c = choices[i] as Obj;
      if (!c) continue;
      const st = this.choice(typeof c.index === 'number' ? c.index : 0);
      const d = (c.delta ?? c.message) as Obj | undefined;
      if (d) this.delta(st, d, out, false);
      if (c.logprobs) st.addLogprobs(c.logprobs);
      if (typeof c.finish_reason === 'string' && c.finish_reason !== '') st.finishReason = c.finish_reason;
    }
  }

  /** A whole `chat.completion`; treated as one delta per choice. */
  applyResponse(resp: Obj, out: ChatEvent[]): void {
    this.received = true;
    this.header(resp, out);
    const choices = resp.choices;
    if (!Array.isArray(choices)) return;
    for (let i = 0; i < choices.length; i++) {
      const c = choices[i] as Obj;
      if (!c) continue;
      const st = this.choice(typeof c.index === 'number' ? c.index : i);
      const m = (c.message ?? c.delta) as Obj | undefined;
      if (m) this.delta(st, m, out, true);
      if (c.logprobs) st.addLogprobs(c.logprobs);
      if (typeof c.finish_reason === 'string' && c.finish_reason !== '') st.finishReason = c.finish_reason;
    }
  }

  allFinished(): boolean {
    if (this.choices.size === 0) return false;
    for (const st of this.choices.values()) if (st.finishReason === null) return false;
    return true;
  }

  /** The final response; flushes held-back think-tag text as events onto `out`. */
  finish(out?: ChatEvent[]): AssembledResponse {
    const sorted = [...this.choices.values()].sort((a, b) => a.index - b.index);
    const choices = sorted.map((st) => {
      const c = st.build(true);
      if (out) out.push(...st.out);
      return c;
    });
    return { id: this.id, model: this.model, choices, usage: this.usage, ...this.served() };
  }

  /** `system_fingerprint` and `service_tier`, when the gateway sent them. */
  private served(): Pick<AssembledResponse, 'systemFingerprint' | 'serviceTier'> {
    return { ...(this.systemFingerprint ? { systemFingerprint: this.systemFingerprint } : {}), ...(this.serviceTier ? { serviceTier: this.serviceTier } : {}) };
  }

  /** What has arrived so far, for an error's `partial`; does not change state. */
  snapshot(): AssembledResponse {
    const sorted = [...this.choices.values()].sort((a, b) => a.index - b.index);
    return { id: this.id, model: this.model, choices: sorted.map((st) => st.build(false)), usage: this.usage, ...this.served() };
  }

  private header(o: Obj, out: ChatEvent[]): void {
    if (this.id === '' && typeof o.id === 'string') this.id = o.id;
    if (this.model === '' && typeof o.model === 'string') this.model = o.model;
    if (typeof o.system_fingerprint === 'string' && o.system_fingerprint) this.systemFingerprint = o.system_fingerprint;
    if (typeof o.service_tier === 'string' && o.service_tier) this.serviceTier = o.service_tier;
    const u = o.usage;
    if (u && typeof u === 'object') {
      this.usage = u as Usage;
      out.push({ type: 'usage', usage: u as Usage });
    }
  }

  private choice(index: number): ChoiceState {
    let st = this.choices.get(index);
    if (!st) {
      st = new ChoiceState(index);
      this.choices.set(index, st);
    }
    return st;
  }

  /** Mistral's magistral: `{type: "thinking", thinking: [{type: "text", text}]}` inside the content array. */
  private thinkingPart(st: ChoiceState, thinking: unknown, out: ChatEvent[]): void {
    const parts = Array.isArray(thinking) ? thinking : [thinking];
    for (const t of parts) {
      const text = typeof t === 'string' ? t : t && typeof (t as Obj).text === 'string' ? ((t as Obj).text as string) : '';
      if (text === '') continue;
      st.reasoning += text;
      out.push({ type: 'reasoning', choice: st.index, text });
    }
  }

  private delta(st: ChoiceState, d: Obj, out: ChatEvent[], whole: boolean): void {
    const content = d.content;
    const r = reasoningFromDelta(d);
    // Reasoning precedes content within a delta, as it does in time.
    if (r !== undefined) {
      st.reasoning += r;
      out.push({ type: 'reasoning', choice: st.index, text: r });
    }
    if (typeof content === 'string') st.text(content, out);
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (!part || typeof part !== 'object') continue;
        const p = part as Obj;
        if (typeof p.text === 'string' && (p.type === 'text' || p.type === undefined || p.type === 'output_text')) st.text(p.text, out);
        else if (p.type === 'thinking') this.thinkingPart(st, p.thinking, out);
        else st.addImage(imageFromObject(p));
      }
    }
    if (typeof d.refusal === 'string') st.refusal += d.refusal;
    if (d.audio) st.addAudio(d.audio);
    const calls = d.tool_calls;
    if (Array.isArray(calls)) {
      for (let i = 0; i < calls.length; i++) {
        const ch = st.tools.apply(calls[i], whole ? i : undefined);
        if (ch) out.push({ type: 'toolCall', choice: st.index, index: ch.position, id: ch.id, name: ch.name, argumentsDelta: ch.argumentsDelta });
      }
    }
    if (d.function_call) {
      const ch = st.tools.applyLegacy(d.function_call);
      if (ch) out.push({ type: 'toolCall', choice: st.index, index: ch.position, id: ch.id, name: ch.name, argumentsDelta: ch.argumentsDelta });
    }
    const images = d.images;
    if (Array.isArray(images)) for (const img of images) st.addImage(imageFromObject(img));
    if (Array.isArray(d.annotations) && d.annotations.length > 0) st.addAnnotations(d.annotations);
  }
}
