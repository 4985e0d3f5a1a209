// The option bar's choices as the conversation keeps them. The panel renders model output, so it is
// not trusted with a schema: it can keep the schema the host picked or drop it, never supply one.
import type { RequestOptions } from '../../shared/conversation';

export function optionsFromPanel(current: RequestOptions | undefined, incoming: RequestOptions): RequestOptions {
  const out: RequestOptions = { ...incoming };
  if (incoming.json?.mode === 'schema') {
    const kept = current?.json?.mode === 'schema' && current.json.name === incoming.json.name ? current.json : undefined;
    if (kept) out.json = kept;
    else delete out.json;
  }
  // One candidate and an image config with nothing in it are the defaults: nothing to send.
  if (out.n !== undefined && out.n < 2) delete out.n;
  if (out.image && !out.image.aspectRatio && !out.image.imageSize) delete out.image;
  return out;
}
