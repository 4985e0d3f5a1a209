import type { ConversationRecord } from '../../shared/conversation';
import { errorHeadline, errorDetail, inEnglish } from '../../shared/errorText';
import { attachmentText } from '../request/packaging';

/** A conversation as a readable Markdown document. */
export function conversationToMarkdown(c: ConversationRecord): string {
  const out = [`# ${c.title || 'Conversation'}`, '', `_${new Date(c.createdAt).toISOString()}${c.model ? ` · ${c.model}` : ''}_`, ''];
  // What the model was told for this conversation is part of reading it back.
  if (c.instructions?.trim()) out.push('<details><summary>Instructions</summary>', '', c.instructions.trim(), '', '</details>', '');
  for (const m of c.messages) {
    // Compaction: the originals stay in exports, marked; a summary says what it stood in for.
    if (m.summary) out.push(`## Summary of ${m.summary.messages} earlier messages${m.summary.undone ? ' (undone)' : ''} · ${m.model ?? 'Assistant'}`, '');
    else out.push(m.role === 'user' ? '## You' : `## ${m.model ?? 'Assistant'}`, '');
    if (m.summarisedBy) out.push('_(summarised: a summary is sent instead of this message)_', '');
    if (m.reasoning) out.push('<details><summary>Reasoning</summary>', '', m.reasoning, '', '</details>', '');
    if (m.content) out.push(m.content, '');
    for (const a of m.attachments ?? []) {
      const text = attachmentText(a);
      out.push(text ?? `[${a.kind}: ${a.label}]`, '');
    }
    if (m.status !== 'complete') out.push(`_(${m.status}${m.error ? `: ${errorDetail(m.error) || errorHeadline(m.error, inEnglish)}` : ''})_`, '');
  }
  return out.join('\n');
}
