// Turns a saved conversation into the wire messages a gateway expects.
import type { ChatMessage, ContentPart } from '../../llm';
import type { Attachment, ContextSource, MessageRecord } from '../../shared/conversation';

/** Fenced code with the path and line range, so the model knows where the code lives. */
export function attachmentText(a: Attachment): string | undefined {
  if (a.kind !== 'selection' && a.kind !== 'file') return undefined;
  if (a.text === undefined) return undefined;
  const where = a.path ? `${a.path}${a.startLine ? `:${a.startLine}-${a.endLine ?? a.startLine}` : ''}` : a.label;
  const fence = a.text.includes('```') ? '~~~~' : '```';
  return `${where}\n${fence}${a.language ?? ''}\n${a.text}${a.text.endsWith('\n') ? '' : '\n'}${fence}`;
}

/** Every attachment the history carries, once each, for the chips of what went along with a request. */
export function attachmentSources(messages: readonly MessageRecord[]): ContextSource[] {
  const seen = new Set<string>();
  const out: ContextSource[] = [];
  for (const m of messages) {
    if (m.role !== 'user') continue;
    for (const a of m.attachments ?? []) {
      const key = `${a.kind}:${a.path ?? ''}:${a.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: 'attachment', label: a.label, ...(a.path ? { path: a.path } : {}) });
    }
  }
  return out;
}

export function userMessage(m: MessageRecord): ChatMessage {
  const attachments = m.attachments ?? [];
  const text = [m.content, ...attachments.map(attachmentText).filter((t): t is string => !!t)].filter(Boolean).join('\n\n');
  const parts = attachments.map(attachmentPart).filter((p): p is ContentPart => !!p);
  if (!parts.length) return { role: 'user', content: text };
  return { role: 'user', content: [{ type: 'text', text }, ...parts] };
}

/** Images (by their bytes or an https URL, with `detail`), documents as `file` parts, audio as `input_audio`. */
function attachmentPart(a: Attachment): ContentPart | undefined {
  if (a.kind === 'image') {
    const url = a.dataUrl ?? a.url;
    return url ? { type: 'image_url', image_url: { url, ...(a.detail ? { detail: a.detail } : {}) } } : undefined;
  }
  if (a.kind === 'document' && a.dataUrl) return { type: 'file', file: { filename: a.label, file_data: a.dataUrl } };
  const audio = a.kind === 'audio' && a.dataUrl ? /^data:audio\/(wav|x-wav|wave|mpeg|mp3);base64,(.*)$/s.exec(a.dataUrl) : null;
  if (audio) return { type: 'input_audio', input_audio: { data: audio[2], format: /^(mpeg|mp3)$/.test(audio[1]) ? 'mp3' : 'wav' } };
  return undefined;
}

const MARKDOWN_DATA_IMAGE = /!\[[^\]\n]*\]\(\s*data:image\/[^)]*\)/gi;

/** Leads the images of an answer where they go back (the next user message); dropped with them for a model without vision. */
export const ANSWER_IMAGES_NOTE = 'The images of your previous answer:';

/**
 * An answer as it goes back in later turns, and the image parts that follow it. An answer's images go
 * as image parts in the next user message (chat completions and Anthropic take images from the user
 * only: an image part in an assistant message is a 400 there), marked `[image N]` in the answer; never
 * as base64 text: a markdown `data:` image in the text would be billed as megabytes of tokens. A
 * refusal or a spoken answer with no text goes back as what it said.
 */
function assistantMessage(m: MessageRecord): { message?: ChatMessage; images: ContentPart[] } {
  const said = (m.content.includes('(data:image/') ? m.content.replace(MARKDOWN_DATA_IMAGE, '').trim() : m.content)
    || m.refusal || m.audio?.transcript || '';
  const images = m.images ?? [];
  const text = [said, ...images.map((_, i) => `[image ${i + 1}]`)].filter(Boolean).join('\n\n');
  // Provider data (signed thinking, reasoning items) goes back with the answer it came with.
  const provider = m.providerItems ? { provider_items: m.providerItems } : {};
  const parts: ContentPart[] = images.length
    ? [{ type: 'text', text: ANSWER_IMAGES_NOTE }, ...images.map((img): ContentPart => ({ type: 'image_url', image_url: { url: img.dataUrl } }))]
    : [];
  return { message: text ? { role: 'assistant', content: text, ...provider } : undefined, images: parts };
}

/** A user message with an answer's images before what the user wrote. */
function withImagesFirst(m: ChatMessage, images: ContentPart[]): ChatMessage {
  const own: ContentPart[] = typeof m.content === 'string' ? (m.content ? [{ type: 'text', text: m.content }] : []) : (m.content ?? []);
  return { ...m, content: [...images, ...own] };
}

/**
 * The history as wire messages. Failed answers with nothing in them are left out; an interrupted
 * answer goes as far as it got, because the user saw it and may build on it.
 */
export function wireMessages(messages: MessageRecord[], systemPrompt?: string): ChatMessage[] {
  const wire: ChatMessage[] = systemPrompt ? [{ role: 'system', content: systemPrompt }] : [];
  let images: ContentPart[] = [];
  const flushImages = () => {
    if (images.length) wire.push({ role: 'user', content: images });
    images = [];
  };
  for (const m of messages) {
    if (m.role === 'user') {
      wire.push(images.length ? withImagesFirst(userMessage(m), images) : userMessage(m));
      images = [];
    } else if (m.role === 'assistant' && m.toolCalls?.length) {
      flushImages();
      wire.push(...toolTurn(m));
    } else if (m.role === 'assistant') {
      flushImages();
      const a = assistantMessage(m);
      if (a.message) wire.push(a.message);
      images = a.images;
    }
  }
  flushImages();
  return wire;
}

/**
 * An assistant message that called tools, then one result per call. Reasoning goes back with it
 * (`reasoning_content`) because thinking models such as DeepSeek's require it inside a tool loop.
 */
function toolTurn(m: MessageRecord): ChatMessage[] {
  const calls = m.toolCalls ?? [];
  const legacy = calls.find((c) => c.legacy);
  const assistant: ChatMessage = legacy
    ? { role: 'assistant', content: m.content || null, function_call: { name: legacy.name, arguments: legacy.arguments } }
    : {
        role: 'assistant', content: m.content || null,
        tool_calls: calls.map((c) => ({ ...c.extras, id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
      };
  if (m.reasoning) assistant.reasoning_content = m.reasoning;
  // Signed thinking and reasoning items must go back inside a tool loop (Anthropic, Responses).
  if (m.providerItems) assistant.provider_items = m.providerItems;
  const results: ChatMessage[] = legacy
    ? [{ role: 'function', name: legacy.name, content: legacy.result ?? 'The tool did not run.' }]
    : calls.map((c) => ({ role: 'tool', tool_call_id: c.id, content: c.result ?? 'The tool did not run.' }));
  return [assistant, ...results, ...toolImages(calls)];
}

/**
 * Images a tool returned (an MCP server's) go after the results as a user message: the chat API
 * takes images only there. A model without vision has them removed by the capability step.
 */
function toolImages(calls: NonNullable<MessageRecord['toolCalls']>): ChatMessage[] {
  const withImages = calls.filter((c) => Array.isArray(c.images) && c.images.length);
  if (!withImages.length) return [];
  const parts: ContentPart[] = [];
  for (const c of withImages) {
    parts.push({ type: 'text', text: `Images returned by the tool call ${c.id} (${c.name}):` });
    for (const url of c.images!) if (typeof url === 'string') parts.push({ type: 'image_url', image_url: { url } });
  }
  return [{ role: 'user', content: parts }];
}

/** What we ask a model to do when the user continues an interrupted answer. */
export const continuePrompt =
  'Continue exactly where your previous answer stopped, without repeating anything you already wrote.';
