// The scripting language of the test gateway. Everything is plain JSON data so an e2e test
// in another process can send it over the control endpoints.

export interface ErrorBody {
  message: string;
  type?: string;
  code?: string | number | null;
  param?: string | null;
}

export interface ToolCallSpec {
  id?: string;
  name: string;
  /** Raw arguments string (may be deliberately invalid JSON). */
  arguments: string;
}

export interface ChoiceSpec {
  content?: string;
  reasoning?: string;
  /**
   * How reasoning travels: `reasoning_content` (DeepSeek, Qwen; default), `reasoning`
   * (OpenRouter), `reasoning_details` (`[{type:'reasoning.text', text}]`), `openrouter`
   * (both `reasoning` and `reasoning_details` with the same text), `think` (`<think>` tags
   * at the start of content).
   */
  reasoningDialect?: 'reasoning_content' | 'reasoning' | 'reasoning_details' | 'openrouter' | 'think';
  toolCalls?: ToolCallSpec[];
  /**
   * `indexed` (OpenAI: first chunk id+name, then argument pieces by index; default),
   * `ollama` (every call whole in one chunk, all at index 0),
   * `no-index` (first chunk has id, later pieces have neither index nor id),
   * `repeat-id` (id and name repeated on every piece), `whole` (each call's arguments in one chunk),
   * `legacy` (`function_call`; only the first call is used).
   */
  toolCallStyle?: 'indexed' | 'ollama' | 'no-index' | 'repeat-id' | 'whole' | 'legacy';
  /** Image URLs (usually `data:image/png;base64,...`). */
  images?: string[];
  /** `images` (message.images / delta.images; default), `parts` (image_url content parts), `markdown` (in content). */
  imageStyle?: 'images' | 'parts' | 'markdown';
  /** e.g. `{type:'url_citation', url_citation:{url,title,start_index,end_index}}`. */
  annotations?: unknown[];
  /** Token entries for `logprobs.content`; spread over the content pieces when streamed. */
  logprobs?: unknown[];
  refusal?: string;
  /** `message.audio` of a spoken answer; streamed as `delta.audio` pieces (`id` first, then data and transcript). */
  audio?: { id?: string; data: string; transcript: string; expires_at?: number };
  /** Default `stop`, `tool_calls` with tool calls, `function_call` for legacy; null sends none. */
  finishReason?: string | null;
}

export interface Answer extends ChoiceSpec {
  id?: string;
  /** Default: the request's model. */
  model?: string;
  /** Sent as `system_fingerprint` / `service_tier` on every chunk (or the completion). */
  systemFingerprint?: string;
  serviceTier?: string;
  /** n > 1 candidates; when set, the top-level ChoiceSpec fields are ignored. */
  choices?: ChoiceSpec[];
  /** Usage object sent as is; default is computed; null sends none. */
  usage?: Record<string, unknown> | null;
}

export interface StreamOptions {
  /** Each text is split into this many deltas (default 4). */
  pieces?: number;
  /** Default `final-chunk` when the request asked `stream_options.include_usage`, else `none`. */
  usage?: 'final-chunk' | 'last-choice-chunk' | 'none';
  /** Send `data: [DONE]` at the end (default true). */
  done?: boolean;
  /** Line ending of the SSE text (default `\n`). */
  eol?: '\n' | '\r\n' | '\r';
  /** Start the body with a UTF-8 BOM. */
  bom?: boolean;
  /** Comment lines sent before the first event, e.g. `OPENROUTER PROCESSING`. */
  comments?: string[];
  /** A `: keep-alive` comment after every N events. */
  keepAliveEvery?: number;
  /** Pretty-print each JSON chunk over several `data:` lines. */
  multiLineData?: boolean;
  /** Leave out the blank line after the last event. */
  noFinalBlankLine?: boolean;
  /** Write boundaries as byte offsets into the whole body. */
  splitAt?: number[];
  /** Write the body in pieces of this many bytes. */
  chunkBytes?: number;
  /** Pause between writes, ms. */
  delayMs?: number;
  /** Writes per second (overrides delayMs). */
  rate?: number;
  /** After N events, an error inside the 200 stream: `event: error` or `data: {"error":...}` (default). */
  errorAfter?: { events: number; style?: 'event' | 'data'; error: ErrorBody };
  /** After N events, cut the stream: `destroy` the socket (default) or `end` the body cleanly. */
  disconnectAfter?: { events: number; mode?: 'destroy' | 'end' };
  /** After N events, send nothing more (only comments every keepAliveMs, if set); the connection stays open. */
  silenceAfter?: { events: number; keepAliveMs?: number };
  /** Default `text/event-stream; charset=utf-8`. */
  contentType?: string;
  /**
   * A placeholder of 13 ASCII characters (e.g. `@@@@@@@@@@@@@`) that each write replaces with the
   * time it is written (`Date.now()`, ms), so a benchmark can time a chunk from gateway to page.
   */
  stampPlaceholder?: string;
}

export interface Scenario {
  /** Each request takes the next; a routed sequence cycles, a queued one is consumed in order. */
  sequence?: Scenario[];
  /** Used instead when the request's last message has role `tool` or `function` (ends a tool loop). */
  afterToolResult?: Scenario;
  /** HTTP status (default 200, or 400 with `error`). */
  status?: number;
  headers?: Record<string, string>;
  /** Wait before sending headers, ms. */
  delayMs?: number;
  /** Never send headers (until the client gives up or the gateway closes). */
  hang?: boolean;
  /** Drop the connection without any answer (a connection error before headers). */
  reset?: boolean;
  /** A chat answer: SSE when the request says `stream: true`, a JSON completion otherwise. */
  answer?: Answer;
  /** JSON `{error:{message,type,param,code}}`. */
  error?: ErrorBody;
  /** An HTML page (content-type text/html). */
  html?: string;
  /** A text/plain body. */
  text?: string;
  /** Any JSON body, sent as is. */
  json?: unknown;
  /** Raw SSE text, sent as is (StreamOptions splitting/delays still apply). */
  sse?: string;
  stream?: StreamOptions;
  /**
   * A gateway that refuses request fields: a request whose body has one of these top-level fields gets
   * that refusal instead of the rest of the scenario. Default body: OpenAI's
   * `{error:{message:"Unsupported parameter: '<field>' is not supported with this model.", type, param, code:"unsupported_parameter"}}`.
   */
  rejectFields?: FieldRefusal[];
  /**
   * A model with a small context window: a request whose JSON body is longer than `chars` gets OpenAI's
   * 400 `context_length_exceeded` (`This model's maximum context length is <window> tokens. ...`), or
   * `error` merged over it; a shorter one, the rest of the scenario.
   */
  contextLimit?: { chars: number; window?: number; error?: Partial<ErrorBody> };
  /**
   * The wire formats this model is served through (default all): a request in another gets OpenAI's 400
   * "This model is only supported in v1/responses and not in v1/chat/completions."
   */
  formats?: ('chat' | 'responses' | 'anthropic')[];
}

/** What the relay's billing endpoints answer (one-api / new-api); absent: they are not served (404). */
export interface BalanceSpec {
  /** `/v1/dashboard/billing/subscription` `hard_limit_usd` and `/v1/dashboard/billing/usage` `total_usage` (cents). */
  limitUsd?: number;
  usedUsd?: number;
  /** new-api `/api/usage/token`: `{data: {total_granted, total_used, total_available}}` in quota units. */
  token?: { total_granted: number; total_used: number; total_available: number; unlimited_quota?: boolean };
}

export interface FieldRefusal {
  field: string;
  /** Default 400. */
  status?: number;
  /** Merged over the default OpenAI error. */
  error?: Partial<ErrorBody>;
  /** Any JSON body instead (Azure, Gemini, pydantic shapes). */
  json?: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the raw text when it is not JSON ('' for no body). */
  body: any;
}

export interface TestGateway {
  /** Base URL including /v1, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  /** Origin without /v1, e.g. http://127.0.0.1:PORT */
  origin: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (a TLS handshake that failed never becomes a request). */
  readonly connections: number;
  /** The next chat request (or, with `'models'`, the next GET /models) gets this scenario (FIFO). */
  enqueue(s: Scenario, target?: 'chat' | 'models'): void;
  /** Requests whose body.model === model get this scenario, every time. */
  route(model: string, s: Scenario): void;
  /** What GET /models answers: `{object:'list', data:[...]}`. */
  setModels(list: object[]): void;
  /** What the billing endpoints answer; null: not served. */
  setBalance(b: BalanceSpec | null): void;
  /** Serves `body` at `GET /files/<name>` without a key (a CDN an answer links to); returns its URL. */
  serveFile(name: string, type: string, body: Buffer): string;
  reset(): void;
  close(): Promise<void>;
}
