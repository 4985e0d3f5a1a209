// The composer's option bar (JSON output, web search, image options, candidates, logprobs) as request
// fields, in the forms the gateways document. Absent options add nothing.
import type { ChatRequest } from '../../llm';
import type { RequestOptions } from '../../shared/conversation';

export function applyRequestOptions(request: ChatRequest, o: RequestOptions | undefined): ChatRequest {
  if (!o) return request;
  const out: ChatRequest = { ...request };
  if (o.json?.mode === 'object') out.response_format = { type: 'json_object' };
  else if (o.json?.mode === 'schema') {
    out.response_format = { type: 'json_schema', json_schema: { name: schemaName(o.json.name), schema: o.json.schema, strict: true } };
  }
  // Merged: a `user_location` (or anything else) the model's settings put there stays.
  if (o.webSearch) {
    const set = out.web_search_options && typeof out.web_search_options === 'object' && !Array.isArray(out.web_search_options) ? out.web_search_options : {};
    out.web_search_options = { ...set, search_context_size: o.webSearch.contextSize };
  }
  if (o.image && (o.image.aspectRatio || o.image.imageSize)) {
    const imageConfig: Record<string, string> = {};
    if (o.image.aspectRatio) imageConfig.aspect_ratio = o.image.aspectRatio;
    if (o.image.imageSize) imageConfig.image_size = o.image.imageSize;
    const extra = (out.extra_body ?? {}) as Record<string, unknown>;
    const google = (typeof extra.google === 'object' && extra.google ? extra.google : {}) as Record<string, unknown>;
    out.extra_body = { ...extra, google: { ...google, image_config: imageConfig } };
  }
  if (o.n && o.n > 1) out.n = o.n;
  if (o.logprobs) {
    out.logprobs = true;
    if (o.logprobs.top > 0) out.top_logprobs = o.logprobs.top;
  }
  return out;
}

// OpenAI restricts schema names to [a-zA-Z0-9_-]{1,64}; a file name like `person.schema.json` is not one.
function schemaName(name: string): string {
  return name.replace(/\.json$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) || 'schema';
}
