import type { ChatRequest } from './types';

/**
 * The wire body: the request as written, plus the stream flags, minus `omit`. `omit` runs
 * last so a gateway that rejects `stream_options` can have it removed even when added here.
 */
export function buildBody(request: ChatRequest, mode: 'stream' | 'complete', omit?: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request };
  if (mode === 'stream') {
    body.stream = true;
    const so = request.stream_options;
    if (so === null) delete body.stream_options;
    else if (so === undefined) body.stream_options = { include_usage: true };
    else if (so.include_usage === undefined) body.stream_options = { ...so, include_usage: true };
  } else {
    body.stream = false;
    // OpenAI rejects stream_options on a non-streaming request.
    delete body.stream_options;
  }
  if (omit) for (const key of omit) delete body[key];
  return body;
}
