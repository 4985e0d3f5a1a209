// The three wire formats a model may speak, each as: where it goes, which headers, which body, and how its
// answer is read. The client is the same for all of them; nothing above src/llm knows which one was used.
import { anthropicBody, AnthropicDecoder, ANTHROPIC_VERSION } from './anthropicApi';
import { buildBody } from './body';
import { ChatDecoder, type AnswerDecoder, type DecoderContext } from './decoder';
import { responsesBody, ResponsesDecoder } from './responsesApi';
import type { ChatRequest, WireApi } from './types';
import type { ResolvedUrls } from '../shared/gatewayUrl';

export interface WireFormat {
  url(urls: ResolvedUrls): string;
  /** Headers besides Accept, Content-Type, the endpoint's own and the Bearer key. */
  headers(apiKey: string | undefined): Record<string, string>;
  body(request: ChatRequest, mode: 'stream' | 'complete', omit?: readonly string[]): Record<string, unknown>;
  decoder(ctx: DecoderContext): AnswerDecoder;
}

/** `{base}/<path>` with the pasted query (Azure-style `api-version`) kept. */
function beside(urls: ResolvedUrls, path: string): string {
  const query = urls.chatCompletions.slice(urls.base.length + '/chat/completions'.length);
  return `${urls.base}/${path}${query}`;
}

const chat: WireFormat = {
  url: (urls) => urls.chatCompletions,
  headers: () => ({}),
  body: (request, mode, omit) => buildBody(withoutProviderItems(request), mode, omit),
  decoder: (ctx) => new ChatDecoder(ctx),
};

const responses: WireFormat = {
  url: (urls) => beside(urls, 'responses'),
  headers: () => ({}),
  body: responsesBody,
  decoder: (ctx) => new ResponsesDecoder(ctx),
};

// Anthropic's own header for the key, and the Bearer one relays take (the client adds it) as well.
const anthropic: WireFormat = {
  url: (urls) => beside(urls, 'messages'),
  headers: (apiKey) => ({ 'anthropic-version': ANTHROPIC_VERSION, ...(apiKey ? { 'x-api-key': apiKey } : {}) }),
  body: anthropicBody,
  decoder: (ctx) => new AnthropicDecoder(ctx),
};

export function wireFormat(api: WireApi | undefined): WireFormat {
  return api === 'responses' ? responses : api === 'anthropic' ? anthropic : chat;
}

/** Another format's provider data never goes to chat/completions, where a strict gateway would refuse it. */
function withoutProviderItems(request: ChatRequest): ChatRequest {
  if (!request.messages.some((m) => m.provider_items !== undefined)) return request;
  return { ...request, messages: request.messages.map(({ provider_items: _, ...m }) => m) };
}
