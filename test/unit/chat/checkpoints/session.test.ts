// The session takes a checkpoint for each answer whose tools write, keyed to the answer and its
// prompt, shows the changed files on the answer, and can rewind the conversation to the prompt.
import assert from 'node:assert/strict';
import { HistoryStore } from '../../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../../src/chat/turn/session';
import type { StreamingClient } from '../../../../src/chat/turn/turn';
import type { ChatEvent } from '../../../../src/llm/types';
import type { HostToWebview } from '../../../../src/shared/protocol';
import { defaultRegistry } from '../../../../src/tools';
import { fakePlan } from '../planFake';
import { tempDir } from '../../tools/fakePort';
import { workspace } from './helpers';

type Step = { content?: string; calls?: { id: string; name: string; args: unknown }[] };

function scripted(steps: Step[]): StreamingClient {
  let n = 0;
  return {
    stream: () => {
      const step = steps[n++] ?? { content: 'done' };
      return (async function* (): AsyncGenerator<ChatEvent> {
        if (step.content) yield { type: 'text', choice: 0, text: step.content };
        yield { type: 'done', response: { id: 'r', model: 'm', usage: null, choices: [{
          index: 0, content: step.content ?? '', reasoning: '', finishReason: step.calls ? 'tool_calls' : 'stop', annotations: [], images: [], logprobs: null,
          toolCalls: (step.calls ?? []).map((c) => ({ id: c.id, name: c.name, arguments: JSON.stringify(c.args), parsed: c.args })),
        }] } };
      })();
    },
  };
}

function setup(steps: Step[]) {
  const ws = workspace({ 'a.ts': 'a1\n', 'gone.ts': 'g\n' });
  const posted: HostToWebview[] = [];
  let n = 0;
  const client = scripted(steps);
  const session = new ChatSession({
    store: new HistoryStore(tempDir('ckpt-history-')), post: (m) => posted.push(m), newId: () => `id${++n}`, now: () => n,
    planTurn: async () => fakePlan(client, 'gw/m', { tools: { tools: defaultRegistry().toolDefinitions() } }),
    toolHost: { port: ws.port, requestApproval: async () => ({ approved: true }) },
    checkpoints: ws.store,
  });
  return { ws, session, posted };
}

describe('checkpoints: in the session', () => {
  it('each answer that wrote has a checkpoint under its own id and lists its files; the others none', async () => {
    const { ws, session } = setup([
      { calls: [{ id: 'r', name: 'read_file', args: { path: 'a.ts' } }] },
      { calls: [{ id: 'e', name: 'edit_file', args: { path: 'a.ts', edits: [{ search: 'a1', replace: 'a2' }] } }, { id: 'd', name: 'delete_file', args: { path: 'gone.ts' } }] },
      { content: 'Done.' },
    ]);
    await session.send('Change things', []);
    const [prompt, reading, writing, final] = session.conversation.messages;
    assert.equal(reading.checkpoint, undefined);
    assert.equal(final.checkpoint, undefined);
    assert.deepEqual(writing.checkpoint, { files: [{ path: 'a.ts', change: 'edited' }, { path: 'gone.ts', change: 'deleted' }] });
    const kept = await ws.store.ofConversation(session.conversation.id);
    assert.deepEqual(kept.map((c) => [c.id, c.promptId]), [[writing.id, prompt.id]]);
  });

  it('a rewind keeps the turn as a branch, drops it from the transcript and gives the prompt back', async () => {
    const { session, posted } = setup([
      { content: 'Hello.' },
      { calls: [{ id: 'c', name: 'create_file', args: { path: 'b.ts', content: 'b' } }] },
      { content: 'Created.' },
    ]);
    await session.send('First', []);
    await session.send('Make b', []);
    const messages = session.conversation.messages;
    const writing = messages.find((m) => m.checkpoint)!;
    assert.equal(session.promptOf(writing.id)?.content, 'Make b');
    session.markRestored([writing.id]);
    assert.equal(writing.checkpoint?.restored, true);
    assert.ok(session.rewind(session.promptOf(writing.id)!.id));
    assert.deepEqual(session.conversation.messages.map((m) => m.content), ['First', 'Hello.']);
    assert.equal(session.conversation.branches?.at(-1)?.some((m) => m.content === 'Make b'), true, 'kept, not lost');
    assert.deepEqual(posted.at(-1), { type: 'composer', text: 'Make b', attachments: [] });
  });
});
