import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CompatFix } from '../../../src/chat/request/compatibility';
import { applyFixes, mergeFixes, noticeText } from '../../../src/chat/request/compatibility';
import type { StreamingClient } from '../../../src/chat/turn/turn';
import { fakePlan } from './planFake';
import { ExchangeLog } from '../../../src/chat/inspection/exchangeLog';
import { runHealingTurn, type HealingTurnOptions } from '../../../src/chat/turn/healingTurn';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import type { ChatRequest } from '../../../src/llm/types';
import type { MessageRecord } from '../../../src/shared/conversation';
import type { HostToWebview } from '../../../src/shared/protocol';
import { harness, KEY, type Harness } from '../llm/helpers';

interface CompatibilityPort {
  get(model: string): CompatFix[];
  remember(model: string, fixes: CompatFix[]): void;
}

function memory(): CompatibilityPort & { saved: Map<string, CompatFix[]> } {
  const saved = new Map<string, CompatFix[]>();
  return {
    saved,
    get: (model) => saved.get(model) ?? [],
    remember: (model, fixes) => saved.set(model, mergeFixes(saved.get(model) ?? [], fixes)),
  };
}

/** The healing turn as the session drives it: a request built with the remembered fixes and those found now. */
function heal(o: Omit<HealingTurnOptions, 'plan' | 'build' | 'remember'> & { client: StreamingClient; request: ChatRequest; model: string; compatibility?: CompatibilityPort }) {
  const { client, request, model, compatibility, ...rest } = o;
  return runHealingTurn({
    ...rest,
    plan: fakePlan(client, model, { words: { adaptation: String, fix: (f) => noticeText(f, model) } }),
    build: (fixes) => ({ ...applyFixes(request, undefined, [...(compatibility?.get(model) ?? []), ...fixes]), adapted: [] }) as ReturnType<HealingTurnOptions['build']>,
    remember: compatibility && ((m, f) => compatibility.remember(m, f)),
  });
}

const answer = (id = 'a1'): MessageRecord => ({ id, role: 'assistant', content: '', status: 'streaming', createdAt: 0 });
const request = (model: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('runHealingTurn: a refused field is left out once, remembered, and shown', () => {
  let h: Harness;
  before(async () => (h = await harness()));
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  it('sends again without stream_options, shows the answer and a notice, remembers it for the model', async () => {
    h.gw.route('o3-mini', { rejectFields: [{ field: 'stream_options' }], answer: { content: 'Hello there.' } });
    const compat = memory();
    const exchanges = new ExchangeLog();
    const m = await heal({ client: h.client(), request: request('o3-mini'), message: answer(), model: 'relay/o3-mini', compatibility: compat, exchanges });
    assert.equal(m.status, 'complete');
    assert.equal(m.content, 'Hello there.');
    assert.equal(m.error, undefined, 'the first refusal is not left on the answer');
    assert.deepEqual(h.gw.requests.map((r) => 'stream_options' in r.body), [true, false]);
    assert.deepEqual(m.notices, ['The gateway does not accept stream_options: sent without it. Remembered for relay/o3-mini.']);
    assert.deepEqual(compat.saved.get('relay/o3-mini'), [{ omit: ['stream_options'] }]);
    const log = exchanges.get('a1')!;
    assert.deepEqual(log.map((x) => x.status), [400, 200], 'both attempts are in the inspector');
    assert.match(log[0].response, /unsupported_parameter/);
    assert.match(log[0].error ?? '', /Unsupported parameter: 'stream_options'/);
    assert.match(log[1].response, /data: \[DONE\]/);

    // The next request goes right the first time.
    h.gw.requests.length = 0;
    const again = await heal({ client: h.client(), request: request('o3-mini'), message: answer('a2'), model: 'relay/o3-mini', compatibility: compat, exchanges });
    assert.equal(again.status, 'complete');
    assert.equal(h.gw.requests.length, 1);
    assert.equal('stream_options' in h.gw.requests[0].body, false);
    assert.equal(again.notices, undefined, 'a remembered fix needs no notice');
  });

  it('renames max_tokens to max_completion_tokens with the same value', async () => {
    h.gw.route('o1', {
      rejectFields: [{ field: 'max_tokens', error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead." } }],
      answer: { content: 'ok' },
    });
    const compat = memory();
    const m = await heal({ client: h.client(), request: request('o1', { max_tokens: 512 }), message: answer(), model: 'relay/o1', compatibility: compat });
    assert.equal(m.status, 'complete');
    assert.deepEqual(h.gw.requests.map((r) => [r.body.max_tokens, r.body.max_completion_tokens]), [[512, undefined], [undefined, 512]]);
    assert.deepEqual(compat.saved.get('relay/o1'), [{ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }]);
    assert.match(m.notices![0], /sent as max_completion_tokens instead/);
  });

  it('works for a non-streaming request (stream: false) and an Azure-style body without param', async () => {
    h.gw.route('azure-gpt', {
      rejectFields: [{ field: 'parallel_tool_calls', json: { error: { message: 'Unrecognized request argument supplied: parallel_tool_calls', type: 'invalid_request_error', param: null, code: null } } }],
      answer: { content: 'fine' },
    });
    const m = await heal({ client: h.client(), request: request('azure-gpt', { stream: false, parallel_tool_calls: false }), message: answer(), model: 'az/azure-gpt' });
    assert.equal(m.content, 'fine');
    assert.deepEqual(h.gw.requests.map((r) => 'parallel_tool_calls' in r.body), [true, false]);
  });

  it('does not send again after a tool ran, for other 400s, or when refused again in the same words', async () => {
    h.gw.route('strict', { rejectFields: [{ field: 'stream_options' }], answer: { content: 'x' } });
    const noHeal = await heal({ client: h.client(), request: request('strict'), message: answer(), model: 'r/strict', mayHeal: false });
    assert.equal(noHeal.status, 'error');
    assert.equal(h.gw.requests.length, 1);

    h.gw.reset();
    h.gw.route('ranged', { error: { message: '<400> InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, 8192]', code: 'invalid_parameter_error' } });
    const range = await heal({ client: h.client(), request: request('ranged', { max_tokens: 99999 }), message: answer(), model: 'r/ranged' });
    assert.equal(range.status, 'error');
    assert.equal(h.gw.requests.length, 1);

    h.gw.reset();
    const compat = memory();
    h.gw.route('stubborn', { error: { message: "Unsupported parameter: 'seed' is not supported with this model.", code: 'unsupported_parameter', param: 'seed' } });
    const stubborn = await heal({ client: h.client(), request: request('stubborn', { seed: 1 }), message: answer(), model: 'r/stubborn', compatibility: compat });
    assert.equal(h.gw.requests.length, 2, 'one retry, not more');
    assert.equal(stubborn.status, 'error');
    assert.equal(stubborn.notices, undefined);
    assert.equal(compat.saved.size, 0, 'a fix that did not help is not remembered');
  });

  it('never puts the key in what the inspector keeps', async () => {
    h.gw.route('o3-mini', { rejectFields: [{ field: 'stream_options' }], answer: { content: 'Hello.' } });
    const exchanges = new ExchangeLog();
    await heal({ client: h.client({ headers: { 'x-api-key': KEY, 'x-title': 'Gateway Chat' } }), request: request('o3-mini'), message: answer(), model: 'relay/o3-mini', exchanges });
    const log = exchanges.get('a1')!;
    assert.equal(log[0].requestHeaders.authorization, 'Bearer ***');
    assert.equal(log[0].requestHeaders['x-api-key'], '***');
    assert.equal(log[0].requestHeaders['x-title'], 'Gateway Chat');
    assert.equal(JSON.stringify(log).includes(KEY), false);
  });
});

describe('ChatSession with the compatibility port', () => {
  let h: Harness;
  before(async () => (h = await harness()));
  after(async () => h.close());

  it('heals the first step, posts the notice with the answer, and records the exchanges by message id', async () => {
    h.gw.route('o3-mini', { rejectFields: [{ field: 'stream_options' }], answer: { content: 'Done.' } });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'healing-'));
    const posted: HostToWebview[] = [];
    const compat = memory();
    let n = 0;
    const client = h.client();
    const session = new ChatSession({
      store: new HistoryStore(root, { debounceMs: 5 }),
      post: (m) => posted.push(structuredClone(m)),
      planTurn: async () => fakePlan(client, 'relay/o3-mini', { fixes: compat.get('relay/o3-mini'), words: { adaptation: String, fix: (fix) => `notice relay/o3-mini ${JSON.stringify(fix)}` } }),
      rememberFixes: (model, fixes) => compat.remember(model, fixes),
      newId: () => `id${++n}`,
      now: () => 1000,
    });
    const m = await session.send('hi', []);
    assert.equal(m?.status, 'complete');
    const last = posted.at(-1) as Extract<HostToWebview, { type: 'message' }>;
    assert.deepEqual(last.message.notices, ['notice relay/o3-mini {"omit":["stream_options"]}']);
    assert.equal(session.exchanges.get(m!.id)?.length, 2);
    const dir = path.join(root, 'conversations');
    const saved = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8'));
    assert.equal(JSON.stringify(saved).includes('"responseHeaders"'), false, 'the exchanges are not in the conversation file');
    assert.deepEqual(saved.messages[1].notices, last.message.notices, 'the notice is');
  });
});
