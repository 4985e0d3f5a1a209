// The context window end to end in the chat layer: a session driven past a small window keeps
// working (stubs, then a summary), undo sends the originals again, a refusal for length is healed
// once, Stop cancels a summary, and counts are calibrated by the real prompt_tokens.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakePlan } from '../planFake';
import { HistoryStore } from '../../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../../src/chat/turn/session';
import type { StreamingClient } from '../../../../src/chat/turn/turn';
import type { ModelSettings } from '../../../../src/shared/modelSettingsShape';
import type { ChatEvent, ChatRequest } from '../../../../src/llm/types';
import { summaryInstruction, type Summariser } from '../../../../src/chat/context/summarise';
import { countRequestTokens, tokenCounter } from '../../../../src/chat/context/tokens';
import { resolveBudget, promptBudget } from '../../../../src/chat/context/window';
import { ContextKeeper } from '../../../../src/chat/context/contextKeeper';
import { SUMMARY_PREAMBLE } from '../../../../src/chat/context/requestHistory';
import type { MessageRecord } from '../../../../src/shared/conversation';

const isSummaryRequest = (r: ChatRequest) => String(r.messages.at(-1)?.content ?? '').startsWith(summaryInstruction);
const text = (r: ChatRequest) => JSON.stringify(r.messages);

interface FakeOptions {
  /** Refuse (OpenAI's 400) a non-summary request whose messages are longer than this many characters. */
  refuseOver?: number;
  /** prompt_tokens the gateway reports: a function of our own count. */
  realTokens?: (counted: number) => number;
  /** The summary request never answers until aborted. */
  hangSummary?: boolean;
}

function fakeClient(o: FakeOptions = {}) {
  const requests: ChatRequest[] = [];
  let summaries = 0;
  const client: StreamingClient = {
    stream: (req, options) => {
      requests.push(structuredClone(req));
      return (async function* (): AsyncGenerator<ChatEvent> {
        const summary = isSummaryRequest(req);
        if (!summary && o.refuseOver && text(req).length > o.refuseOver) {
          throw Object.assign(new Error('refused'), {
            kind: 'badRequest', status: 400, code: 'context_length_exceeded',
            message: `This model's maximum context length is 3000 tokens. However, your messages resulted in ${Math.ceil(text(req).length / 4)} tokens. Please reduce the length of the messages.`,
          });
        }
        if (summary && o.hangSummary) {
          await new Promise((_, reject) => options?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { kind: 'aborted', message: 'aborted' }))));
        }
        const content = summary ? `SUMMARY ${++summaries}: the user asked about parsing; files src/a.ts, src/b.ts.` : 'ok';
        yield { type: 'text', choice: 0, text: content };
        const counted = await countRequestTokens(req);
        const usage = { prompt_tokens: (o.realTokens ?? ((n) => n))(counted), completion_tokens: 20 };
        yield { type: 'done', response: { id: 'r', model: 'm', usage, choices: [{ index: 0, content, reasoning: '', toolCalls: [], finishReason: 'stop', annotations: [], images: [], logprobs: null }] } };
      })();
    },
  };
  return { client, requests };
}

function session(settings: () => ModelSettings, client: StreamingClient, extra: { summariser?: Summariser; remembered?: Map<string, number> } = {}) {
  let n = 0;
  const posts: string[] = [];
  const s = new ChatSession({
    store: new HistoryStore(fs.mkdtempSync(path.join(os.tmpdir(), 'context-'))),
    post: (m) => posts.push(m.type),
    newId: () => `m${++n}`, now: () => n,
    rememberWindow: (model, window) => extra.remembered?.set(model, window),
    planTurn: async () => {
      const st = settings();
      const learned = extra.remembered?.get('relay/m');
      return fakePlan(client, 'relay/m', { settings: st, context: resolveBudget({ settings: st, learned }), ...(extra.summariser ? { summariser: extra.summariser } : {}) });
    },
  });
  return { s, posts };
}

const long = (i: number, size = 1500) => `Question ${i}: ${'please explain how the parser handles nested brackets and escapes. '.repeat(Math.ceil(size / 66))}`;

describe('context window: a session driven past a small window keeps working', () => {
  it('summarises the oldest turns once the window is full, and every request stays under budget', async () => {
    const { client, requests } = fakeClient();
    const settings: ModelSettings = { contextWindow: 2000, prices: { input: 1, output: 2 } };
    const { s } = session(() => settings, client);
    for (let i = 0; i < 8; i++) assert.equal((await s.send(long(i), []))?.status, 'complete');
    const budget = promptBudget(resolveBudget({ settings }))!;
    for (const r of requests.filter((q) => !isSummaryRequest(q))) {
      assert.ok((await countRequestTokens(r)) <= budget, `a request of ${await countRequestTokens(r)} tokens went over ${budget}`);
    }
    const summaries = s.conversation.messages.filter((m) => m.summary);
    assert.ok(summaries.length >= 1, 'a summary was written');
    const last = summaries.at(-1)!;
    assert.equal(last.status, 'complete');
    assert.ok(last.usage?.promptTokens && last.usage.cost !== undefined, 'the summary shows its usage and cost');
    const originals = s.conversation.messages.filter((m) => m.summarisedBy === last.id);
    assert.equal(originals.length, last.summary!.messages, 'the originals stay, marked');
    assert.ok(requests.filter(isSummaryRequest).length >= 1);
    const lastRequest = requests.filter((q) => !isSummaryRequest(q)).at(-1)!;
    assert.ok(text(lastRequest).includes(last.content), 'the summary goes with the request');
    assert.ok(s.conversation.messages.some((m) => m.notices?.some((x) => /summarised/.test(x))), 'a notice says so');
  });

  it('cuts an old attachment to a stub before summarising anything', async () => {
    const { client, requests } = fakeClient();
    const { s } = session(() => ({ contextWindow: 3000 }), client);
    await s.send('read this', [{ kind: 'file', label: 'big.ts', path: 'src/big.ts', text: 'const x = 1; // a comment that takes room\n'.repeat(200) }]);
    await s.send('thanks', []);
    const sent = requests.at(-1)!;
    assert.equal(requests.filter(isSummaryRequest).length, 0, 'no summary needed');
    assert.match(text(sent), /big\.ts: cut to save context/);
    assert.ok(s.conversation.messages[0].attachments?.[0].text?.length! > 5000, 'the file keeps the attachment');
  });

  it('undo: the originals are sent again', async () => {
    const { client, requests } = fakeClient();
    let settings: ModelSettings = { contextWindow: 2000 };
    const { s } = session(() => settings, client);
    for (let i = 0; i < 8; i++) await s.send(long(i), []);
    const summary = s.conversation.messages.find((m) => m.summary && !m.summary.undone && !m.summarisedBy)!;
    assert.ok(summary);
    const covered = s.conversation.messages.filter((m) => m.summarisedBy === summary.id && m.role === 'user');
    assert.ok(covered.length > 0);
    s.undoSummary(summary.id);
    assert.equal(summary.summary?.undone, true);
    assert.equal(s.conversation.messages.filter((m) => m.summarisedBy === summary.id).length, 0);
    settings = { contextWindow: 100_000 };
    await s.send('and finally', []);
    const sent = text(requests.at(-1)!);
    for (const m of covered) assert.ok(sent.includes(m.content.slice(0, 12)), `${m.content.slice(0, 12)} is sent again`);
    assert.ok(!sent.includes(summary.content), 'the undone summary is not sent');
  });

  it('a refusal for length is compacted and sent once more, with a notice, and the window is remembered', async () => {
    const { client, requests } = fakeClient({ refuseOver: 9000 });
    const remembered = new Map<string, number>();
    const { s } = session(() => ({}), client, { remembered });
    for (let i = 0; i < 3; i++) assert.equal((await s.send(long(i, 2500), []))?.status, 'complete');
    const answer = await s.send(long(9, 2500), []);
    assert.equal(answer?.status, 'complete', 'healed');
    assert.ok(answer?.notices?.some((x) => /refused the conversation as too long \(3000 tokens\)/.test(x)), answer?.notices?.join('\n'));
    assert.equal(remembered.get('relay/m'), 3000);
    const normal = requests.filter((q) => !isSummaryRequest(q));
    assert.ok(text(normal.at(-2)!).length > 9000 && text(normal.at(-1)!).length <= 9000, 'refused, then sent compacted');
    // Now the window is known: the next send is compacted before it goes, no refusal needed.
    const before = requests.length;
    await s.send(long(10, 2500), []);
    assert.ok(requests.slice(before).every((q) => isSummaryRequest(q) || text(q).length <= 9000));
  });

  it('heals once only: a gateway that still refuses leaves the error', async () => {
    const options: FakeOptions = {};
    const { client, requests } = fakeClient(options);
    const { s } = session(() => ({}), client);
    for (let i = 0; i < 3; i++) await s.send(long(i, 2500), []);
    options.refuseOver = 10;
    const before = requests.filter((q) => !isSummaryRequest(q)).length;
    const answer = await s.send(long(9, 2500), []);
    assert.equal(answer?.status, 'error');
    assert.equal(requests.filter((q) => !isSummaryRequest(q)).length - before, 2, 'the request and one retry, no more');
    assert.ok(requests.some(isSummaryRequest), 'it did compact before the retry');
  });

  it('Stop while summarising: nothing is sent, no summary is left, the prompt comes back', async () => {
    const options: FakeOptions = {};
    const { client, requests } = fakeClient(options);
    const { s, posts } = session(() => ({ contextWindow: 3000 }), client);
    for (let i = 0; i < 6; i++) await s.send(long(i), []);
    assert.equal(requests.filter(isSummaryRequest).length, 0, 'not yet full');
    options.hangSummary = true;
    const sending = s.send(long(3, 4000), []);
    while (!requests.some(isSummaryRequest)) await new Promise((r) => setTimeout(r, 5));
    s.stop();
    const answer = await sending;
    assert.equal(answer?.status, 'error');
    assert.equal(s.conversation.messages.filter((m) => m.summary).length, 0);
    assert.equal(s.conversation.messages.filter((m) => m.summarisedBy).length, 0);
    assert.ok(posts.includes('composer'), 'the prompt goes back to the composer');
  });

  it('gatewayChat.compaction.model: another model writes the summary', async () => {
    const main = fakeClient();
    const other = fakeClient();
    const { s } = session(() => ({ contextWindow: 2000 }), main.client, { summariser: { model: 'cheap/small', modelId: 'small', client: other.client } });
    for (let i = 0; i < 8; i++) await s.send(long(i), []);
    assert.equal(main.requests.filter(isSummaryRequest).length, 0);
    assert.ok(other.requests.filter(isSummaryRequest).length >= 1);
    assert.equal(other.requests[0].model, 'small');
    assert.equal(s.conversation.messages.find((m) => m.summary)?.model, 'cheap/small');
  });

  it('a span longer than the summariser\'s window is cut to its newest part, so the summary request fits', async () => {
    const { client, requests } = fakeClient();
    let settings: ModelSettings = { contextWindow: 200_000 };
    const { s } = session(() => settings, client);
    for (let i = 0; i < 12; i++) await s.send(long(i, 3000), []);
    assert.equal(requests.filter(isSummaryRequest).length, 0, 'the big window took it all');
    settings = { contextWindow: 6000 };
    assert.equal(await s.compact(), 'done');
    const request = requests.filter(isSummaryRequest).at(-1)!;
    const tokens = await countRequestTokens(request);
    assert.ok(tokens <= 6000 - 2048, `the summary request (${tokens} tokens) leaves room for the summary in a 6,000-token window`);
    assert.match(text(request), /earlier part left out/);
    assert.match(text(request), /Question 10:/, 'the newest summarised turn is in it (the last turn stays as it is)');
    assert.doesNotMatch(text(request), /Question 0:/, 'the oldest went');
  });

  it('a summariser of its own is cut to its own window', async () => {
    const main = fakeClient();
    const other = fakeClient();
    const { s } = session(() => ({ contextWindow: 200_000 }), main.client, { summariser: { model: 'cheap/small', modelId: 'small', client: other.client, window: 5000 } });
    for (let i = 0; i < 12; i++) await s.send(long(i, 3000), []);
    assert.equal(await s.compact(), 'done');
    const tokens = await countRequestTokens(other.requests.at(-1)!);
    assert.ok(tokens <= 5000 - 2048, `${tokens} tokens for a 5,000-token summariser`);
  });

  it('the command summarises on demand', async () => {
    const { client } = fakeClient();
    const { s } = session(() => ({}), client);
    assert.equal(await s.compact(), 'nothing');
    await s.send('one', []);
    await s.send('two', []);
    assert.equal(await s.compact(), 'done');
    const summary = s.conversation.messages.find((m) => m.summary)!;
    assert.equal(summary.summary?.messages, 2);
    assert.deepEqual(s.conversation.messages.filter((m) => m.summarisedBy).map((m) => m.content), ['one', 'ok']);
  });

  it('calibrates by the last answer\'s real prompt_tokens', async () => {
    const { client } = fakeClient({ realTokens: (n) => n * 2 });
    const { s } = session(() => ({ contextWindow: 100_000 }), client);
    await s.send(long(1), []);
    const ratio = s.context.calibration.ratio('relay/m');
    assert.ok(Math.abs(ratio - 2) < 0.01, `${ratio}`);
  });
});

describe('context window: the cost of deciding', () => {
  it('counting and the compaction decision for a 100k-token conversation take <= 50 ms once the tokenizer is loaded', async () => {
    await tokenCounter();
    const messages: MessageRecord[] = Array.from({ length: 300 }, (_, i) => ({
      id: `r${i}`, role: i % 2 ? 'assistant' : 'user', status: 'complete', createdAt: i,
      content: `Turn ${i}: the function parseConfig(path) reads ${i} settings from disk and checks each against the schema. `.repeat(16),
    }));
    const conversation = { version: 1 as const, id: 'c', title: '', createdAt: 0, updatedAt: 0, messages };
    const plan = fakePlan(fakeClient().client, 'relay/m', { context: { window: 64_000, reserve: 4096 } });
    const keeper = new ContextKeeper({ newId: () => 'x', now: () => 0, show: () => undefined });
    const input = () => ({ history: conversation.messages, plan });
    // The first pass fills the per-message cache (the tokenizer's real work, done as messages arrive).
    const warm = await keeper.measure(conversation, plan, '');
    assert.ok(warm.used > 90_000, `about 100k tokens (${warm.used})`);
    conversation.messages.push({ id: 'new', role: 'user', status: 'complete', createdAt: 999, content: 'one more question' });
    const choose = (keeper as unknown as { choose: (c: unknown, o: unknown, n: number, b: number) => { summarise: string[] } }).choose.bind(keeper);
    // The best of three: the machine is shared, a single timing can catch another process's burst.
    let ms = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      const fit = await keeper.fit({ conversation, plan, input, summarise: undefined, budget: 1_000_000 });
      // The decision proper: over budget, so chooseCompaction runs over every record (a summary would follow).
      const decided = choose(await tokenCounter(), { conversation, plan, input }, fit.counted, 60_000);
      ms = Math.min(ms, performance.now() - start);
      assert.ok(decided.summarise.length > 0);
    }
    assert.ok(ms <= 50, `${ms.toFixed(1)} ms`);
  });
});
