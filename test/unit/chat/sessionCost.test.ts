import { fakePlan } from './planFake';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import type { ModelSettings } from '../../../src/chat/request/modelSettings';
import { ChatSession } from '../../../src/chat/turn/session';
import type { StreamingClient } from '../../../src/chat/turn/turn';
import type { AssembledResponse, ChatEvent, ChatRequest } from '../../../src/llm/types';

const usage = { prompt_tokens: 1200, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 200 } };
const response: AssembledResponse = {
  id: 'r1', model: 'm', usage,
  choices: [{ index: 0, content: 'Priced.', reasoning: '', toolCalls: [], finishReason: 'stop', annotations: [], images: [], logprobs: null }],
};

function session(settings: ModelSettings) {
  const calls: { how: 'stream' | 'complete'; req: ChatRequest }[] = [];
  const client: StreamingClient = {
    stream: (req) => {
      calls.push({ how: 'stream', req: structuredClone(req) });
      return (async function* (): AsyncGenerator<ChatEvent> {
        yield { type: 'text', choice: 0, text: 'Priced.' };
        yield { type: 'done', response };
      })();
    },
    complete: async (req) => (calls.push({ how: 'complete', req: structuredClone(req) }), response),
  };
  let n = 0;
  const s = new ChatSession({
    store: new HistoryStore(fs.mkdtempSync(path.join(os.tmpdir(), 'session-cost-'))), post: () => undefined,
    newId: () => `m${++n}`, now: () => n,
    planTurn: async () => fakePlan(client, 'relay/m', { settings }),
  });
  return { s, calls };
}

describe('ChatSession: cost and streaming from the model settings', () => {
  it('prices a finished answer with the model\'s prices', async () => {
    const { s } = session({ prices: { input: 2, cachedInput: 0.5, output: 8, currency: '€' } });
    const answer = await s.send('hi', []);
    // (1000 * 2 + 200 * 0.5 + 300 * 8) / 1e6
    assert.equal(answer?.usage?.cost, 0.0045);
    assert.equal(answer?.usage?.currency, '€');
  });

  it('shows no cost without prices', async () => {
    const { s } = session({});
    const answer = await s.send('hi', []);
    assert.equal(answer?.usage?.promptTokens, 1200);
    assert.equal('cost' in (answer?.usage ?? {}), false);
  });

  it('asks for one JSON answer when streaming is off', async () => {
    const { s, calls } = session({ params: { stream: false } });
    const answer = await s.send('hi', []);
    assert.deepEqual(calls.map((c) => [c.how, c.req.stream]), [['complete', false]]);
    assert.equal(answer?.content, 'Priced.');
  });
});
