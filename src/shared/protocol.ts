// The host <-> webview protocol. Each member carries exactly its fields; both sides switch on
// `type` and end in an exhaustive `never` check. The host validates everything it receives.
import type { Attachment, ConversationRecord, ErrorInfo, HistoryEntry, MessageRecord, RequestOptions } from './conversation';
import type { ModelSettings } from './modelSettingsShape';

export interface EndpointDraft {
  id: string;
  name: string;
  baseUrl: string;
  headers: Record<string, string>;
  /** Per-endpoint bounds, ms; absent: the defaults (src/shared/endpointTimeouts.ts). */
  timeoutMs?: number;
  idleTimeoutMs?: number;
}

export interface EndpointSummary extends EndpointDraft {
  /** The exact URL chat requests go to. */
  chatUrl: string;
  hasKey: boolean;
  keyFromEnv: boolean;
}

export interface ModelGroup {
  endpointId: string;
  endpointName: string;
  models: string[];
  /** Why the list could not be fetched, in words. */
  error?: string;
}

export interface FileSuggestion {
  label: string;
  path: string;
}

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'send'; text: string; attachments: Attachment[] }
  | { type: 'stop' }
  /** The panel painted `count` delta posts since its last acknowledgement: the host may post more at once. */
  | { type: 'deltaAck'; count?: number }
  | { type: 'retry'; messageId: string }
  | { type: 'continue'; messageId: string }
  | { type: 'regenerate'; messageId: string }
  | { type: 'edit'; messageId: string; text: string }
  | { type: 'newChat' }
  | { type: 'selectModel'; model: string }
  | { type: 'refreshModels' }
  | { type: 'refreshBalance' }
  | { type: 'history'; query: string }
  | { type: 'openConversation'; id: string }
  | { type: 'renameConversation'; id: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'copy'; text: string }
  | { type: 'insertCode'; code: string }
  | { type: 'applyCode'; code: string; language: string }
  | { type: 'saveCode'; code: string; language: string }
  | { type: 'openLink'; href: string }
  /** `document` (a PDF ...), `audio` (wav / mp3) and `imageUrl` (an https image the user types) are asked for by the host. */
  | { type: 'attach'; kind: 'selection' | 'file' | 'image' | 'document' | 'audio' | 'imageUrl' }
  | { type: 'searchFiles'; query: string }
  | { type: 'attachFile'; path: string }
  | { type: 'saveEndpoint'; endpoint: EndpointDraft }
  | { type: 'setApiKey'; endpointId: string }
  | { type: 'testConnection'; endpoint: EndpointDraft }
  | { type: 'draft'; text: string }
  /** The gear by the model picker: the host answers with `modelSettings` for the current model. */
  | { type: 'openModelSettings' }
  /** The settings form saved: the keys it owns in gatewayChat.models["<model>"] (user settings). */
  | { type: 'saveModelSettings'; model: string; settings: ModelSettings }
  /** The composer's option bar changed (JSON output, web search, image options, candidates, logprobs). */
  | { type: 'setOptions'; options: RequestOptions }
  /** "JSON: schema..." in the option bar: the host shows a pick of schemas. */
  | { type: 'pickSchema' }
  /** Save one of an answer's images (`message.images[index]`) into the workspace. */
  | { type: 'saveImage'; messageId: string; index: number }
  /** Save an image the answer returned as a remote URL (`message.imageLinks[index]`): the host fetches it now, on this click only. */
  | { type: 'saveImageLink'; messageId: string; index: number }
  | { type: 'toolDecision'; callId: string; approved: boolean; reason: string; allowForConversation: boolean }
  | { type: 'openFile'; path: string }
  /** The request inspector for an answer: what went over the wire, in an editor beside the panel. */
  | { type: 'inspect'; messageId: string }
  /** The request behind an answer as a curl command on the clipboard (the key never in it). */
  | { type: 'copyCurl'; messageId: string }
  /** The user picked one of an answer's `n` candidates to continue the conversation with. */
  | { type: 'chooseCandidate'; messageId: string; index: number }
  /** "Restore checkpoint" under an answer: the host asks how (files only, or with a rewind) and restores. */
  | { type: 'restoreCheckpoint'; messageId: string }
  /** The Instructions editor changed: the conversation's own instructions (empty: none). */
  | { type: 'setInstructions'; text: string }
  /** Expand a summary back: its original messages are sent to the model again. */
  | { type: 'undoSummary'; messageId: string };

export type HostToWebview =
  | { type: 'init'; locale: string; strings: Record<string, string>; version: string }
  | { type: 'setup'; endpoints: EndpointSummary[] }
  | { type: 'models'; groups: ModelGroup[]; current: string }
  /** `earlier`: how many older messages are not in `conversation.messages` yet; they follow as `earlierMessages`. */
  | { type: 'conversation'; conversation: ConversationRecord; busy: boolean; earlier?: number }
  /** The messages just before the oldest the panel has of this conversation (src/shared/conversationPieces.ts). */
  | { type: 'earlierMessages'; conversationId: string; messages: MessageRecord[] }
  | { type: 'delta'; messageId: string; content: string; reasoning: string; choice?: number }
  | { type: 'message'; message: MessageRecord; busy: boolean }
  | { type: 'retryWait'; messageId: string; attempt: number; waitMs: number; error: ErrorInfo }
  | { type: 'history'; entries: HistoryEntry[]; query: string }
  | { type: 'composer'; text: string; attachments: Attachment[] }
  | { type: 'attachments'; attachments: Attachment[] }
  | { type: 'fileSuggestions'; query: string; items: FileSuggestion[] }
  | { type: 'connectionResult'; ok: boolean; message: string }
  | { type: 'newChat' }
  /** The current model's exact gatewayChat.models entry, and each glob entry that also applies (read-only). */
  | { type: 'modelSettings'; model: string; entry: ModelSettings; inherited: { source: string; settings: ModelSettings }[]; saved: boolean }
  /** The conversation's request options changed on the host's side (a schema was picked). */
  | { type: 'options'; options: RequestOptions }
  /** What the next request would take of the model's window (tokens, calibrated); no `used`: nothing to show. */
  | { type: 'contextMeter'; used?: number; window?: number }
  | { type: 'balance'; balance: BalanceView | null };

export { parseWebviewMessage } from './protocolValidation';

export { assertNever } from './assertNever';

/** What is left on the relay key of the current model's endpoint (one-api / new-api billing endpoints). */
export interface BalanceView {
  remaining?: number;
  unlimited?: boolean;
  currency: string;
}
