import assert from 'node:assert/strict';
import { beginAnswer, foldDelta, foldEnd } from '../../../src/shared/answerReducer';
import type { MessageRecord } from '../../../src/shared/conversation';

const answer = (over: Partial<MessageRecord> = {}): MessageRecord => ({ id: 'a', role: 'assistant', content: '', status: 'complete', createdAt: 0, ...over });

describe('answer reducer: one fold for the chat layer and the webview', () => {
  it('folds text and reasoning of a single answer, and ignores other choices', () => {
    const m = answer();
    beginAnswer(m, 1);
    assert.equal(m.status, 'streaming');
    assert.equal(foldDelta(m, { reasoning: 'think' }), true);
    assert.equal(foldDelta(m, { content: 'Hel' }), true);
    assert.equal(foldDelta(m, { content: 'lo' }), true);
    assert.equal(foldDelta(m, { content: 'other', choice: 1 }), false);
    assert.deepEqual([m.content, m.reasoning, m.candidates], ['Hello', 'think', undefined]);
  });

  it('gives each of n choices a candidate; choice 0 is the answer too', () => {
    const m = answer();
    beginAnswer(m, 2);
    foldDelta(m, { content: 'A' });
    foldDelta(m, { content: 'B', choice: 1 });
    foldDelta(m, { reasoning: 'r1', choice: 1 });
    assert.equal(m.content, 'A');
    assert.deepEqual(m.candidates, [{ content: 'A' }, { content: 'B', reasoning: 'r1' }]);
  });

  it('the same deltas folded on both sides give the same record (what the webview relies on)', () => {
    const host = answer();
    beginAnswer(host, 3);
    const panel = structuredClone(host);
    const deltas = [{ content: 'x' }, { content: 'y', choice: 2 }, { reasoning: 'z', choice: 1 }, { content: '!' }];
    for (const d of deltas) foldDelta(host, d);
    for (const d of deltas) foldDelta(panel, d);
    assert.deepEqual(panel, host);
  });

  it('a continued answer keeps what streamed; the ends come from the assembled response', () => {
    const m = answer({ content: 'Part one. ', error: { kind: 'network', message: 'lost' }, status: 'interrupted' });
    beginAnswer(m, 1);
    assert.equal(m.error, undefined, 'a new attempt clears the old error');
    foldDelta(m, { content: 'Part two.' });
    foldEnd(m, { extras: { citations: [{ url: 'https://a.example' }] }, toolCalls: [{ id: 't', name: 'read_file', arguments: '{}', state: 'pending' }] });
    assert.equal(m.content, 'Part one. Part two.');
    assert.deepEqual(m.citations, [{ url: 'https://a.example' }]);
    assert.equal(m.toolCalls?.[0].id, 't');
  });

  it('candidates keep their streamed text and take the finish reasons, the first is chosen', () => {
    const m = answer();
    beginAnswer(m, 2);
    foldDelta(m, { content: 'streamed A' });
    foldDelta(m, { content: 'streamed B', choice: 1 });
    foldEnd(m, { extras: { candidates: [{ content: 'A', finishReason: 'stop' }, { content: 'B', finishReason: 'length' }] } });
    assert.deepEqual(m.candidates, [{ content: 'streamed A', finishReason: 'stop' }, { content: 'streamed B', finishReason: 'length' }]);
    assert.equal(m.chosen, 0);
  });
});
