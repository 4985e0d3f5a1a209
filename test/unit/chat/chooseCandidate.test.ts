// ChatSession.chooseCandidate: the user picks one of `n` answers and the conversation goes on with it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import { fakePlan } from './planFake';
import type { AssembledChoice, ChatEvent, ChatRequest } from '../../../src/llm/types';
import { parseWebviewMessage, type HostToWebview } from '../../../src/shared/protocol';

type Script = (req: ChatRequest) => AsyncIterable<ChatEvent>;

function setup(script: Script) {
  const store = new HistoryStore(fs.mkdtempSync(path.join(os.tmpdir(), 'session-')), { debounceMs: 5 });
  const posted: HostToWebview[] = [];
  const requests: ChatRequest[] = [];
  let n = 0;
  const session = new ChatSession({
    store,
    post: (m) => posted.push(structuredClone(m)),
    planTurn: async () => fakePlan({ stream: (req) => (requests.push(structuredClone(req)), script(req)) }, 'relay/m'),
    newId: () => `id${++n}`,
    now: () => 1_000 + n,
  });
  session.setOptions({ n: 2 });
  return { session, posted, requests, store };
}

const choice = (index: number, content: string): AssembledChoice => ({
  index, content, reasoning: '', toolCalls: [], finishReason: 'stop', annotations: [], images: [], logprobs: null,
});

/** Two candidates, interleaved as a gateway streams them. */
async function* twoAnswers(a: string, b: string): AsyncGenerator<ChatEvent> {
  yield { type: 'text', choice: 0, text: a };
  yield { type: 'text', choice: 1, text: b };
  yield { type: 'done', response: { id: 'r', model: 'm', choices: [choice(0, a), choice(1, b)], usage: null } };
}

describe('ChatSession.chooseCandidate', () => {
  it('switches the answer to the chosen candidate, saves it and tells the panel', async () => {
    const { session, posted, requests, store } = setup(() => twoAnswers('Use a Map.', 'Use an object.'));
    const answer = await session.send('How do I count words?', []);
    assert.equal(requests[0].n, 2);
    assert.equal(answer?.content, 'Use a Map.');
    posted.length = 0;
    const chosen = session.chooseCandidate(answer!.id, 1);
    assert.equal(chosen?.content, 'Use an object.');
    assert.equal(chosen?.chosen, 1);
    const post = posted.at(-1) as Extract<HostToWebview, { type: 'message' }>;
    assert.equal(post.type, 'message');
    assert.equal(post.message.content, 'Use an object.');
    assert.equal(post.message.chosen, 1);
    assert.equal(post.busy, false);
    await store.flush();
    const saved = await store.load(session.conversation.id);
    assert.equal(saved?.messages[1].content, 'Use an object.');
    assert.equal(saved?.messages[1].chosen, 1);
    assert.deepEqual(saved?.messages[1].candidates?.map((c) => c.content), ['Use a Map.', 'Use an object.'], 'every candidate is kept');
  });

  it('continues the conversation with the chosen text', async () => {
    const { session, requests } = setup(() => twoAnswers('first', 'second'));
    const answer = await session.send('Pick one', []);
    session.chooseCandidate(answer!.id, 1);
    await session.send('Go on', []);
    assert.deepEqual(requests.at(-1)!.messages, [
      { role: 'user', content: 'Pick one' },
      { role: 'assistant', content: 'second' },
      { role: 'user', content: 'Go on' },
    ]);
  });

  it('can switch back to the first candidate', async () => {
    const { session } = setup(() => twoAnswers('first', 'second'));
    const answer = await session.send('Pick one', []);
    session.chooseCandidate(answer!.id, 1);
    assert.equal(session.chooseCandidate(answer!.id, 0)?.content, 'first');
  });

  it('refuses while that answer is still streaming, and refuses what does not exist', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let streaming!: () => void;
    const started = new Promise<void>((r) => (streaming = r));
    const { session, posted } = setup(() => (async function* (): AsyncGenerator<ChatEvent> {
      yield { type: 'text', choice: 0, text: 'A' };
      yield { type: 'text', choice: 1, text: 'B' };
      streaming();
      await gate;
      yield { type: 'done', response: { id: 'r', model: 'm', choices: [choice(0, 'A'), choice(1, 'B')], usage: null } };
    })());
    const sending = session.send('Pick one', []);
    await started;
    const answer = session.conversation.messages[1];
    const before = posted.length;
    assert.equal(session.chooseCandidate(answer.id, 1), undefined, 'not while it streams');
    assert.equal(answer.content, 'A');
    assert.equal(posted.slice(before).filter((p) => p.type === 'message').length, 0);
    release();
    await sending;
    assert.equal(session.chooseCandidate(answer.id, 5), undefined, 'no such candidate');
    assert.equal(session.chooseCandidate(session.conversation.messages[0].id, 0), undefined, 'a user message has none');
    assert.equal(session.chooseCandidate('nope', 1), undefined);
    assert.equal(session.chooseCandidate(answer.id, 1)?.content, 'B', 'once it settled');
  });
});

describe('protocol: chooseCandidate from the panel', () => {
  it('accepts a message id and a small index, nothing else', () => {
    assert.ok(parseWebviewMessage({ type: 'chooseCandidate', messageId: 'id2', index: 1 }));
    for (const bad of [{ index: 1 }, { messageId: 'id2', index: -1 }, { messageId: 'id2', index: 1.5 }, { messageId: 'id2', index: '1' },
      { messageId: 'id2', index: 1000 }, { messageId: 'id2', index: 1, extra: true }]) {
      assert.equal(parseWebviewMessage({ type: 'chooseCandidate', ...bad }), undefined, JSON.stringify(bad));
    }
  });
});
