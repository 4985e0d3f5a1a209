import type { Answer, ChoiceSpec, StreamOptions } from './types';

// Renders one scripted Answer in both wire forms, a chat.completion.chunk list and a whole
// chat.completion, so a test can check that both assemble to the same response.

type Obj = Record<string, any>;

export interface RenderContext {
  model: string;
  includeUsage: boolean;
  n?: number;
}

export function choicesOf(a: Answer): ChoiceSpec[] {
  return a.choices && a.choices.length > 0 ? a.choices : [a];
}

/** Splits by code points so no surrogate pair is cut (bytes are cut later, at write time). */
export function splitText(text: string, pieces: number): string[] {
  const cps = Array.from(text);
  const n = Math.max(1, Math.min(pieces, cps.length));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = cps.slice(Math.floor((i * cps.length) / n), Math.floor(((i + 1) * cps.length) / n)).join('');
    if (s !== '') out.push(s);
  }
  return out;
}

function fullContent(c: ChoiceSpec): string {
  let content = c.content ?? '';
  if (c.reasoningDialect === 'think' && c.reasoning) content = `<think>\n${c.reasoning}\n</think>\n\n${content}`;
  if (c.imageStyle === 'markdown' && c.images) {
    for (const url of c.images) content += `\n\n![image](${url})`;
  }
  return content;
}

function finishReasonOf(c: ChoiceSpec): string | null {
  if (c.finishReason !== undefined) return c.finishReason;
  if (c.toolCalls?.length) return c.toolCallStyle === 'legacy' ? 'function_call' : 'tool_calls';
  return 'stop';
}

function reasoningDelta(dialect: ChoiceSpec['reasoningDialect'], text: string): Obj {
  switch (dialect) {
    case 'reasoning':
      return { reasoning: text };
    case 'reasoning_details':
      return { reasoning_details: [{ type: 'reasoning.text', text, format: 'unknown', index: 0 }] };
    case 'openrouter':
      return { reasoning: text, reasoning_details: [{ type: 'reasoning.text', text, format: 'unknown', index: 0 }] };
    default:
      return { reasoning_content: text };
  }
}

function imagePart(url: string): Obj {
  return { type: 'image_url', image_url: { url } };
}

export function defaultUsage(a: Answer): Obj {
  let completion = 0;
  let reasoning = 0;
  for (const c of choicesOf(a)) {
    completion += Math.ceil(((c.content ?? '').length + (c.reasoning ?? '').length) / 4) + 1;
    reasoning += Math.ceil((c.reasoning ?? '').length / 4);
  }
  return {
    prompt_tokens: 12,
    completion_tokens: completion,
    total_tokens: 12 + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}

/** The deltas of one choice, in the order a real gateway sends them. */
function choiceDeltas(c: ChoiceSpec, pieces: number): { delta: Obj; logprobs?: unknown[] }[] {
  const out: { delta: Obj; logprobs?: unknown[] }[] = [{ delta: { role: 'assistant', content: '' } }];
  if (c.reasoning && c.reasoningDialect !== 'think') {
    for (const p of splitText(c.reasoning, pieces)) out.push({ delta: reasoningDelta(c.reasoningDialect, p) });
  }
  const content = fullContent(c);
  const parts = content === '' ? [] : splitText(content, pieces);
  const lp = c.logprobs ?? [];
  parts.forEach((p, i) => {
    const slice = c.logprobs ? lp.slice(Math.floor((i * lp.length) / parts.length), Math.floor(((i + 1) * lp.length) / parts.length)) : undefined;
    out.push({ delta: { content: p }, logprobs: slice });
  });
  if (c.refusal) for (const p of splitText(c.refusal, pieces)) out.push({ delta: { refusal: p } });
  if (c.audio) {
    out.push({ delta: { audio: { id: c.audio.id ?? 'audio_test', ...(c.audio.expires_at ? { expires_at: c.audio.expires_at } : {}) } } });
    for (const p of splitText(c.audio.transcript, pieces)) out.push({ delta: { audio: { transcript: p } } });
    for (const p of splitText(c.audio.data, pieces)) out.push({ delta: { audio: { data: p } } });
  }
  const calls = c.toolCalls ?? [];
  const style = c.toolCallStyle ?? 'indexed';
  if (style === 'legacy' && calls.length > 0) {
    const call = calls[0];
    out.push({ delta: { function_call: { name: call.name, arguments: '' } } });
    for (const p of splitText(call.arguments, pieces)) out.push({ delta: { function_call: { arguments: p } } });
  } else {
    calls.forEach((call, i) => {
      const id = call.id ?? `call_${i}`;
      const head = { id, type: 'function', function: { name: call.name, arguments: '' } };
      if (style === 'ollama') {
        out.push({ delta: { tool_calls: [{ index: 0, id, type: 'function', function: { name: call.name, arguments: call.arguments } }] } });
        return;
      }
      if (style === 'whole') {
        out.push({ delta: { tool_calls: [{ index: i, ...head, function: { name: call.name, arguments: call.arguments } }] } });
        return;
      }
      out.push({ delta: { tool_calls: [style === 'no-index' ? head : { index: i, ...head }] } });
      for (const p of splitText(call.arguments, pieces)) {
        const piece =
          style === 'no-index'
            ? { function: { arguments: p } }
            : style === 'repeat-id'
              ? { index: i, id, type: 'function', function: { name: call.name, arguments: p } }
              : { index: i, function: { arguments: p } };
        out.push({ delta: { tool_calls: [piece] } });
      }
    });
  }
  if (c.images && c.imageStyle !== 'markdown') {
    for (const url of c.images) {
      out.push({ delta: c.imageStyle === 'parts' ? { content: [imagePart(url)] } : { images: [imagePart(url)] } });
    }
  }
  if (c.annotations?.length) out.push({ delta: { content: '', annotations: c.annotations } });
  return out;
}

export function renderChunks(a: Answer, ctx: RenderContext, opts: StreamOptions = {}): Obj[] {
  const id = a.id ?? 'chatcmpl-test';
  const model = a.model ?? ctx.model;
  const base = { id, object: 'chat.completion.chunk', created: 1700000000, model, ...served(a) };
  const pieces = opts.pieces ?? 4;
  const specs = choicesOf(a);
  const lists = specs.map((c) => choiceDeltas(c, pieces));
  const chunks: Obj[] = [];
  // Candidates interleave round-robin, as n > 1 streams do.
  const longest = Math.max(...lists.map((l) => l.length));
  for (let step = 0; step < longest; step++) {
    lists.forEach((list, index) => {
      const d = list[step];
      if (d) chunks.push({ ...base, choices: [{ index, delta: d.delta, logprobs: d.logprobs ? { content: d.logprobs, refusal: null } : null, finish_reason: null }] });
    });
  }
  specs.forEach((c, index) => {
    const fr = finishReasonOf(c);
    if (fr !== null) chunks.push({ ...base, choices: [{ index, delta: {}, logprobs: null, finish_reason: fr }] });
  });
  const usage = a.usage === undefined ? defaultUsage(a) : a.usage;
  const mode = opts.usage ?? (ctx.includeUsage ? 'final-chunk' : 'none');
  if (usage && mode === 'final-chunk') chunks.push({ ...base, choices: [], usage });
  else if (usage && mode === 'last-choice-chunk' && chunks.length > 0) chunks[chunks.length - 1].usage = usage;
  return chunks;
}

export function renderCompletion(a: Answer, ctx: RenderContext): Obj {
  const choices = choicesOf(a).map((c, index) => {
    let content: any = fullContent(c);
    const message: Obj = { role: 'assistant', content };
    if (c.reasoning && c.reasoningDialect !== 'think') Object.assign(message, reasoningDelta(c.reasoningDialect, c.reasoning));
    if (c.images && c.imageStyle === 'parts') {
      content = content === '' ? [] : [{ type: 'text', text: content }];
      message.content = [...content, ...c.images.map(imagePart)];
    } else if (c.images && c.imageStyle !== 'markdown') message.images = c.images.map(imagePart);
    if (c.refusal) message.refusal = c.refusal;
    if (c.audio) message.audio = { id: c.audio.id ?? 'audio_test', ...c.audio };
    const calls = c.toolCalls ?? [];
    if (calls.length > 0) {
      if (message.content === '') message.content = null;
      if (c.toolCallStyle === 'legacy') message.function_call = { name: calls[0].name, arguments: calls[0].arguments };
      else message.tool_calls = calls.map((t, i) => ({ id: t.id ?? `call_${i}`, type: 'function', function: { name: t.name, arguments: t.arguments } }));
    }
    if (c.annotations?.length) message.annotations = c.annotations;
    return { index, message, logprobs: c.logprobs ? { content: c.logprobs, refusal: null } : null, finish_reason: finishReasonOf(c) };
  });
  const out: Obj = { id: a.id ?? 'chatcmpl-test', object: 'chat.completion', created: 1700000000, model: a.model ?? ctx.model, ...served(a), choices };
  const usage = a.usage === undefined ? defaultUsage(a) : a.usage;
  if (usage) out.usage = usage;
  return out;
}

function served(a: Answer): Obj {
  return { ...(a.systemFingerprint ? { system_fingerprint: a.systemFingerprint } : {}), ...(a.serviceTier ? { service_tier: a.serviceTier } : {}) };
}
