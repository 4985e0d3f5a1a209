// runTurn with `n` > 1: interleaved choices stream into the message's candidates.
import assert from 'node:assert/strict';
import { runTurn, type StreamingClient } from '../../../src/chat/turn/turn';
import type { AssembledChoice, ChatEvent } from '../../../src/llm/types';
import { answer, fakeClient } from './turnFakes';

const text = (choice: number, t: string): ChatEvent => ({ type: 'text', choice, text: t });
const choice = (index: number, content: string, finishReason: string | null = 'stop', reasoning = ''): AssembledChoice => ({
  index, content, reasoning, toolCalls: [], finishReason, annotations: [], images: [], logprobs: null,
});
const done = (...choices: AssembledChoice[]): ChatEvent => ({ type: 'done', response: { id: 'r', model: 'm', choices, usage: null } });
const twoCandidates = { model: 'm', messages: [], n: 2 };

describe('runTurn with n candidates', () => {
  it('streams interleaved choices into their candidates; choice 0 is also the answer', async () => {
    const deltas: { content?: string; reasoning?: string; choice?: number }[] = [];
    const m = await runTurn({
      client: fakeClient([
        { type: 'reasoning', choice: 1, text: 'hmm' },
        text(0, 'Paris'), text(1, 'It is '), text(0, ' is the capital.'), text(1, 'Paris'),
        done(choice(0, 'Paris is the capital.'), choice(1, 'It is Paris', 'length', 'hmm')),
      ]),
      request: twoCandidates,
      message: answer(),
      observer: { onDelta: (_m, d) => deltas.push(d) },
    });
    assert.equal(m.status, 'complete');
    assert.equal(m.content, 'Paris is the capital.');
    assert.deepEqual(m.candidates, [
      { content: 'Paris is the capital.', finishReason: 'stop' },
      { content: 'It is Paris', reasoning: 'hmm', finishReason: 'length' },
    ]);
    assert.equal(m.chosen, 0, 'the conversation continues with the first until the user picks');
    assert.deepEqual(deltas, [
      { reasoning: 'hmm', choice: 1 },
      { content: 'Paris' }, { content: 'It is ', choice: 1 }, { content: ' is the capital.' }, { content: 'Paris', choice: 1 },
    ]);
  });

  it('has a candidate for every choice asked for, even one that never said anything', async () => {
    const m = await runTurn({
      client: fakeClient([text(0, 'only one'), done(choice(0, 'only one'), choice(1, '', 'content_filter'))]),
      request: twoCandidates,
      message: answer(),
    });
    assert.equal(m.candidates?.length, 2);
    assert.deepEqual(m.candidates?.[1], { content: '', finishReason: 'content_filter' });
  });

  it('keeps every candidate\'s text when the stream breaks', async () => {
    const err = Object.assign(new Error('connection reset'), { kind: 'network', url: 'u' });
    const m = await runTurn({ client: fakeClient([text(0, 'half of A'), text(1, 'half of B')], err), request: twoCandidates, message: answer() });
    assert.equal(m.status, 'interrupted');
    assert.deepEqual(m.candidates?.map((c) => c.content), ['half of A', 'half of B']);
    assert.equal(m.content, 'half of A');
  });

  it('continues an interrupted answer: candidates keep their text and get the rest', async () => {
    const m = answer();
    Object.assign(m, { content: 'First A', status: 'interrupted', error: { kind: 'network', message: 'x' }, candidates: [{ content: 'First A' }, { content: 'First B' }] });
    await runTurn({
      client: fakeClient([text(0, ', then A.'), text(1, ', then B.'), done(choice(0, ', then A.'), choice(1, ', then B.'))]),
      request: twoCandidates,
      message: m,
    });
    assert.equal(m.status, 'complete');
    assert.equal(m.content, 'First A, then A.');
    assert.deepEqual(m.candidates, [{ content: 'First A, then A.', finishReason: 'stop' }, { content: 'First B, then B.', finishReason: 'stop' }]);
  });

  it('fills candidates from a whole (stream: false) answer too', async () => {
    const client: StreamingClient = {
      stream: () => { throw new Error('not streamed'); },
      complete: async () => ({ id: 'r', model: 'm', choices: [choice(0, 'one'), choice(1, 'two')], usage: null }),
    };
    const m = await runTurn({ client, request: { ...twoCandidates, stream: false }, message: answer() });
    assert.equal(m.content, 'one');
    assert.deepEqual(m.candidates?.map((c) => c.content), ['one', 'two']);
  });
});
