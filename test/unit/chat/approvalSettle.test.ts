// A tool call waiting for approval is a saved state of the call, and every way a turn can end while
// it waits settles it as rejected: Stop, a new chat, opening another conversation, a reload.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import type { ToolHost } from '../../../src/chat/turn/toolRunner';
import type { StreamingClient } from '../../../src/chat/turn/turn';
import type { ChatEvent } from '../../../src/llm/types';
import type { ConversationRecord } from '../../../src/shared/conversation';
import type { HostToWebview } from '../../../src/shared/protocol';
import { defaultRegistry } from '../../../src/tools';
import { FakeWorkspacePort, tempDir, writeTree } from '../tools/fakePort';
import { fakePlan } from './planFake';

const deleteCall = { id: 'd1', name: 'delete_file', arguments: '{"path":"a.txt"}' };

function setup() {
  const workspace = tempDir();
  writeTree(workspace, { 'a.txt': 'keep me\n' });
  const client: StreamingClient = {
    stream: () => (async function* (): AsyncGenerator<ChatEvent> {
      yield { type: 'text', choice: 0, text: 'I will delete it.' };
      yield { type: 'done', response: { id: 'r', model: 'm', usage: null, choices: [{
        index: 0, content: 'I will delete it.', reasoning: '', finishReason: 'tool_calls', annotations: [], images: [], logprobs: null,
        toolCalls: [{ ...deleteCall, parsed: JSON.parse(deleteCall.arguments) }],
      }] } };
    })(),
  };
  let asked!: () => void;
  const waiting = new Promise<void>((r) => (asked = r));
  // Like the host's ToolApprovals: nobody clicks, and an aborted turn settles the question as "no".
  const host: ToolHost = {
    port: new FakeWorkspacePort(workspace),
    requestApproval: (_r, signal) => new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve({ approved: false }), { once: true });
      asked();
    }),
  };
  const root = tempDir('history-');
  const store = new HistoryStore(root);
  const posted: HostToWebview[] = [];
  let n = 0;
  const session = new ChatSession({
    store, post: (m) => posted.push(structuredClone(m)), newId: () => `id${++n}`, now: () => n,
    planTurn: async () => fakePlan(client, 'gw/m', { tools: { tools: defaultRegistry().toolDefinitions() } }),
    toolHost: host,
  });
  return { session, store, root, posted, waiting, workspace };
}

const lastCall = (c: ConversationRecord | undefined) => c?.messages.flatMap((m) => m.toolCalls ?? []).at(-1);

describe('approval as a state of the tool call', () => {
  it('is on disk while it waits: the prompt, the answer so far and the pending call with what it asks', async () => {
    const { session, root, waiting } = setup();
    const turn = session.send('Delete a.txt', []);
    await waiting;
    const saved = await new HistoryStore(root).load(session.conversation.id);
    assert.deepEqual(saved?.messages.map((m) => [m.role, m.content]), [['user', 'Delete a.txt'], ['assistant', 'I will delete it.']]);
    assert.equal(lastCall(saved)?.state, 'pending');
    assert.equal(lastCall(saved)?.approval?.kind, 'delete');
    assert.equal(lastCall(saved)?.approval?.summary, 'a.txt');
    session.stop();
    await turn;
  });

  for (const [how, end] of [
    ['Stop', (s: ChatSession) => s.stop()],
    ['a new chat', (s: ChatSession) => void s.newChat()],
  ] as const) {
    it(`${how} settles it as rejected, saved and shown, and nothing runs`, async () => {
      const { session, store, posted, waiting, workspace } = setup();
      const id = session.conversation.id;
      const turn = session.send('Delete a.txt', []);
      await waiting;
      end(session);
      await turn;
      const saved = await store.load(id);
      const call = lastCall(saved);
      assert.equal(call?.state, 'rejected');
      assert.equal(call?.approval, undefined, 'no question is left to answer');
      assert.match(call?.result ?? '', /stopped before it was approved/);
      const shown = posted.filter((p): p is Extract<HostToWebview, { type: 'message' }> => p.type === 'message').at(-1);
      assert.equal(shown?.message.toolCalls?.[0].state, 'rejected');
      assert.equal(fs.readFileSync(path.join(workspace, 'a.txt'), 'utf8'), 'keep me\n', 'the file was not deleted');
    });
  }

  it('opening another conversation settles it too', async () => {
    const { session, store, waiting } = setup();
    const other: ConversationRecord = { version: 1, id: 'other', title: 'Other', createdAt: 0, updatedAt: 0, messages: [] };
    await store.save(other);
    const id = session.conversation.id;
    const turn = session.send('Delete a.txt', []);
    await waiting;
    assert.equal(await session.open('other'), true);
    await turn;
    assert.equal(lastCall(await store.load(id))?.state, 'rejected');
    assert.equal(session.conversation.id, 'other');
  });

  it('after a reload the saved question is settled as rejected when the conversation opens', async () => {
    const { session, root, waiting } = setup();
    const id = session.conversation.id;
    void session.send('Delete a.txt', []);
    await waiting;
    // The window went away here: a new session on the same storage opens what was saved.
    const after = new ChatSession({ store: new HistoryStore(root), post: () => undefined, newId: () => 'x', now: () => 0, planTurn: async () => { throw new Error('not sent'); } });
    assert.equal(await after.open(id), true);
    const call = lastCall(after.conversation);
    assert.equal(call?.state, 'rejected');
    assert.equal(call?.approval, undefined);
    assert.match(call?.result ?? '', /closed before it was approved/);
    session.stop();
  });

  it('reads a conversation saved with the old config error shape', async () => {
    const root = tempDir('history-');
    const store = new HistoryStore(root);
    const old = { version: 1, id: 'old', title: 't', createdAt: 0, updatedAt: 0, messages: [
      { id: 'u', role: 'user', content: 'hi', status: 'complete', createdAt: 0 },
      { id: 'a', role: 'assistant', content: '', status: 'error', createdAt: 0, error: { kind: 'config', code: 'noKey', message: 'relay' } },
    ] } as unknown as ConversationRecord;
    await store.save(old);
    const s = new ChatSession({ store, post: () => undefined, newId: () => 'x', now: () => 0, planTurn: async () => { throw new Error('not sent'); } });
    assert.equal(await s.open('old'), true);
    assert.deepEqual(s.conversation.messages[1].error, { kind: 'config', reason: 'noKey', endpointId: 'relay' });
  });
});
