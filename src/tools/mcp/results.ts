// An MCP tool result as the model and the transcript get it: text blocks as they are, images passed
// on (and named in the text), what cannot be passed on described, structured content as JSON,
// `isError` kept. At most 256 KB in all: the rest is cut, and the text says so.
import { formatBytes } from '../text';
import type { ToolImage, ToolOutput } from '../types';

export const MCP_RESULT_LIMIT_BYTES = 256 * 1024;

/** The parts of a `CallToolResult` we read; anything else a server sends is ignored or described. */
export interface McpCallResult {
  content?: unknown;
  structuredContent?: unknown;
  isError?: unknown;
  /** Older servers (protocol 2024-10-07) answered `{ toolResult }`. */
  toolResult?: unknown;
}

export function convertResult(result: McpCallResult, limit = MCP_RESULT_LIMIT_BYTES): ToolOutput {
  const texts: string[] = [];
  const images: ToolImage[] = [];
  const blocks = Array.isArray(result.content) ? result.content : [];
  for (const block of blocks) {
    const b = (typeof block === 'object' && block !== null ? block : {}) as Record<string, unknown>;
    const mime = typeof b.mimeType === 'string' ? b.mimeType : 'application/octet-stream';
    const size = typeof b.data === 'string' ? formatBytes(base64Bytes(b.data)) : '';
    switch (b.type) {
      case 'text':
        texts.push(typeof b.text === 'string' ? b.text : JSON.stringify(b.text));
        break;
      case 'image':
        if (typeof b.data === 'string' && /^image\/(png|jpeg|gif|webp)$/.test(mime)) {
          images.push({ mimeType: mime, data: b.data });
          texts.push(`[image ${images.length}: ${mime}, ${size}]`);
        } else texts.push(`[an image of type ${mime} that cannot be passed on]`);
        break;
      case 'audio':
        texts.push(`[audio: ${mime}, ${size}; not passed on]`);
        break;
      case 'resource_link':
        texts.push(`[resource link: ${String(b.name ?? '')} <${String(b.uri ?? '')}>${b.description ? ` ${String(b.description)}` : ''}]`);
        break;
      case 'resource': {
        const r = (typeof b.resource === 'object' && b.resource !== null ? b.resource : {}) as Record<string, unknown>;
        if (typeof r.text === 'string') texts.push(`[resource ${String(r.uri ?? '')}]\n${r.text}`);
        else texts.push(`[resource ${String(r.uri ?? '')}: ${typeof r.mimeType === 'string' ? r.mimeType : 'binary'}${typeof r.blob === 'string' ? `, ${formatBytes(base64Bytes(r.blob))}` : ''}; not passed on]`);
        break;
      }
      default:
        texts.push(`[content of type ${JSON.stringify(b.type ?? null)} that is not understood]`);
    }
  }
  if (result.structuredContent !== undefined) {
    const json = JSON.stringify(result.structuredContent);
    // Servers are asked to repeat structured content as a text block; do not send it twice.
    if (!texts.some((t) => sameJson(t, result.structuredContent))) texts.push(`Structured content:\n${json}`);
  }
  if (!blocks.length && result.toolResult !== undefined) texts.push(typeof result.toolResult === 'string' ? result.toolResult : JSON.stringify(result.toolResult));
  const isError = result.isError === true;
  const text = texts.join('\n') || (isError ? 'The tool failed and said nothing more.' : 'The tool returned nothing.');
  return limitOutput({ content: text, images, isError }, limit);
}

/** Keeps images while they fit, then as much text as fits, and says what was cut. */
export function limitOutput(out: ToolOutput, limit = MCP_RESULT_LIMIT_BYTES): ToolOutput {
  const images = out.images ?? [];
  const total = Buffer.byteLength(out.content, 'utf8') + images.reduce((n, i) => n + i.data.length, 0);
  if (total <= limit) return out;
  const kept: ToolImage[] = [];
  let used = 0;
  // Text first gets up to half the budget; images take what they need of the rest.
  const textBytes = Buffer.byteLength(out.content, 'utf8');
  const reserve = Math.min(textBytes, Math.floor(limit / 2));
  for (const img of images) {
    if (used + img.data.length > limit - reserve) break;
    kept.push(img);
    used += img.data.length;
  }
  const room = limit - used;
  const notice = `\n[result truncated: the server sent ${formatBytes(total)}; at most ${formatBytes(limit)} is passed on${kept.length < images.length ? `, ${images.length - kept.length} image(s) left out` : ''}]`;
  const content = cutUtf8(out.content, Math.max(0, room - Buffer.byteLength(notice, 'utf8'))) + notice;
  return { ...out, content, images: kept };
}

/** The longest prefix of `text` whose UTF-8 form fits `bytes`, never ending inside a character. */
export function cutUtf8(text: string, bytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= bytes) return text;
  let end = bytes;
  // Back off continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

const base64Bytes = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
