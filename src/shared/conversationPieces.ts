// A long conversation travels to the panel in pieces: its newest messages in the `conversation`
// message the panel paints from, then the older ones in `earlierMessages` batches, newest batch
// first. Sent whole, a 2,000-message conversation was one 1 MB message: serialised in the extension
// host, parsed again on the workbench's renderer thread (the thread the panel shares) and cloned into
// the webview before anything showed, most of the time to open it (bench/long-conversation.ts).
import type { ConversationRecord, MessageRecord } from './conversation';
import type { HostToWebview } from './protocol';

export interface PieceLimits {
  /** Messages in the first piece: more than the panel renders before its first paint. */
  firstMessages: number;
  /** Messages in each later batch. */
  batchMessages: number;
  /** About this many characters of text per piece (a piece always carries at least one message). */
  pieceChars: number;
}

export const PIECE_LIMITS: PieceLimits = { firstMessages: 40, batchMessages: 200, pieceChars: 128 * 1024 };

/** Roughly what a message weighs on the wire: its texts, tool calls, candidates and attachments. */
function weight(m: MessageRecord): number {
  let n = 200 + (m.content?.length ?? 0) + (m.reasoning?.length ?? 0);
  for (const c of m.toolCalls ?? []) n += (c.arguments?.length ?? 0) + (c.result?.length ?? 0);
  for (const c of m.candidates ?? []) n += (c.content?.length ?? 0) + (c.reasoning?.length ?? 0);
  for (const a of m.attachments ?? []) n += (a.text?.length ?? 0) + (a.dataUrl?.length ?? 0);
  return n;
}

/** Takes messages from the end of `messages[0, end)` while the piece has room; returns where the piece starts. */
function pieceStart(messages: readonly MessageRecord[], end: number, count: number, chars: number): number {
  let start = end;
  let weighed = 0;
  while (start > 0 && end - start < count) {
    weighed += weight(messages[start - 1]);
    if (start < end && weighed > chars) break;
    start--;
  }
  return start;
}

/** The messages that show `conversation`, in the order to post them. A short conversation is one piece. */
export function conversationPieces(conversation: ConversationRecord, busy: boolean, limits: PieceLimits = PIECE_LIMITS): HostToWebview[] {
  const { messages } = conversation;
  const first = pieceStart(messages, messages.length, limits.firstMessages, limits.pieceChars);
  if (first === 0) return [{ type: 'conversation', conversation, busy }];
  const pieces: HostToWebview[] = [{ type: 'conversation', conversation: { ...conversation, messages: messages.slice(first) }, busy, earlier: first }];
  for (let end = first; end > 0;) {
    const start = pieceStart(messages, end, limits.batchMessages, limits.pieceChars);
    pieces.push({ type: 'earlierMessages', conversationId: conversation.id, messages: messages.slice(start, end) });
    end = start;
  }
  return pieces;
}
