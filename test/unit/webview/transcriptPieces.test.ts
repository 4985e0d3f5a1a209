// The transcript shows a long conversation from its newest messages while the older ones are still
// arriving: every placeholder stands from the start, and once every batch arrived the list is the
// whole conversation in order, each message once, whatever else happened meanwhile.
import assert from 'node:assert/strict';
import { useWebviewWindow } from './webviewGlobals';
import type { ConversationRecord, MessageRecord } from '../../../src/shared/conversation';
import { conversationPieces } from '../../../src/shared/conversationPieces';
import { ESTIMATED_MESSAGE_PX } from '../../../src/webview/transcript/messageBacklog';
import { CodeActions } from '../../../src/webview/transcript/codeActions';
import { Transcript } from '../../../src/webview/transcript/transcript';

const limits = { firstMessages: 6, batchMessages: 10, pieceChars: 1_000_000 };
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ok(), 'timed out');
};

function conversation(id: string, count: number): ConversationRecord {
  const messages = Array.from({ length: count }, (_, i): MessageRecord => ({
    id: `${id}-m${i}`, role: i % 2 ? 'assistant' : 'user', content: `message ${i} of ${id}`, createdAt: i, status: 'complete',
  } as MessageRecord));
  return { id, title: id, createdAt: 0, updatedAt: 0, messages } as ConversationRecord;
}

describe('webview: a conversation shown in pieces', () => {
  const window = useWebviewWindow();
  let transcript: Transcript;
  const shown = () => [...window.document.querySelectorAll<HTMLElement>('[data-testid="message"]')].map((m) => m.dataset.id);
  /** How many messages the spacer stands for (0: no spacer). */
  const placeholders = () => {
    const spacer = window.document.querySelector<HTMLElement>('.message-placeholder');
    return spacer ? parseInt(spacer.style.height, 10) / ESTIMATED_MESSAGE_PX : 0;
  };

  beforeEach(() => {
    transcript = new Transcript(new CodeActions());
    window.document.body.append(transcript.root);
  });

  it('paints the newest, keeps room for the rest, and ends with all 45 in order', async () => {
    const c = conversation('c1', 45);
    const [first, ...batches] = conversationPieces(c, false, limits);
    assert.ok(first.type === 'conversation');
    transcript.show(first.conversation, first.earlier);
    assert.equal(shown().length + placeholders(), 45, 'every message has its place from the start');
    assert.deepEqual(shown(), c.messages.slice(-6).map((m) => m.id), 'the newest rendered at once');
    for (const b of batches) if (b.type === 'earlierMessages') transcript.earlier(b.conversationId, b.messages);
    await until(() => placeholders() === 0);
    assert.deepEqual(shown(), c.messages.map((m) => m.id));
  });

  it('a new answer while the older messages arrive goes at the end; batches of another conversation are ignored', async () => {
    const c = conversation('c2', 30);
    const [first, ...batches] = conversationPieces(c, false, limits);
    assert.ok(first.type === 'conversation');
    transcript.show(first.conversation, first.earlier);
    const answer = { id: 'c2-new', role: 'assistant', content: 'new', createdAt: 99, status: 'complete' } as MessageRecord;
    transcript.upsert(answer);
    transcript.earlier('another', conversation('another', 5).messages);
    for (const b of batches) if (b.type === 'earlierMessages') transcript.earlier(b.conversationId, b.messages);
    await until(() => placeholders() === 0);
    assert.deepEqual(shown(), [...c.messages.map((m) => m.id), 'c2-new']);
  });

  it('another conversation opened before the batches arrived: they do not land in it', async () => {
    const c = conversation('c3', 30);
    const [first, ...batches] = conversationPieces(c, false, limits);
    assert.ok(first.type === 'conversation');
    transcript.show(first.conversation, first.earlier);
    const other = conversation('c4', 3);
    transcript.show(other);
    for (const b of batches) if (b.type === 'earlierMessages') transcript.earlier(b.conversationId, b.messages);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(shown(), other.messages.map((m) => m.id));
    assert.equal(placeholders(), 0);
  });
});
