// Conversations saved by earlier versions, brought to today's shape when they are opened.
import type { ConfigErrorInfo, ContextSource, ConversationRecord, MessageRecord } from '../../shared/conversation';

/** Files from before instructions existed have none; a hand-edited one with a non-string loses it. */
export function normalizeConversation(c: ConversationRecord): void {
  if (c.instructions !== undefined && typeof c.instructions !== 'string') delete c.instructions;
}

const isSource = (s: unknown): s is ContextSource => {
  const v = s as Partial<Record<string, unknown>> | null;
  if (typeof v !== 'object' || v === null) return false;
  if (v.kind === 'prompt') return typeof v.text === 'string' && ['global', 'model', 'conversation'].includes(String(v.origin));
  if (v.kind === 'rule') return typeof v.path === 'string';
  return v.kind === 'attachment' && typeof v.label === 'string' && (v.path === undefined || typeof v.path === 'string');
};

/** Config errors were `{ kind: 'config', code, message }` with their data in `message`. Sources the panel cannot show are dropped. */
export function normalizeMessage(m: MessageRecord): void {
  if (m.sources !== undefined) {
    const kept = Array.isArray(m.sources) ? m.sources.filter(isSource) : [];
    if (kept.length) m.sources = kept;
    else delete m.sources;
  }
  const e = m.error as (Partial<ConfigErrorInfo> & { kind?: string; code?: string; message?: string }) | undefined;
  if (e?.kind !== 'config' || e.reason) return;
  const data = String(e.message ?? '');
  switch (e.code) {
    case 'noKey': case 'badUrl': case 'noEndpoint':
      m.error = { kind: 'config', reason: e.code, endpointId: data };
      break;
    case 'maxSteps':
      m.error = { kind: 'config', reason: 'maxSteps', steps: Number(data) || 0 };
      break;
    default:
      m.error = { kind: 'config', reason: 'noModel' };
  }
}
