import { fakePlan } from './planFake';
import type { GatewayErrorInfo } from '../../../src/shared/conversation';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import type { PlanResult } from '../../../src/chat/request/turnPlan';
import type { StreamingClient } from '../../../src/chat/turn/turn';
import type { ChatEvent, ChatRequest } from '../../../src/llm/types';
import type { HostToWebview } from '../../../src/shared/protocol';

type Script = (req: ChatRequest, signal?: AbortSignal) => AsyncIterable<ChatEvent>;

function setup(script: Script, plan?: (model: string) => PlanResult | undefined) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'session-'));
  const store = new HistoryStore(root, { debounceMs: 5 });
  const posted: HostToWebview[] = [];
  const requests: ChatRequest[] = [];
  const client: StreamingClient = {
    stream: (req, opts) => {
      requests.push(structuredClone(req));
      return script(req, opts?.signal);
    },
  };
  let n = 0;
  const session = new ChatSession({
    store,
    post: (m) => posted.push(structuredClone(m)),
    planTurn: async (model = 'relay/deepseek-ai/DeepSeek-R1') => plan?.(model) ?? fakePlan(client, model),
    newId: () => `id${++n}`,
    now: () => 1_000 + n,
  });
  return { session, posted, requests, store, root };
}

const text = (t: string): ChatEvent => ({ type: 'text', choice: 0, text: t });
async function* events(...list: ChatEvent[]) { for (const e of list) yield e; }
const err = (kind: string, message: string, extra = {}) => Object.assign(new Error(message), { kind, url: 'http://gw/v1/chat/completions', ...extra });

describe('ChatSession', () => {
  it('sends the prompt with its history, streams coalesced deltas and saves the conversation', async () => {
    const { session, posted, requests, store } = setup(() => events(text('Hel'), text('lo'), text(','), text(' world!')));
    await session.send('Hi there', []);
    assert.equal(requests[0].model, 'deepseek-ai/DeepSeek-R1', 'model id split at the first slash');
    assert.deepEqual(requests[0].messages, [{ role: 'user', content: 'Hi there' }]);
    const deltas = posted.filter((p) => p.type === 'delta');
    assert.deepEqual(deltas.map((d) => (d as { content: string }).content), ['Hel', 'lo', ', world!'],
      'the first two deltas go at once (two posts may wait for the panel); the two behind them become one');
    const final = posted.at(-1) as Extract<HostToWebview, { type: 'message' }>;
    assert.equal(final.type, 'message');
    assert.equal(final.message.content, 'Hello, world!');
    assert.equal(final.message.status, 'complete');
    const saved = await store.load(session.conversation.id);
    assert.equal(saved?.title, 'Hi there');
    assert.deepEqual(saved?.messages.map((m) => [m.role, m.content, m.status]), [['user', 'Hi there', 'complete'], ['assistant', 'Hello, world!', 'complete']]);
  });

  it('gives a failed prompt back to the composer and replaces the failed attempt on resend', async () => {
    let fail = true;
    const { session, posted } = setup(() => (fail ? (async function* () { throw err('auth', 'Invalid key', { status: 401 }); })() : events(text('ok'))));
    await session.send('my prompt', [{ kind: 'file', label: 'a.ts', path: 'a.ts', text: 'x' }]);
    const composer = posted.find((p) => p.type === 'composer');
    assert.deepEqual(composer, { type: 'composer', text: 'my prompt', attachments: [{ kind: 'file', label: 'a.ts', path: 'a.ts', text: 'x' }] });
    assert.equal(session.conversation.messages.at(-1)?.status, 'error');
    assert.equal((session.conversation.messages.at(-1)?.error as GatewayErrorInfo | undefined)?.status, 401);
    fail = false;
    await session.send('my prompt', []);
    assert.deepEqual(session.conversation.messages.map((m) => [m.role, m.content]), [['user', 'my prompt'], ['assistant', 'ok']]);
  });

  it('stops at once and keeps the partial answer as interrupted, then continues it', async () => {
    const { session, requests } = setup((req, signal) => (async function* () {
      if (requests.length > 1) { yield text(' and the end.'); return; }
      yield text('The beginning');
      await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(err('aborted', 'aborted'))));
    })());
    const sending = session.send('tell me', []);
    while (!session.conversation.messages.at(-1)?.content) await new Promise((r) => setTimeout(r, 1));
    session.stop();
    await sending;
    const answer = session.conversation.messages.at(-1)!;
    assert.equal(answer.status, 'interrupted');
    assert.equal(answer.content, 'The beginning');
    await session.continue(answer.id);
    assert.equal(answer.content, 'The beginning and the end.');
    assert.equal(answer.status, 'complete');
    assert.deepEqual(requests[1].messages.map((m) => m.role), ['user', 'assistant', 'user'], 'the partial goes back, then the continue instruction');
    assert.equal(requests[1].messages[1].content, 'The beginning');
  });

  it('regenerates the last answer and keeps the old one as a branch', async () => {
    let i = 0;
    const { session } = setup(() => events(text(`answer ${++i}`)));
    await session.send('q', []);
    await session.regenerate(session.conversation.messages[1].id);
    assert.deepEqual(session.conversation.messages.map((m) => m.content), ['q', 'answer 2']);
    assert.deepEqual(session.conversation.branches?.[0].map((m) => m.content), ['q', 'answer 1']);
  });

  it('edits a prompt: later turns are replaced, the old branch stays', async () => {
    let i = 0;
    const { session, requests } = setup(() => events(text(`a${++i}`)));
    await session.send('first', []);
    await session.send('second', []);
    await session.edit(session.conversation.messages[0].id, 'first, edited');
    assert.deepEqual(session.conversation.messages.map((m) => m.content), ['first, edited', 'a3']);
    assert.deepEqual(requests[2].messages, [{ role: 'user', content: 'first, edited' }]);
    assert.equal(session.conversation.branches?.[0].length, 4);
  });

  it('explains a missing endpoint or key as a config error without calling any gateway', async () => {
    const { session, requests } = setup(() => events(text('never')), (model) => ({ error: { kind: 'config', reason: 'noKey', endpointId: 'relay' }, model }));
    await session.send('hello', []);
    assert.equal(requests.length, 0);
    assert.deepEqual(session.conversation.messages.at(-1)?.error, { kind: 'config', reason: 'noKey', endpointId: 'relay' });
  });

  it('reopens a saved conversation; an answer cut off by a reload is interrupted, not streaming', async () => {
    const { session, store } = setup(() => events(text('x')));
    await session.send('keep me', []);
    const saved = structuredClone(session.conversation);
    saved.messages[1].status = 'streaming';
    await store.save(saved);
    await session.newChat();
    assert.equal(session.conversation.messages.length, 0);
    assert.equal(await session.open(saved.id), true);
    assert.equal(session.conversation.messages[1].status, 'interrupted');
    assert.equal(await session.open('missing'), false);
  });
});

describe('ChatSession titles', () => {
  it('titles a conversation by its first prompt, or by a model call when the setting asks', async () => {
    const { session } = setup(() => events(text('ok')));
    await session.send('Explain the borrow checker\nin detail please', []);
    assert.equal(session.conversation.title, 'Explain the borrow checker');

    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'session-'));
    const prompts: string[] = [];
    const client: StreamingClient = {
      stream: (req) => {
        prompts.push(String(req.messages.at(-1)?.content));
        return prompts.length === 1 ? events(text('Sure, here is how.')) : events(text('"借用检查器详解"'));
      },
    };
    let n = 0;
    const titled = new ChatSession({
      store: new HistoryStore(root), post: () => undefined, newId: () => `t${++n}`, now: () => n,
      planTurn: async () => fakePlan(client, 'r/m', { titleWithModel: true }),
    });
    await titled.send('请详细解释 Rust 的借用检查器', []);
    assert.equal(titled.conversation.title, '借用检查器详解');
    assert.match(prompts[1], /title of at most six words/);
    assert.match(prompts[1], /请详细解释 Rust 的借用检查器/);
  });
});

describe('ChatSession posts', () => {
  it('sends only the two new messages to a panel that already shows the conversation', async () => {
    const { session, posted } = setup(() => events(text('a')));
    session.show();
    await session.send('one', []);
    posted.length = 0;
    await session.send('two', []);
    assert.equal(posted.filter((p) => p.type === 'conversation').length, 0, 'no full re-render');
    const ids = posted.filter((p) => p.type === 'message').map((p) => (p as { message: { role: string; content: string } }).message);
    assert.deepEqual(ids.slice(0, 2).map((m) => m.role), ['user', 'assistant']);
    assert.equal(ids[0].content, 'two');
  });
});

describe('ChatSession model settings', () => {
  it('sends the model\'s parameters and body merge, and omits the fields it names', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'session-'));
    const seen: { req: ChatRequest; omit?: string[] }[] = [];
    const client: StreamingClient = { stream: (req, opts) => (seen.push({ req: structuredClone(req), omit: opts?.omit }), events(text('ok'))) };
    let n = 0;
    const session = new ChatSession({
      store: new HistoryStore(root), post: () => undefined, newId: () => `m${++n}`, now: () => n,
      planTurn: async () => fakePlan(client, 'relay/qwen3', { settings: { params: { temperature: 0.2 }, body: { extra_body: { enable_thinking: false } }, omit: ['stream_options'] } }),
    });
    await session.send('hi', []);
    assert.equal(seen[0].req.temperature, 0.2);
    assert.deepEqual(seen[0].req.extra_body, { enable_thinking: false });
    assert.equal(seen[0].req.model, 'qwen3');
    assert.deepEqual(seen[0].omit, ['stream_options']);
  });
});

describe('ChatSession: session id', () => {
  it('every request of a conversation carries its id as sessionId; a new chat gets another', async () => {
    const ids: (string | undefined)[] = [];
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'session-'));
    const client: StreamingClient = { stream: (_req, opts) => (ids.push(opts?.sessionId), events(text('ok'))) };
    let n = 0;
    const session = new ChatSession({
      store: new HistoryStore(root, { debounceMs: 5 }),
      post: () => undefined,
      planTurn: async (model = 'relay/m') => fakePlan(client, model),
      newId: () => `id${++n}`,
      now: () => 1_000 + n,
    });
    await session.send('one', []);
    await session.send('two', []);
    const first = session.conversation.id;
    await session.newChat();
    await session.send('three', []);
    assert.deepEqual(ids, [first, first, session.conversation.id]);
    assert.notEqual(session.conversation.id, first);
  });
});
