import type { AssembledImage } from './types';

// Gemini image models answer through chat in three shapes depending on the relay:
// `message.images[]`, `image_url` content parts, or markdown data: images in the text.

export function imageFromUrl(url: string): AssembledImage {
  const m = /^data:([^;,]+)[;,]/i.exec(url);
  return m ? { url, mimeType: m[1] } : { url };
}

/** One entry of `message.images` / `delta.images`, or an image content part. */
export function imageFromObject(o: unknown): AssembledImage | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const v = o as Record<string, unknown>;
  const iu = v.image_url;
  if (typeof iu === 'string') return imageFromUrl(iu);
  if (iu && typeof iu === 'object' && typeof (iu as { url?: unknown }).url === 'string') {
    return imageFromUrl((iu as { url: string }).url);
  }
  if (typeof v.url === 'string') return imageFromUrl(v.url);
  if (typeof v.b64_json === 'string') {
    const mime = typeof v.mime_type === 'string' ? v.mime_type : 'image/png';
    return { url: `data:${mime};base64,${v.b64_json}`, mimeType: mime };
  }
  return undefined;
}

const MARKDOWN_DATA_IMAGE = /!\[[^\]\n]*\]\(\s*(data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/=\s]+?)\s*\)/gi;

/** Markdown data: images in content; run on the whole content so a split image is found. */
export function markdownImages(content: string): AssembledImage[] {
  if (!content.includes('(data:image/')) return [];
  const out: AssembledImage[] = [];
  for (const m of content.matchAll(MARKDOWN_DATA_IMAGE)) {
    out.push(imageFromUrl(m[1].replace(/\s+/g, '')));
  }
  return out;
}
