import assert from 'node:assert/strict';
import { chooseCompaction, spanBeforeLastTurn } from '../../../../src/chat/context/compaction';
import { requestHistory, SUMMARY_PREAMBLE } from '../../../../src/chat/context/requestHistory';
import type { MessageRecord } from '../../../../src/shared/conversation';

let seq = 0;
const msg = (role: 'user' | 'assistant', content: string, extra: Partial<MessageRecord> = {}): MessageRecord =>
  ({ id: `m${++seq}`, role, content, status: 'complete', createdAt: seq, ...extra });
const toolAnswer = (result: string) => msg('assistant', '', { toolCalls: [{ id: `c${seq}`, name: 'read_file', arguments: '{}', state: 'done', result }] });

/** Tokens as characters / 10, so the arithmetic is easy to follow. */
const count = (m: MessageRecord, stubbed: boolean) => {
  const r = requestHistory([m], stubbed ? new Set([m.id]) : undefined)[0] ?? m;
  const text = r.content + (r.toolCalls ?? []).map((c) => c.result ?? '').join('') + (r.attachments ?? []).map((a) => a.text ?? '').join('');
  return Math.ceil(text.length / 10);
};

describe('compaction: what to cut when a request would not fit', () => {
  it('does nothing when it fits', () => {
    const history = [msg('user', 'x'.repeat(100)), msg('assistant', 'y'.repeat(100)), msg('user', 'z'.repeat(100))];
    const c = chooseCompaction({ history, count, fixed: 10, budget: 100 });
    assert.deepEqual({ stubs: c.stubs, summarise: c.summarise, fits: c.fits, before: c.before }, { stubs: [], summarise: [], fits: true, before: 40 });
  });

  it('cuts old tool results first, oldest first, and stops once it fits', () => {
    const history = [msg('user', 'read the files'), toolAnswer('a'.repeat(3000)), toolAnswer('b'.repeat(3000)), msg('assistant', 'done'), msg('user', 'and now?')];
    const c = chooseCompaction({ history, count, fixed: 0, budget: 400 });
    assert.deepEqual(c.stubs, [history[1].id], 'one stub was enough');
    assert.deepEqual(c.summarise, []);
    assert.ok(c.fits && c.after <= 400 && c.before > 600);
  });

  it('never cuts the newest tool results or the current prompt\'s attachments', () => {
    const history = [msg('user', 'look', { attachments: [{ kind: 'file', label: 'big.ts', text: 'q'.repeat(5000) }] }), toolAnswer('r'.repeat(5000))];
    const c = chooseCompaction({ history, count, fixed: 0, budget: 100 });
    assert.deepEqual(c.stubs, []);
    assert.equal(c.fits, false);
  });

  it('summarises the oldest whole turns when stubs are not enough, keeping the current turn', () => {
    const history = [
      msg('user', 'a'.repeat(1000)), msg('assistant', 'b'.repeat(1000)),
      msg('user', 'c'.repeat(1000)), msg('assistant', 'd'.repeat(1000)),
      msg('user', 'e'.repeat(1000)), msg('assistant', 'f'.repeat(1000)),
      msg('user', 'now'),
    ];
    const c = chooseCompaction({ history, count, fixed: 0, budget: 400 });
    assert.deepEqual(c.summarise, history.slice(0, 4).map((m) => m.id), 'two turns: the span ends before a user message');
    assert.ok(c.fits, `after ${c.after}`);
    const tight = chooseCompaction({ history, count, fixed: 0, budget: 200 });
    assert.deepEqual(tight.summarise, history.slice(0, 6).map((m) => m.id), 'everything before the current turn');
  });

  it('leaves summarised originals out and counts the active summary instead', () => {
    const a = msg('user', 'a'.repeat(1000));
    const b = msg('assistant', 'b'.repeat(1000));
    const s = msg('assistant', 'short summary', { summary: { messages: 2 } });
    a.summarisedBy = b.summarisedBy = s.id;
    const history = [a, b, s, msg('user', 'next')];
    const c = chooseCompaction({ history, count, fixed: 0, budget: 50 });
    assert.ok(c.fits && c.before < 30, `${c.before}`);
    const sent = requestHistory(history);
    assert.equal(sent.length, 1, 'the summary rides with the next user message');
    assert.ok(sent[0].content.startsWith(SUMMARY_PREAMBLE) && sent[0].content.includes('short summary') && sent[0].content.endsWith('next'));
  });

  it('undone: the originals are sent again and the summary is not', () => {
    const a = msg('user', 'first');
    const s = msg('assistant', 'sum', { summary: { messages: 1, undone: true } });
    const sent = requestHistory([a, s, msg('user', 'second')]);
    assert.deepEqual(sent.map((m) => m.content), ['first', 'second']);
  });

  it('the command summarises everything before the last turn, and nothing when there is too little', () => {
    const history = [msg('user', 'q1'), msg('assistant', 'a1'), msg('user', 'q2'), msg('assistant', 'a2')];
    assert.deepEqual(spanBeforeLastTurn(history), history.slice(0, 2).map((m) => m.id));
    assert.deepEqual(spanBeforeLastTurn(history.slice(0, 2)), []);
  });

  it('stubs keep the path and size of what was cut', () => {
    const m = msg('user', 'see', { attachments: [{ kind: 'file', label: 'a.ts', path: 'src/a.ts', text: 'x'.repeat(500) }] });
    const [r] = requestHistory([m], new Set([m.id]));
    assert.equal(r.attachments?.[0].path, 'src/a.ts');
    assert.match(r.attachments?.[0].text ?? '', /cut to save context, 500 characters/);
    assert.equal(m.attachments?.[0].text?.length, 500, 'the saved record keeps the original');
  });
});
