import type { ModelInfo } from './types';

/**
 * `{data:[...]}` (OpenAI), a bare array, or `{models:[...]}` (Ollama-style); every field the
 * gateway adds (owned_by, context length, pricing) is kept. Returns undefined for other shapes.
 */
export function normalizeModels(json: unknown): ModelInfo[] | undefined {
  let list: unknown;
  if (Array.isArray(json)) list = json;
  else if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    list = Array.isArray(o.data) ? o.data : Array.isArray(o.models) ? o.models : undefined;
  }
  if (!Array.isArray(list)) return undefined;
  const out: ModelInfo[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push({ id: item });
    else if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      const id = typeof o.id === 'string' ? o.id : typeof o.name === 'string' ? o.name : typeof o.model === 'string' ? o.model : undefined;
      if (id !== undefined) out.push({ ...o, id });
    }
  }
  return out;
}
