// What a conversation is, as saved on disk and shown in the panel. Types only.

export type MessageStatus = 'streaming' | 'complete' | 'interrupted' | 'error';

export type GatewayErrorKind =
  | 'auth' | 'notFound' | 'badRequest' | 'rateLimit' | 'server' | 'network' | 'timeout' | 'aborted' | 'protocol';

export type ErrorKind = GatewayErrorKind | 'config';

/** What the gateway (or the connection to it) said went wrong. */
export interface GatewayErrorInfo {
  kind: GatewayErrorKind;
  /** The gateway's own message (or a short status text); never markup, never the key. */
  message: string;
  status?: number;
  code?: string;
  /** The request field the gateway's error names (`error.param`), e.g. one it does not support. */
  param?: string;
  /** The gateway's `error.type` (`invalid_request_error`, `insufficient_quota`, ...). */
  type?: string;
  url?: string;
  retryAfterMs?: number;
}

/** Why nothing could be sent, or why a turn stopped on our side: each case carries its own data. */
export type ConfigErrorInfo =
  | { kind: 'config'; reason: 'noModel' }
  | { kind: 'config'; reason: 'noEndpoint'; endpointId: string }
  | { kind: 'config'; reason: 'noKey'; endpointId: string }
  | { kind: 'config'; reason: 'badUrl'; endpointId: string }
  | { kind: 'config'; reason: 'maxSteps'; steps: number };

export type ErrorInfo = GatewayErrorInfo | ConfigErrorInfo;

export interface Attachment {
  /** `document`: a PDF or other file sent whole as a `file` part; `audio`: a wav / mp3 clip sent as `input_audio`. */
  kind: 'selection' | 'file' | 'image' | 'document' | 'audio';
  /** What the chip shows: a file name, `file.ts:3-9`, or an image's name. */
  label: string;
  /** Workspace-relative path of a file or selection. */
  path?: string;
  startLine?: number;
  endLine?: number;
  language?: string;
  text?: string;
  /** `data:image/...;base64,...` for images, `data:application/pdf;base64,...` for documents, `data:audio/wav;base64,...` for audio. */
  dataUrl?: string;
  /** An image by its https URL instead of its bytes: the gateway fetches it, the panel never does. */
  url?: string;
  detail?: 'auto' | 'low' | 'high';
}

/**
 * Something that went along with a request, shown as a chip above the answer: a prompt (its text,
 * so a click can show it), a project rules file (its workspace-relative path) or an attachment.
 */
export type ContextSource =
  | { kind: 'prompt'; origin: 'global' | 'model' | 'conversation'; text: string }
  | { kind: 'rule'; path: string; truncated?: boolean }
  | { kind: 'attachment'; label: string; path?: string };

export interface UsageInfo {
  promptTokens?: number;
  completionTokens?: number;
  cachedTokens?: number;
  /** Prompt tokens written to the prompt cache (Claude bills them above the input price). */
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  totalTokens?: number;
  /** Every number in `prompt_tokens_details` (cached, audio, image, text tokens, ...), as the gateway named them. */
  promptDetails?: Record<string, number>;
  /** Every number in `completion_tokens_details` (reasoning, audio, accepted / rejected prediction tokens, ...). */
  completionDetails?: Record<string, number>;
  /** Time to first token, ms. */
  ttftMs?: number;
  durationMs?: number;
  tokensPerSecond?: number;
  /** What the answer cost, when prices for its model are set (`gatewayChat.models` prices). */
  cost?: number;
  /** The currency the prices were given in ("$", "¥", ...). */
  currency?: string;
}

/**
 * Per-conversation request options set from the composer's option bar, saved with the conversation.
 * Absent means not sent.
 */
export interface RequestOptions {
  /** `response_format`: `json_object`, or `json_schema` with a named schema (from settings or a workspace file). */
  json?: { mode: 'object' } | { mode: 'schema'; name: string; schema: Record<string, unknown>; source?: string };
  /** `web_search_options.search_context_size`. */
  webSearch?: { contextSize: 'low' | 'medium' | 'high' };
  /** `extra_body.google.image_config` for image models. */
  image?: { aspectRatio?: string; imageSize?: string };
  /** `n`: candidates to choose from (2 to 8). */
  n?: number;
  /** `logprobs` with `top_logprobs` alternatives per token. */
  logprobs?: { top: number };
}

/** A `url_citation` annotation: `start`/`end` index the answer's text. */
export interface Citation {
  url: string;
  title?: string;
  start?: number;
  end?: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  top: { token: string; logprob: number }[];
}

/** An image the model returned (data: URLs only; remote images are never loaded). */
export interface ImageRecord {
  dataUrl: string;
  mimeType?: string;
}

/** An answer spoken by the model (`message.audio`): playable from its data: URL, with what it says as text. */
export interface AudioRecord {
  /** `data:audio/<type>;base64,...`; absent when the format cannot play in the panel (raw pcm16). */
  dataUrl?: string;
  format?: string;
  transcript: string;
  /** The gateway's id for it, and until when (unix seconds) the gateway keeps it. */
  id?: string;
  expiresAt?: number;
}

/** One of the `n` answers to a prompt. */
export interface CandidateRecord {
  content: string;
  reasoning?: string;
  finishReason?: string;
}

export type ToolCallState = 'pending' | 'approved' | 'rejected' | 'done' | 'failed';

/** A tool the model called, its state, and what went back to the model. */
export interface ToolCallRecord {
  id: string;
  name: string;
  /** The raw arguments string as the model sent it. */
  arguments: string;
  state: ToolCallState;
  /** The arguments were not valid JSON: nothing ran. */
  invalid?: boolean;
  /** Came as a legacy `function_call`; answered with a `function` message. */
  legacy?: boolean;
  /** What went back to the model. */
  result?: string;
  isError?: boolean;
  /** A workspace file the call is about, for a link in the transcript. */
  path?: string;
  /** Images the tool returned (an MCP server's), as `data:` URLs; also sent to a model that takes images. */
  images?: string[];
  /** While `state` is `pending` and the user is being asked: what Approve would do. Saved, so a reload can settle it. */
  approval?: ToolApprovalView;
  /** Provider fields that go back with the call (Gemini's `extra_content` with its thought_signature), as received. */
  extras?: Record<string, unknown>;
}

/** What the answer's wire format needs back on later turns (Anthropic signed thinking, Responses reasoning items), untouched. */
export interface ProviderItemsRecord {
  api: 'responses' | 'anthropic';
  items: Record<string, unknown>[];
}

/** What the panel shows for a tool call waiting for the user (paths, the frozen command line). */
export interface ToolApprovalView {
  toolName: string;
  kind: 'read' | 'edit' | 'rename' | 'delete' | 'terminal' | 'external';
  /** One line: the path, `from -> to`, the exact command line, or (external) the server or extension. */
  summary: string;
  /** An external tool's own name on its server, and whether it is an MCP server's or another extension's. */
  tool?: string;
  origin?: 'mcp' | 'extension';
  /** An external tool's arguments, pretty-printed: shown in full before it is approved. */
  args?: string;
  /** Working folder of a command. */
  cwd?: string;
  sensitive: boolean;
  canAllowForConversation: boolean;
}

/** The files an answer's tools changed, kept as a checkpoint the user can restore. */
export interface CheckpointSummary {
  files: { path: string; change: 'created' | 'edited' | 'deleted' }[];
  /** Terminal commands the answer ran: a restore cannot undo them. */
  commands?: number;
  /** Restored: the files went back, the checkpoint is used up. */
  restored?: boolean;
}

export interface MessageRecord {
  id: string;
  role: 'user' | 'assistant' | 'tool';
  content: string;
  status: MessageStatus;
  createdAt: number;
  reasoning?: string;
  /** How long the model thought, ms. */
  reasoningMs?: number;
  attachments?: Attachment[];
  error?: ErrorInfo;
  usage?: UsageInfo;
  /** `<endpointId>/<modelId>` that answered. */
  model?: string;
  /** Tools the assistant called in this message, with their results. */
  toolCalls?: ToolCallRecord[];
  /** All answers when `n` > 1; `content` holds the one the conversation continues with (`chosen`). */
  candidates?: CandidateRecord[];
  chosen?: number;
  citations?: Citation[];
  images?: ImageRecord[];
  /** Images the model returned as remote http(s) URLs: shown as links, never loaded by the panel. */
  imageLinks?: string[];
  logprobs?: TokenLogprob[];
  /** Why the model stopped (`stop`, `length`, `content_filter`, `tool_calls`, ...), for the answer itself (choice 0). */
  finishReason?: string;
  /** The model declined: its refusal text, shown as the answer. */
  refusal?: string;
  /** The model the gateway says answered, when it differs from the one asked for (relays swap models). */
  servedModel?: string;
  systemFingerprint?: string;
  serviceTier?: string;
  audio?: AudioRecord;
  /** The JSON output that was asked for, so the panel can render and validate the answer. */
  json?: RequestOptions['json'];
  /** The finished answer checked against `json.schema` (set by the chat layer; errors read `path: message`). */
  jsonCheck?: { valid: boolean; errors: string[] };
  /** One-line notes on how the request was adapted (a parameter the gateway rejected and was dropped). */
  notices?: string[];
  /** Files this answer's tools changed (set while they run), restorable from the workspace's checkpoints. */
  checkpoint?: CheckpointSummary;
  /** What went along with the request that produced this answer (prompts, rules files, attachments). */
  sources?: ContextSource[];
  /** This record is a summary of earlier messages (written by the model when the conversation outgrew its window). */
  summary?: SummaryInfo;
  /** The id of the summary that stands in for this message in requests; cleared when that summary is undone. */
  summarisedBy?: string;
  /** Provider data of this answer, sent back with it on later turns. */
  providerItems?: ProviderItemsRecord;
}

/** A compacted span of the conversation: the originals stay in the file, marked `summarisedBy` this record's id. */
export interface SummaryInfo {
  /** How many messages it stands in for. */
  messages: number;
  /** `<endpointId>/<modelId>` that wrote it. */
  model?: string;
  /** The user expanded it back: the originals are sent again, this record no longer is. */
  undone?: boolean;
}

export interface ConversationRecord {
  version: 1;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  model?: string;
  messages: MessageRecord[];
  /** Earlier branches replaced by edit-and-resend, oldest first; kept, never shown in the transcript. */
  branches?: MessageRecord[][];
  options?: RequestOptions;
  /** The conversation's own instructions (markdown), sent in the system message after the prompt. */
  instructions?: string;
}

export interface HistoryEntry {
  id: string;
  title: string;
  updatedAt: number;
  model?: string;
  messageCount: number;
}
