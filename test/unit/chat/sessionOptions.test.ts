import { fakePlan } from './planFake';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import type { ChatEvent, ChatRequest } from '../../../src/llm/types';

describe('ChatSession: the option bar on the wire and in the record', () => {
  function setup(answer: string) {
    const store = new HistoryStore(fs.mkdtempSync(path.join(os.tmpdir(), 'session-options-')), { debounceMs: 5 });
    const requests: ChatRequest[] = [];
    let n = 0;
    const session = new ChatSession({
      store,
      post: () => undefined,
      planTurn: async () => fakePlan({
          stream: (req) => {
            requests.push(structuredClone(req));
            return (async function* (): AsyncGenerator<ChatEvent> {
              yield { type: 'text', choice: 0, text: answer };
              yield { type: 'done', response: { id: 'r', model: 'm', choices: [], usage: null } };
            })();
          },
      }, 'relay/m'),
      newId: () => `id${++n}`,
      now: () => 1000 + n,
    });
    return { session, requests, store };
  }

  const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] };

  it('sends the schema, checks the answer against it and saves both with the conversation', async () => {
    const { session, requests, store } = setup('{"age":"old"}');
    session.setOptions({ json: { mode: 'schema', name: 'person', schema }, webSearch: { contextSize: 'low' } });
    const answer = (await session.send('Who?', []))!;
    assert.deepEqual(requests[0].response_format, { type: 'json_schema', json_schema: { name: 'person', schema, strict: true } });
    assert.deepEqual(requests[0].web_search_options, { search_context_size: 'low' });
    assert.deepEqual(answer.json, { mode: 'schema', name: 'person', schema });
    assert.deepEqual(answer.jsonCheck, { valid: false, errors: ['$.age: must be integer'] });
    const saved = await store.load(session.conversation.id);
    assert.deepEqual(saved?.options, { json: { mode: 'schema', name: 'person', schema }, webSearch: { contextSize: 'low' } });
    assert.deepEqual(saved?.messages[1].jsonCheck, answer.jsonCheck);
  });

  it('keeps the options in a new chat and sends nothing extra without them', async () => {
    const { session, requests } = setup('hi');
    session.setOptions({ n: 2 });
    await session.newChat();
    assert.deepEqual(session.conversation.options, { n: 2 });
    session.setOptions({});
    await session.send('plain', []);
    assert.equal('response_format' in requests[0], false);
    assert.equal('n' in requests[0], false);
    assert.equal(session.conversation.messages[1].json, undefined);
    assert.equal(session.conversation.messages[1].jsonCheck, undefined);
  });
});
