// What an answer's record keeps (issue #12): usage details, the error's type, the served model and
// how it ended; and Continue after a `length` cut goes on in the same message.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import { runTurn, type StreamingClient } from '../../../src/chat/turn/turn';
import type { AssembledResponse, ChatEvent, ChatRequest } from '../../../src/llm/types';
import { fakePlan } from './planFake';
import { answer, fakeClient } from './turnFakes';

const done = (over: Partial<AssembledResponse> = {}, finishReason = 'stop', content = 'Hi'): ChatEvent => ({
  type: 'done',
  response: { id: 'r', model: 'gpt-4o', usage: null, choices: [{ index: 0, content, reasoning: '', toolCalls: [], finishReason, annotations: [], images: [], logprobs: null }], ...over },
});
const req: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };

describe('the answer record keeps what the gateway said', () => {
  it('every usage detail, total_tokens, the served model, fingerprint and tier', async () => {
    const usage = {
      prompt_tokens: 20, completion_tokens: 30, total_tokens: 50,
      prompt_tokens_details: { cached_tokens: 4, audio_tokens: 2, image_tokens: 8, text_tokens: 10 },
      completion_tokens_details: { reasoning_tokens: 5, audio_tokens: 1, accepted_prediction_tokens: 3, rejected_prediction_tokens: 7, note: 'x' },
    };
    const m = await runTurn({
      client: fakeClient([{ type: 'text', choice: 0, text: 'Hi' }, { type: 'usage', usage }, done({ model: 'gpt-4o-mini', systemFingerprint: 'fp_1', serviceTier: 'flex', usage }, 'length')]),
      request: req, message: answer(),
    });
    assert.deepEqual(m.usage?.promptDetails, { cached_tokens: 4, audio_tokens: 2, image_tokens: 8, text_tokens: 10 });
    assert.deepEqual(m.usage?.completionDetails, { reasoning_tokens: 5, audio_tokens: 1, accepted_prediction_tokens: 3, rejected_prediction_tokens: 7 });
    assert.equal(m.usage?.totalTokens, 50);
    assert.deepEqual([m.servedModel, m.systemFingerprint, m.serviceTier, m.finishReason], ['gpt-4o-mini', 'fp_1', 'flex', 'length']);
  });

  it("the error's type", async () => {
    const error = Object.assign(new Error('You exceeded your current quota.'), { kind: 'rateLimit', status: 429, type: 'insufficient_quota', code: 'insufficient_quota', url: 'u' });
    const m = await runTurn({ client: fakeClient([], error), request: req, message: answer() });
    assert.equal(m.error?.kind !== 'config' && m.error?.type, 'insufficient_quota');
  });
});

describe('Continue after a length cut', () => {
  it('goes on in the same message, sends the cut answer back and ends with the new finish reason', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'answers-'));
    const requests: ChatRequest[] = [];
    const client: StreamingClient = {
      stream: (r) => {
        requests.push(structuredClone(r));
        const first = requests.length === 1;
        return (async function* () {
          yield { type: 'text', choice: 0, text: first ? 'The first half' : ' and the rest.' } as ChatEvent;
          yield done({}, first ? 'length' : 'stop', first ? 'The first half' : ' and the rest.');
        })();
      },
    };
    let n = 0;
    const session = new ChatSession({ store: new HistoryStore(root, { debounceMs: 5 }), post: () => undefined, planTurn: async (model) => fakePlan(client, model), newId: () => `id${++n}`, now: () => 1000 + n });
    await session.send('write a lot', []);
    const m = session.conversation.messages.at(-1)!;
    assert.deepEqual([m.status, m.finishReason], ['complete', 'length']);
    await session.continue(m.id);
    assert.equal(session.conversation.messages.length, 2, 'no new message');
    assert.equal(m.content, 'The first half and the rest.');
    assert.equal(m.finishReason, 'stop');
    assert.deepEqual(requests[1].messages.map((x) => [x.role, typeof x.content === 'string' ? x.content.slice(0, 14) : '']), [
      ['user', 'write a lot'], ['assistant', 'The first half'], ['user', 'Continue exact'],
    ]);
    await session.continue(m.id);
    assert.equal(requests.length, 2, 'a complete answer that was not cut is not continued');
  });
});
