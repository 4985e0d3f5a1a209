// Conversations saved by earlier versions, brought to today's shape when they are opened.
import type { ConfigErrorInfo, MessageRecord } from '../../shared/conversation';

/** Config errors were `{ kind: 'config', code, message }` with their data in `message`. */
export function normalizeMessage(m: MessageRecord): void {
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
