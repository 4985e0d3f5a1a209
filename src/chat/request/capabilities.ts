// Capability overrides of gatewayChat.models (`vision`, `reasoning`, `json` set to false) shape the
// request for a model that lacks them, instead of letting the gateway refuse it.
import type { ChatMessage, ChatRequest, ContentPart } from '../../llm';

export type Adaptation = 'images' | 'reasoning' | 'json';

const reasoningFields = ['reasoning_effort', 'enable_thinking', 'separate_reasoning', 'reasoning', 'thinking'];

export function applyCapabilities(request: ChatRequest, caps: Record<string, boolean> | undefined): { request: ChatRequest; adapted: Adaptation[] } {
  const adapted: Adaptation[] = [];
  if (!caps) return { request, adapted };
  let out: ChatRequest = request;
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

function withoutImages(m: ChatMessage): ChatMessage {
  if (!Array.isArray(m.content)) return m;
  const kept = m.content.filter((p: ContentPart) => p.type !== 'image_url' && p.type !== 'video_url');
  if (kept.length === m.content.length) return m;
  const texts = kept.filter((p): p is { type: 'text'; text: string } => p.type === 'text' && typeof (p as { text?: unknown }).text === 'string');
  return { ...m, content: kept.length === texts.length ? texts.map((p) => p.text).join('\n\n') : kept };
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
