import type { ConversationRecord } from '../../shared/conversation';
import { errorHeadline, errorDetail, inEnglish } from '../../shared/errorText';
import { attachmentText } from '../request/packaging';

/** A conversation as a readable Markdown document. */
export function conversationToMarkdown(c: ConversationRecord): string {
  const out = [`# ${c.title || 'Conversation'}`, '', `_${new Date(c.createdAt).toISOString()}${c.model ? ` · ${c.model}` : ''}_`, ''];
  // What the model was told for this conversation is part of reading it back.
  if (c.instructions?.trim()) out.push('<details><summary>Instructions</summary>', '', c.instructions.trim(), '', '</details>', '');
  for (const m of c.messages) {
    out.push(m.role === 'user' ? '## You' : `## ${m.model ?? 'Assistant'}`, '');
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
