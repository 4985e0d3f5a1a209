// Wire and result types of the gateway client. Field names on the wire stay snake_case
// because the request is sent as written and the gateways' extras must survive untouched.

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

export interface TextPart { type: 'text'; text: string }
export interface ImageUrlPart { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' | string } }
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
  [k: string]: unknown;
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
  prompt_tokens_details?: { cached_tokens?: number; [k: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; [k: string]: unknown };
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
}

export interface AssembledResponse {
  id: string;
  model: string;
  /** Sorted by `index`. */
  choices: AssembledChoice[];
  usage: Usage | null;
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

export interface GatewayClient {
  readonly urls: { base: string; chatCompletions: string; models: string };
  listModels(options?: CallOptions): Promise<ModelInfo[]>;
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ChatEvent>;
  complete(request: ChatRequest, options?: CallOptions): Promise<AssembledResponse>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
