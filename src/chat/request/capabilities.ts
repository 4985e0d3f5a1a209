// Capability overrides of gatewayChat.models (`vision`, `reasoning`, `json` set to false) shape the
// request for a model that lacks them, instead of letting the gateway refuse it. `files` and `audio`
// are the other way round: few models take documents or sound, so those parts go only to a model
// whose settings say it does; any other gets a short note in their place.
import type { ChatMessage, ChatRequest, ContentPart } from '../../llm';
import { ANSWER_IMAGES_NOTE } from './packaging';

export type Adaptation = 'images' | 'reasoning' | 'json' | 'files' | 'audio';

const reasoningFields = ['reasoning_effort', 'enable_thinking', 'separate_reasoning', 'reasoning', 'thinking'];

export function applyCapabilities(request: ChatRequest, caps: Record<string, boolean> | undefined): { request: ChatRequest; adapted: Adaptation[] } {
  const adapted: Adaptation[] = [];
  let out: ChatRequest = request;
  for (const [cap, type] of [['files', 'file'], ['audio', 'input_audio']] as const) {
    if (caps?.[cap] === true) continue;
    const messages = out.messages.map((m) => withoutParts(m, type));
    if (messages.some((m, i) => m !== out.messages[i])) {
      out = { ...out, messages };
      adapted.push(cap);
    }
  }
  if (!caps) return { request: out, adapted };
  if (caps.vision === false) {
    const messages = out.messages.map(withoutImages);
    if (messages.some((m, i) => m !== out.messages[i])) {
      out = { ...out, messages };
      adapted.push('images');
    }
  }
  if (caps.reasoning === false) {
    const stripped = withoutReasoning(out);
    if (stripped !== out) {
      out = stripped;
      adapted.push('reasoning');
    }
  }
  if (caps.json === false && (out.response_format?.type === 'json_object' || out.response_format?.type === 'json_schema')) {
    out = jsonByInstruction(out);
    adapted.push('json');
  }
  return { request: out, adapted };
}

/** Images leave a user's message (with the note that leads an answer's images back); an answer's own become a placeholder. */
function withoutImages(m: ChatMessage): ChatMessage {
  if (m.role !== 'assistant') {
    // The note only ever travels with the images it leads (packaging.ts), so it goes with them.
    const isNote = (p: ContentPart) => p.type === 'text' && (p as { text?: string }).text === ANSWER_IMAGES_NOTE;
    return replaceParts(m, (p) => (p.type === 'image_url' || p.type === 'video_url' || isNote(p) ? undefined : p));
  }
  return replaceParts(m, (p) => (p.type === 'image_url' ? { type: 'text', text: '[image]' } : p));
}

/** A part the model cannot take becomes a note naming it (a file's name; audio). */
function withoutParts(m: ChatMessage, ...types: string[]): ChatMessage {
  return replaceParts(m, (p) => {
    if (!types.includes(p.type)) return p;
    if (p.type === 'file') return { type: 'text', text: `[file not sent: ${(p as { file?: { filename?: string } }).file?.filename ?? 'document'}]` };
    if (p.type === 'input_audio') return { type: 'text', text: '[audio not sent]' };
    return undefined;
  });
}

/** Maps each part (undefined drops it); all-text content goes back to a plain string. */
function replaceParts(m: ChatMessage, map: (p: ContentPart) => ContentPart | undefined): ChatMessage {
  if (!Array.isArray(m.content)) return m;
  const mapped = m.content.map(map);
  if (mapped.every((p, i) => p === (m.content as ContentPart[])[i])) return m;
  const kept = mapped.filter((p): p is ContentPart => !!p);
  const texts = kept.filter((p): p is { type: 'text'; text: string } => p.type === 'text' && typeof (p as { text?: unknown }).text === 'string');
  return { ...m, content: kept.length === texts.length ? texts.map((p) => p.text).filter(Boolean).join('\n\n') : kept };
}

function withoutReasoning(r: ChatRequest): ChatRequest {
  const present = reasoningFields.filter((f) => r[f] !== undefined);
  const extra = r.extra_body;
  const inExtra = extra ? reasoningFields.filter((f) => extra[f] !== undefined) : [];
  if (!present.length && !inExtra.length) return r;
  const out: ChatRequest = { ...r };
  for (const f of present) delete out[f];
  if (extra && inExtra.length) {
    const rest = { ...extra };
    for (const f of inExtra) delete rest[f];
    if (Object.keys(rest).length) out.extra_body = rest;
    else delete out.extra_body;
  }
  return out;
}

/** No JSON mode: ask for JSON in words, so the answer still renders and validates as JSON. */
function jsonByInstruction(r: ChatRequest): ChatRequest {
  const format = r.response_format!;
  const spec = format.type === 'json_schema' ? (format.json_schema as { schema?: unknown } | undefined)?.schema : undefined;
  const instruction = 'Answer with a single JSON value and nothing else: no prose, no code fence.' +
    (spec ? `\nIt must be valid against this JSON schema:\n${JSON.stringify(spec)}` : '');
  const { response_format: _dropped, ...rest } = r;
  return { ...rest, messages: [{ role: 'system', content: instruction }, ...r.messages] };
}
