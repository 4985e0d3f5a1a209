// Wire and result types of the gateway client. Field names on the wire stay snake_case
// because the request is sent as written and the gateways' extras must survive untouched.

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

/** A prompt-cache breakpoint (`{type: "ephemeral"}`) on a part: Claude caches everything up to it. */
export interface CacheControl { type: 'ephemeral' | string; [k: string]: unknown }
export interface TextPart { type: 'text'; text: string; cache_control?: CacheControl }
export interface ImageUrlPart { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' | string }; cache_control?: CacheControl }
export interface InputAudioPart { type: 'input_audio'; input_audio: { data: string; format: string } }
export interface FilePart { type: 'file'; file: { file_id?: string; file_data?: string; filename?: string } }
export interface VideoUrlPart { type: 'video_url'; video_url: { url: string } }
export type ContentPart = TextPart | ImageUrlPart | InputAudioPart | FilePart | VideoUrlPart | { type: string; [k: string]: unknown };

export interface WireToolCall {
  id: string;
  type: 'function' | string;
  function: { name: string; arguments: string };
  [k: string]: unknown;
}

export interface ChatMessage {
  role: Role | string;
  content?: string | ContentPart[] | null;
  name?: string;
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
  reasoning_content?: string;
  function_call?: { name: string; arguments: string };
  /**
   * What the answer's wire format needs back on later turns, untouched (Anthropic thinking blocks with their
   * signatures, Responses reasoning items). Only the adapter of that format reads it; chat/completions never sends it.
   */
  provider_items?: ProviderItems;
  [k: string]: unknown;
}

/** The wire format a call speaks: `POST {baseUrl}/chat/completions`, `/responses` or `/messages`. */
export type WireApi = 'chat' | 'responses' | 'anthropic';

/** Provider data of one assistant answer that must go back with it, for the format that produced it. */
export interface ProviderItems {
  api: Exclude<WireApi, 'chat'>;
  items: Record<string, unknown>[];
}

export interface ToolDefinition {
  type: 'function' | string;
  function: { name: string; description?: string; parameters?: unknown; strict?: boolean };
  [k: string]: unknown;
}

/**
 * The request body exactly as it goes on the wire. Every documented field passes through
 * as set; unknown fields pass through too, because relays keep inventing them.
 */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  min_p?: number;
  n?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean; [k: string]: unknown } | null;
  stop?: string | string[] | null;
  max_tokens?: number;
  max_completion_tokens?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  repetition_penalty?: number;
  logit_bias?: Record<string, number>;
  logprobs?: boolean;
  top_logprobs?: number;
  seed?: number;
  user?: string;
  response_format?: { type: 'text' | 'json_object' | 'json_schema' | string; json_schema?: unknown; [k: string]: unknown };
  tools?: ToolDefinition[];
  tool_choice?: 'none' | 'auto' | 'required' | { type: string; function?: { name: string } } | string;
  parallel_tool_calls?: boolean;
  functions?: { name: string; description?: string; parameters?: unknown }[];
  function_call?: 'none' | 'auto' | { name: string };
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | string;
  enable_thinking?: boolean;
  separate_reasoning?: boolean;
  extra_body?: Record<string, unknown>;
  web_search_options?: Record<string, unknown>;
  modalities?: string[];
  audio?: Record<string, unknown>;
  [k: string]: unknown;
}

/** Usage as the gateway sent it; extras such as `latency_checkpoint` are kept. */
export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  /** `cache_write_tokens`: prompt tokens written to the cache (Anthropic's `cache_creation_input_tokens`). */
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number; [k: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; [k: string]: unknown };
  // Also seen: prompt_tokens_details.{audio_tokens,image_tokens,text_tokens},
  // completion_tokens_details.{audio_tokens,accepted_prediction_tokens,rejected_prediction_tokens}.
  [k: string]: unknown;
}

export interface AssembledToolCall {
  id: string;
  name: string;
  /** The raw arguments string as received. */
  arguments: string;
  /** JSON value of `arguments`; an empty string parses to `{}` (tools without parameters). */
  parsed?: unknown;
  /** Set when `arguments` is not valid JSON; never thrown. */
  invalid?: true;
  /** Set when it came from the legacy `function_call`; answer it with a `function` role message. */
  legacy?: true;
  /** Provider fields of the call that must go back with it (Gemini's `extra_content.google.thought_signature`). */
  extras?: Record<string, unknown>;
}

export interface AssembledImage {
  /** A `data:` URL or a remote URL, as received. */
  url: string;
  mimeType?: string;
}

export interface Logprobs {
  content: unknown[] | null;
  refusal?: unknown[] | null;
  [k: string]: unknown;
}

export interface AssembledChoice {
  index: number;
  content: string;
  reasoning: string;
  toolCalls: AssembledToolCall[];
  finishReason: string | null;
  /** `url_citation` and other annotations, de-duplicated. */
  annotations: unknown[];
  /** `message.images`, image content parts and markdown `data:` images (also left in content). */
  images: AssembledImage[];
  logprobs: Logprobs | null;
  refusal?: string;
  /** Provider data to send back with this answer on later turns (see `ChatMessage.provider_items`). */
  providerItems?: ProviderItems;
  /** `message.audio` of a model that answers in audio: base64 `data` and `transcript` joined across deltas. */
  audio?: AssembledAudio;
}

export interface AssembledAudio {
  id?: string;
  /** Base64 audio bytes in the format the request asked for (`audio.format`). */
  data: string;
  transcript: string;
  expiresAt?: number;
}

export interface AssembledResponse {
  id: string;
  model: string;
  /** Sorted by `index`. */
  choices: AssembledChoice[];
  usage: Usage | null;
  /** The backend configuration that answered, as the gateway reported it. */
  systemFingerprint?: string;
  /** The processing tier that served the request (`default`, `flex`, `priority`, ...). */
  serviceTier?: string;
}

/**
 * What `stream()` yields. Text, reasoning, tool-call and usage arrive as they stream;
 * annotations, images and logprobs are only reported in `done` (and in an error's `partial`),
 * because markdown images can only be found once the content is whole.
 * `toolCall.index` is the call's position in `choices[choice].toolCalls`, not the wire index.
 */
export type ChatEvent =
  | { type: 'text'; choice: number; text: string }
  | { type: 'reasoning'; choice: number; text: string }
  | { type: 'toolCall'; choice: number; index: number; id?: string; name?: string; argumentsDelta?: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'retry'; attempt: number; waitMs: number; error: GatewayErrorLike }
  | { type: 'done'; response: AssembledResponse };

export type GatewayErrorKind =
  | 'auth'
  | 'notFound'
  | 'badRequest'
  | 'rateLimit'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'protocol';

/** Structural view of GatewayError, so types.ts stays free of runtime code. */
export interface GatewayErrorLike extends Error {
  kind: GatewayErrorKind;
  status?: number;
  code?: string;
  param?: string;
  type?: string;
  retryAfterMs?: number;
  partial?: AssembledResponse;
  url: string;
  interrupted?: boolean;
}

export interface ModelInfo {
  id: string;
  owned_by?: string;
  [k: string]: unknown;
}

export interface EndpointConfig {
  /** As the user pasted it, path prefix included (`https://host/v1`). */
  baseUrl: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /**
   * Header names whose values are credentials though their names do not say so; those naming a key,
   * token, auth, secret or signature (`X-Relay-Token`) are treated so without being listed.
   */
  secretHeaders?: string[];
  /** Bound on the wait for response headers, per attempt. 0 disables. Default 120 s. */
  timeoutMs?: number;
  /** Bound on the silence between SSE events (comments do not count). 0 disables. Default 120 s. */
  idleTimeoutMs?: number;
  /** Default 2. */
  maxRetries?: number;
  /** Explicit proxy URL; otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured. */
  proxy?: string;
  /** Hosts that bypass the proxy (`example.com`, `.corp`, `10.0.0.1:8080`, `*`); otherwise NO_PROXY. */
  noProxy?: string[];
  /** False: the proxy's certificate, and the one shown through it, are not checked. Default true. */
  proxyStrictSSL?: boolean;
  /** A PEM file of certificate authorities trusted for this gateway, beside the usual ones. */
  caFile?: string;
  /** False: the gateway's certificate is not checked at all (an escape hatch). Default true. */
  rejectUnauthorized?: boolean;
  /** A header (`X-Session-Id`) that carries `CallOptions.sessionId`, for relays that route by it. */
  sessionHeader?: string;
  /** Base of the exponential backoff, ms. Default 500; tests shrink it. */
  retryBaseMs?: number;
}

export interface RetryInfo { attempt: number; waitMs: number; error: GatewayErrorLike }

export interface CallOptions {
  signal?: AbortSignal;
  /** Top-level body fields to delete before sending (for gateways that reject them). */
  omit?: string[];
  onRetry?: (r: RetryInfo) => void;
  /** Sees every attempt as it goes over the wire (the request inspector); keys are redacted before it does. */
  trace?: (e: TraceEvent) => void;
  /** The wire format; default `chat`. The same ChatRequest goes out and the same events come back whichever it is. */
  api?: WireApi;
  /** Stable per conversation; sent in the endpoint's `sessionHeader` when it has one. */
  sessionId?: string;
}

/**
 * One attempt on the wire, in order: `request`, then `response` once headers arrived, `chunk`s of the
 * raw body as received, and `end` (with the error's message when it failed). Header values that look
 * secret read `***` (`Bearer ***` for Authorization); `body` is the exact text sent.
 */
export type TraceEvent =
  | { type: 'request'; url: string; method: string; headers: Record<string, string>; body?: string }
  | { type: 'response'; status: number; headers: Record<string, string> }
  | { type: 'chunk'; text: string }
  | { type: 'end'; error?: string };

/** What is left on the relay key (one-api / new-api billing endpoints). */
export interface Balance {
  /** Dollars left; absent when `unlimited`. */
  remaining?: number;
  limit?: number;
  used?: number;
  unlimited?: boolean;
  currency: string;
  /** `billing`: /v1/dashboard/billing/*; `token`: new-api's /api/usage/token (quota units converted at 500,000 per dollar). */
  source: 'billing' | 'token';
}

export interface GatewayClient {
  readonly urls: { base: string; chatCompletions: string; models: string };
  listModels(options?: CallOptions): Promise<ModelInfo[]>;
  /** The relay's balance for this key, or undefined when the gateway does not say (never throws). */
  balance(options?: Pick<CallOptions, 'signal'>): Promise<Balance | undefined>;
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ChatEvent>;
  complete(request: ChatRequest, options?: CallOptions): Promise<AssembledResponse>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
