// A conversation goes to the panel as its newest messages first, then older batches, newest batch
// first: put back together they are the conversation, in order, each message once.
import assert from 'node:assert/strict';
import type { ConversationRecord, MessageRecord } from '../../../src/shared/conversation';
import { conversationPieces, PIECE_LIMITS } from '../../../src/shared/conversationPieces';
import type { HostToWebview } from '../../../src/shared/protocol';

function conversation(count: number, text = (i: number) => `message ${i}`): ConversationRecord {
  const messages = Array.from({ length: count }, (_, i): MessageRecord => ({
    id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: text(i), createdAt: i, status: 'complete',
  } as MessageRecord));
  return { id: 'c1', title: 't', createdAt: 0, updatedAt: 0, messages } as ConversationRecord;
}

/** What the panel ends up with: the first piece's messages, each batch put before them. */
function reassemble(pieces: HostToWebview[]): { ids: string[]; announced: number } {
  const [first, ...rest] = pieces;
  assert.equal(first.type, 'conversation');
  if (first.type !== 'conversation') throw new Error('unreachable');
  let ids = first.conversation.messages.map((m) => m.id);
  for (const p of rest) {
    assert.equal(p.type, 'earlierMessages');
    if (p.type !== 'earlierMessages') throw new Error('unreachable');
    assert.equal(p.conversationId, 'c1');
    assert.ok(p.messages.length > 0);
    ids = [...p.messages.map((m) => m.id), ...ids];
  }
  return { ids, announced: first.conversation.messages.length + (first.earlier ?? 0) };
}

describe('shared: a conversation in pieces', () => {
  it('a short conversation is one piece, the record itself', () => {
    const c = conversation(PIECE_LIMITS.firstMessages);
    const pieces = conversationPieces(c, true);
    assert.deepEqual(pieces, [{ type: 'conversation', conversation: c, busy: true }]);
  });

  it('2,000 messages: the newest first, then batches of older ones, newest batch first, all of them once', () => {
    const c = conversation(2000);
    const pieces = conversationPieces(c, false);
    const first = pieces[0];
    assert.ok(first.type === 'conversation');
    assert.equal(first.conversation.messages.length, PIECE_LIMITS.firstMessages);
    assert.equal(first.earlier, 2000 - PIECE_LIMITS.firstMessages);
    assert.equal(first.conversation.id, 'c1');
    assert.equal(pieces.length, 1 + Math.ceil((2000 - PIECE_LIMITS.firstMessages) / PIECE_LIMITS.batchMessages));
    const { ids, announced } = reassemble(pieces);
    assert.deepEqual(ids, c.messages.map((m) => m.id));
    assert.equal(announced, 2000);
    assert.equal(c.messages.length, 2000, 'the record itself is not cut');
  });

  it('big messages make smaller pieces, and one bigger than a piece still travels, alone', () => {
    const c = conversation(30, (i) => (i === 27 ? 'x'.repeat(PIECE_LIMITS.pieceChars * 2) : 'y'.repeat(20_000)));
    const pieces = conversationPieces(c, false);
    const sizes = pieces.map((p) => (p.type === 'conversation' ? p.conversation.messages.length : p.type === 'earlierMessages' ? p.messages.length : 0));
    assert.deepEqual(sizes.slice(0, 2), [2, 1], 'the two newest, then the big one alone');
    assert.ok(sizes.slice(2).every((n) => n <= Math.ceil(PIECE_LIMITS.pieceChars / 20_000)));
    assert.deepEqual(reassemble(pieces).ids, c.messages.map((m) => m.id));
  });
});
