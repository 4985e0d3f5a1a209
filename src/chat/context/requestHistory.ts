// The conversation as requests see it once compacted: messages a summary stands in for are left
// out (they stay in the file and the transcript), an active summary goes to the model as the start
// of the next user message, and messages whose tool results or attachments were cut for room carry
// a stub instead. The saved records are never changed here: copies are.
import type { Attachment, MessageRecord } from '../../shared/conversation';

export const SUMMARY_PREAMBLE = 'Summary of the earlier part of this conversation (the messages themselves were left out to fit the context window):';

export function stubText(chars: number): string {
  return `[Cut to save context: ${chars} characters. Call the tool again if you need it.]`;
}

export function attachmentStub(a: Attachment): Attachment {
  const size = a.text?.length ?? a.dataUrl?.length ?? 0;
  return { kind: a.kind === 'image' ? 'file' : a.kind, label: a.label, ...(a.path ? { path: a.path } : {}), text: `[${a.label}: cut to save context, ${size} characters]` };
}

/** A summary that stands in for its originals (not undone). */
export function isActiveSummary(m: MessageRecord): boolean {
  return !!m.summary && !m.summary.undone && m.status === 'complete' && !!m.content;
}

/** The record with its tool results and attachments cut to stubs. */
export function stubbed(m: MessageRecord): MessageRecord {
  return {
    ...m,
    ...(m.toolCalls ? { toolCalls: m.toolCalls.map((c) => (c.result && c.result.length > 200 ? { ...c, result: stubText(c.result.length) } : c)) } : {}),
    ...(m.attachments ? { attachments: m.attachments.map(attachmentStub) } : {}),
  };
}

/** Whether stubbing the record would change what is sent. */
export function canStub(m: MessageRecord): boolean {
  return !!m.attachments?.length || !!m.toolCalls?.some((c) => (c.result?.length ?? 0) > 200);
}

/**
 * The records a request carries, in order: summarised originals out, each active summary merged
 * into the user message after it, `stubs` (record ids) cut.
 */
export function requestHistory(history: readonly MessageRecord[], stubs?: ReadonlySet<string>): MessageRecord[] {
  const out: MessageRecord[] = [];
  let summary: string | undefined;
  for (const m of history) {
    if (m.summarisedBy) continue;
    if (m.summary) {
      if (isActiveSummary(m)) summary = summary ? `${summary}\n\n${m.content}` : m.content;
      continue;
    }
    const r = stubs?.has(m.id) ? stubbed(m) : m;
    if (summary !== undefined && r.role === 'user') {
      out.push({ ...r, content: `${SUMMARY_PREAMBLE}\n\n${summary}\n\n---\n\n${r.content}` });
      summary = undefined;
    } else {
      if (summary !== undefined) out.push(summaryAsUser(m, summary));
      summary = undefined;
      out.push(r);
    }
  }
  if (summary !== undefined) out.push(summaryAsUser(history[history.length - 1], summary));
  return out;
}

function summaryAsUser(near: MessageRecord | undefined, summary: string): MessageRecord {
  return { id: `${near?.id ?? 'summary'}:summary`, role: 'user', content: `${SUMMARY_PREAMBLE}\n\n${summary}`, status: 'complete', createdAt: near?.createdAt ?? 0 };
}
