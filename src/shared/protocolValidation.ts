// Validation of what the webview sends. The webview renders model output, so the host treats
// every message as untrusted input: exact keys, exact types, bounded sizes.
import type { WebviewToHost } from './protocol';
import { isFormSettings } from './modelSettingsShape';
import { validTimeout } from './endpointTimeouts';

type Check = (v: unknown) => boolean;

const MAX_TEXT = 2_000_000;
/** The conversation's instructions go with every request: a bound well above any hand-written text. */
export const MAX_INSTRUCTIONS = 100_000;
const str: Check = (v) => typeof v === 'string' && v.length <= MAX_TEXT;
const shortStr: Check = (v) => typeof v === 'string' && v.length <= 2048;
const oneOf = (...options: string[]): Check => (v) => typeof v === 'string' && options.includes(v);
const optional = (c: Check): Check => (v) => v === undefined || c(v);
const stringMap: Check = (v) =>
  isRecord(v) && Object.keys(v).length <= 64 && Object.values(v).every((x) => typeof x === 'string' && x.length <= 8192);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shape(fields: Record<string, Check>): Check {
  return (v) => {
    if (!isRecord(v)) return false;
    for (const k of Object.keys(v)) if (!Object.hasOwn(fields, k)) return false;
    return Object.entries(fields).every(([k, c]) => c(v[k]));
  };
}

const nonNegative: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const MAX_DOCUMENT = 45_000_000;
/** What a data: URL may carry per kind: raster images, documents a model reads, wav / mp3 audio. */
const dataUrlOf: Record<string, RegExp> = {
  image: /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*$/,
  document: /^data:[a-z]+\/[a-z0-9.+-]{1,100};base64,[A-Za-z0-9+/=]*$/,
  audio: /^data:audio\/(wav|x-wav|wave|mpeg|mp3);base64,[A-Za-z0-9+/=]*$/,
};
const httpsUrl: Check = (v) => typeof v === 'string' && v.length <= 2048 && /^https:\/\/[^\s/?#]+[^\s]*$/i.test(v);
const attachmentShape = shape({
  kind: oneOf('selection', 'file', 'image', 'document', 'audio'),
  label: shortStr,
  path: optional(shortStr),
  startLine: optional(nonNegative),
  endLine: optional(nonNegative),
  language: optional(shortStr),
  text: optional(str),
  dataUrl: optional((v) => typeof v === 'string' && v.length < MAX_DOCUMENT),
  url: optional(httpsUrl),
  detail: optional(oneOf('auto', 'low', 'high')),
});
const attachment: Check = (v) => {
  if (!attachmentShape(v)) return false;
  const a = v as { kind: string; dataUrl?: string; url?: string };
  if (a.url !== undefined && a.kind !== 'image') return false;
  if (a.dataUrl === undefined) return a.kind !== 'document' && a.kind !== 'audio';
  return !!dataUrlOf[a.kind]?.test(a.dataUrl) && (a.kind === 'document' || a.dataUrl.length < 30_000_000);
};
const attachments: Check = (v) => Array.isArray(v) && v.length <= 32 && v.every(attachment);
// The option bar's RequestOptions. A schema coming back from the panel is only ever the one the host
// sent (the host keeps its own copy); the size bound keeps a hostile one cheap to reject.
const intIn = (min: number, max: number): Check => (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const jsonOption: Check = (v) => shape({ mode: oneOf('object') })(v) || shape({
  mode: oneOf('schema'), name: shortStr, source: optional(shortStr),
  schema: (s) => isRecord(s) && jsonSize(s) <= 512_000,
})(v);
/** Characters as JSON; a cycle (structured clone allows them) or absurd depth counts as too big. */
function jsonSize(v: unknown): number {
  try {
    return JSON.stringify(v).length;
  } catch {
    return Infinity;
  }
}
const requestOptions = shape({
  json: optional(jsonOption),
  webSearch: optional(shape({ contextSize: oneOf('low', 'medium', 'high') })),
  image: optional(shape({ aspectRatio: optional((v) => typeof v === 'string' && /^\d{1,2}:\d{1,2}$/.test(v)), imageSize: optional(oneOf('1K', '2K', '4K')) })),
  n: optional(intIn(1, 8)),
  logprobs: optional(shape({ top: intIn(0, 20) })),
});
/** An exact `<endpointId>/<modelId>`: the form never writes a glob entry. */
const modelKey: Check = (v) => shortStr(v) && /^[^/*]+\/[^*]+$/.test(v as string);
const endpoint = shape({
  id: (v) => shortStr(v) && !(v as string).includes('/') && (v as string).length > 0, name: shortStr, baseUrl: shortStr, headers: stringMap,
  timeoutMs: optional(validTimeout), idleTimeoutMs: optional(validTimeout),
});

const messages: { [K in WebviewToHost['type']]: Record<string, Check> } = {
  ready: {},
  send: { text: str, attachments },
  stop: {},
  deltaAck: { count: optional(intIn(1, 1_000_000)) },
  retry: { messageId: shortStr },
  continue: { messageId: shortStr },
  regenerate: { messageId: shortStr },
  edit: { messageId: shortStr, text: str },
  newChat: {},
  selectModel: { model: shortStr },
  refreshModels: {},
  refreshBalance: {},
  history: { query: shortStr },
  openConversation: { id: shortStr },
  renameConversation: { id: shortStr },
  deleteConversation: { id: shortStr },
  copy: { text: str },
  insertCode: { code: str },
  applyCode: { code: str, language: shortStr },
  saveCode: { code: str, language: shortStr },
  openLink: { href: shortStr },
  attach: { kind: oneOf('selection', 'file', 'image', 'document', 'audio', 'imageUrl') },
  searchFiles: { query: shortStr },
  attachFile: { path: shortStr },
  saveEndpoint: { endpoint },
  setApiKey: { endpointId: shortStr },
  testConnection: { endpoint },
  draft: { text: str },
  openModelSettings: {},
  saveModelSettings: { model: modelKey, settings: isFormSettings },
  setOptions: { options: requestOptions },
  pickSchema: {},
  saveImage: { messageId: shortStr, index: intIn(0, 255) },
  saveImageLink: { messageId: shortStr, index: intIn(0, 255) },
  toolDecision: { callId: shortStr, approved: (v) => typeof v === 'boolean', reason: shortStr, allowForConversation: (v) => typeof v === 'boolean' },
  openFile: { path: shortStr },
  inspect: { messageId: shortStr },
  copyCurl: { messageId: shortStr },
  chooseCandidate: { messageId: shortStr, index: (v) => nonNegative(v) && (v as number) < 128 },
  restoreCheckpoint: { messageId: shortStr },
  setInstructions: { text: (v) => typeof v === 'string' && v.length <= MAX_INSTRUCTIONS },
  undoSummary: { messageId: shortStr },
};

/** Returns the message if it is a well-formed WebviewToHost, otherwise undefined. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string' || !Object.hasOwn(messages, raw.type)) return undefined;
  const fields = messages[raw.type as WebviewToHost['type']];
  return shape({ ...fields, type: () => true })(raw) ? (raw as WebviewToHost) : undefined;
}
