// What an answer carries besides its text: citations, images, logprobs and the candidates' ends,
// taken from the assembled response into the message record the panel shows and the file keeps.
import type { AssembledResponse, ChatEvent } from '../../llm';
import type { Citation, ImageRecord, MessageRecord, TokenLogprob } from '../../shared/conversation';
import { audioRecord } from './answerAudio';

const MAX_LOGPROB_TOKENS = 20_000;
const MAX_IMAGE_LINKS = 32;

/** What the request asked for that the answer is read against: the model id and the audio format. */
export interface AskedFor {
  model?: string;
  audioFormat?: string;
}

export function answerExtras(r: AssembledResponse, n: number, asked: AskedFor = {}): Partial<MessageRecord> {
  const first = r.choices.find((c) => c.index === 0);
  const out: Partial<MessageRecord> = {};
  // Relays swap models: what the gateway says answered is kept when it is not what was asked for.
  if (r.model && asked.model && r.model !== asked.model) out.servedModel = r.model;
  if (r.systemFingerprint) out.systemFingerprint = r.systemFingerprint;
  if (r.serviceTier) out.serviceTier = r.serviceTier;
  if (!first) return out;
  if (first.finishReason) out.finishReason = first.finishReason;
  if (first.refusal) out.refusal = first.refusal;
  const audio = first.audio && audioRecord(first.audio, asked.audioFormat);
  if (audio) out.audio = audio;
  const citations = first.annotations.map(citationOf).filter((c): c is Citation => !!c);
  if (citations.length) out.citations = citations;
  // Only data: URLs: the webview never loads a remote image (DESIGN: no remote fetches).
  const images: ImageRecord[] = first.images
    .filter((i) => /^data:image\/[a-z0-9.+-]+;base64,/i.test(i.url))
    .map((i) => ({ dataUrl: i.url, ...(i.mimeType ? { mimeType: i.mimeType } : {}) }));
  if (images.length) out.images = images;
  if (first.providerItems) out.providerItems = first.providerItems;
  // Remote images are links the user may open; the panel never loads them.
  const links = first.images.map((i) => i.url).filter((u) => /^https?:\/\//i.test(u)).slice(0, MAX_IMAGE_LINKS);
  if (links.length) out.imageLinks = links;
  const logprobs = tokenLogprobs(first.logprobs?.content);
  if (logprobs.length) out.logprobs = logprobs;
  if (n > 1) {
    out.candidates = Array.from({ length: n }, (_, i) => {
      const c = r.choices.find((x) => x.index === i);
      return {
        content: c?.content ?? '',
        ...(c?.reasoning ? { reasoning: c.reasoning } : {}),
        ...(c?.finishReason ? { finishReason: c.finishReason } : {}),
      };
    });
  }
  return out;
}

/** `{type:'url_citation', url_citation:{url,title,start_index,end_index}}`, or the same fields flat. */
function citationOf(a: unknown): Citation | undefined {
  if (!a || typeof a !== 'object') return undefined;
  const o = a as Record<string, unknown>;
  if (o.type !== undefined && o.type !== 'url_citation') return undefined;
  const c = (o.url_citation && typeof o.url_citation === 'object' ? o.url_citation : o) as Record<string, unknown>;
  if (typeof c.url !== 'string' || !c.url) return undefined;
  return {
    url: c.url,
    ...(typeof c.title === 'string' && c.title ? { title: c.title } : {}),
    ...(typeof c.start_index === 'number' ? { start: c.start_index } : {}),
    ...(typeof c.end_index === 'number' ? { end: c.end_index } : {}),
  };
}

function tokenLogprobs(content: unknown[] | null | undefined): TokenLogprob[] {
  if (!Array.isArray(content)) return [];
  const out: TokenLogprob[] = [];
  for (const item of content.slice(0, MAX_LOGPROB_TOKENS)) {
    if (!item || typeof item !== 'object') continue;
    const t = item as Record<string, unknown>;
    if (typeof t.token !== 'string' || typeof t.logprob !== 'number') continue;
    const top = Array.isArray(t.top_logprobs)
      ? t.top_logprobs.filter((x): x is { token: string; logprob: number } =>
        !!x && typeof x === 'object' && typeof (x as { token?: unknown }).token === 'string' && typeof (x as { logprob?: unknown }).logprob === 'number')
        .map((x) => ({ token: x.token, logprob: x.logprob }))
      : [];
    out.push({ token: t.token, logprob: t.logprob, top });
  }
  return out;
}

/** A whole (non-streamed) answer as the events a stream would have produced. */
export async function* eventsOf(r: AssembledResponse): AsyncGenerator<ChatEvent> {
  for (const c of r.choices) {
    if (c.reasoning) yield { type: 'reasoning', choice: c.index, text: c.reasoning };
    if (c.content) yield { type: 'text', choice: c.index, text: c.content };
  }
  if (r.usage) yield { type: 'usage', usage: r.usage };
  yield { type: 'done', response: r };
}
