// The conversation's instructions and the sources of an answer, through the session and the store.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import type { ChatEvent, ChatRequest } from '../../../src/llm/types';
import type { HostToWebview } from '../../../src/shared/protocol';
import { fakePlan } from './planFake';
import { conversationToMarkdown } from '../../../src/chat/storage/exportMarkdown';

describe('ChatSession: conversation instructions and what went along', () => {
  function setup() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-instructions-'));
    const store = new HistoryStore(dir, { debounceMs: 5 });
    const requests: ChatRequest[] = [];
    const posts: HostToWebview[] = [];
    let n = 0;
    const session = new ChatSession({
      store,
      post: (m) => posts.push(structuredClone(m)),
      planTurn: async () => fakePlan({
        stream: (req) => {
          requests.push(structuredClone(req));
          return (async function* (): AsyncGenerator<ChatEvent> {
            yield { type: 'text', choice: 0, text: 'ok' };
            yield { type: 'done', response: { id: 'r', model: 'm', choices: [], usage: null } };
          })();
        },
      }, 'relay/m', { instructions: { prompts: [{ origin: 'global', text: 'GLOBAL' }], rules: [{ path: 'AGENTS.md', text: 'RULES', truncated: false }] } }),
      newId: () => `id${++n}`,
      now: () => 1000 + n,
    });
    return { session, requests, posts, store, dir };
  }

  it('sends the instructions after the prompt and before the rules, and saves them and the sources', async () => {
    const { session, requests, posts, store } = setup();
    session.setInstructions('Answer in French.');
    const answer = (await session.send('Hi', []))!;
    assert.deepEqual(requests[0].messages[0], { role: 'system', content: 'GLOBAL\n\nInstructions for this conversation:\n\nAnswer in French.\n\nRules from AGENTS.md:\n\nRULES' });
    assert.deepEqual(answer.sources?.map((s) => s.kind), ['prompt', 'prompt', 'rule']);
    const saved = await store.load(session.conversation.id);
    assert.equal(saved?.instructions, 'Answer in French.');
    assert.deepEqual(saved?.messages[1].sources, answer.sources);
    // The chips show while the answer streams: the panel gets the message with its sources before it settles.
    assert.ok(posts.some((p) => p.type === 'message' && p.busy && p.message.id === answer.id && p.message.sources?.length));
  });

  it('a new chat from the same view keeps the instructions; clearing them sends none', async () => {
    const { session, requests } = setup();
    session.setInstructions('Be terse.');
    await session.send('One', []);
    await session.newChat();
    assert.equal(session.conversation.instructions, 'Be terse.');
    session.setInstructions('   ');
    assert.equal('instructions' in session.conversation, false);
    await session.send('Two', []);
    assert.doesNotMatch(String(requests[1].messages[0].content), /Instructions for this conversation/);
  });

  it('an old file (no instructions, odd sources) opens cleanly', async () => {
    const { session, dir } = setup();
    const id = 'old-one';
    fs.mkdirSync(path.join(dir, 'conversations'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'conversations', `${id}.json`), JSON.stringify({
      version: 1, id, title: 'Old', createdAt: 1, updatedAt: 2, instructions: 42,
      messages: [
        { id: 'u', role: 'user', content: 'Hi', status: 'complete', createdAt: 1 },
        { id: 'a', role: 'assistant', content: 'Yo', status: 'complete', createdAt: 2, sources: [{ kind: 'rule', path: 'AGENTS.md' }, { kind: 'weird' }, null] },
      ],
    }));
    assert.equal(await session.open(id), true);
    assert.equal('instructions' in session.conversation, false);
    assert.deepEqual(session.conversation.messages[1].sources, [{ kind: 'rule', path: 'AGENTS.md' }]);
  });

  it('an export carries the instructions', async () => {
    const { session } = setup();
    session.setInstructions('Use metric units.');
    await session.send('How far?', []);
    assert.match(conversationToMarkdown(session.conversation), /<summary>Instructions<\/summary>\n\nUse metric units\./);
  });
});
