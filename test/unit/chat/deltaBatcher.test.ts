import assert from 'node:assert/strict';
import { DeltaBatcher, type Batch } from '../../../src/chat/turn/deltaBatcher';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DeltaBatcher', () => {
  it('posts the first delta at once, coalesces while a post is unacknowledged, one post per choice (window of one)', () => {
    const posts: Batch[] = [];
    const b = new DeltaBatcher((x) => posts.push(x), 10_000, 1);
    b.add('m1', { content: 'Pa' });
    assert.deepEqual(posts, [{ messageId: 'm1', content: 'Pa', reasoning: '' }], 'no waiting on a quiet stream');
    b.add('m1', { content: 'ris' });
    b.add('m1', { content: 'It ', choice: 1 });
    b.add('m1', { reasoning: 'hmm', choice: 2 });
    b.add('m1', { content: 'is', choice: 1 });
    assert.equal(posts.length, 1, 'nothing more until the panel has shown the first post');
    b.ack();
    assert.deepEqual(posts.slice(1), [
      { messageId: 'm1', content: 'ris', reasoning: '' },
      { messageId: 'm1', content: 'It is', reasoning: '', choice: 1 },
      { messageId: 'm1', content: '', reasoning: 'hmm', choice: 2 },
    ]);
    b.ack();
    b.add('m1', { content: ' Paris', choice: 1 });
    assert.deepEqual(posts.at(-1), { messageId: 'm1', content: ' Paris', reasoning: '', choice: 1 }, 'after an ack with nothing waiting, the next delta goes at once');
    assert.equal(posts.length, 5);
    b.dispose();
  });

  it('keeps two posts in flight by default: a delta right after a post still leaves at once; counted acks free the window', () => {
    const posts: string[] = [];
    const b = new DeltaBatcher((x) => posts.push(x.content), 10_000);
    b.add('m1', { content: 'a' });
    b.add('m1', { content: 'b' });
    assert.deepEqual(posts, ['a', 'b'], 'the second delta does not wait for the first to be painted');
    b.add('m1', { content: 'c' });
    b.add('m1', { content: 'd' });
    assert.deepEqual(posts, ['a', 'b'], 'a full window coalesces');
    b.ack(1);
    assert.deepEqual(posts, ['a', 'b', 'cd'], 'one painted post frees one place');
    b.add('m1', { content: 'e' });
    assert.equal(posts.length, 3, 'the window is full again');
    b.ack(2);
    assert.deepEqual(posts, ['a', 'b', 'cd', 'e']);
    b.ack(5);
    b.add('m1', { content: 'f' });
    b.add('m1', { content: 'g' });
    assert.deepEqual(posts.slice(4), ['f', 'g'], 'an ack for more than was in flight never goes below an empty window');
    b.dispose();
  });

  it('a panel that never acknowledges still gets what gathered, after the timeout', async () => {
    const posts: Batch[] = [];
    const b = new DeltaBatcher((x) => posts.push(x), 20);
    b.add('m1', { content: 'a' });
    b.add('m1', { content: 'b' });
    b.add('m1', { content: 'c' });
    assert.equal(posts.length, 2);
    for (let i = 0; i < 100 && posts.length < 3; i++) await wait(10);
    assert.deepEqual(posts.map((p) => p.content), ['a', 'b', 'c']);
    b.dispose();
  });

  it('flushes at once on demand and posts nothing empty', () => {
    const posts: Batch[] = [];
    const b = new DeltaBatcher((x) => posts.push(x), 10_000);
    b.add('m1', { content: '' });
    assert.equal(posts.length, 0, 'an empty delta is no post');
    b.add('m1', { content: 'x', choice: 1 });
    b.add('m1', { content: 'y', choice: 1 });
    b.flush();
    assert.deepEqual(posts, [{ messageId: 'm1', content: 'x', reasoning: '', choice: 1 }, { messageId: 'm1', content: 'y', reasoning: '', choice: 1 }]);
    b.flush();
    assert.equal(posts.length, 2);
    b.dispose();
  });

  it('never mixes two messages in one post', () => {
    const posts: Batch[] = [];
    const b = new DeltaBatcher((x) => posts.push(x), 10_000);
    b.add('m0', { content: 'first' });
    b.add('m1', { content: 'end of one' });
    b.add('m2', { content: 'start of two' });
    b.flush();
    assert.deepEqual(posts.map((p) => [p.messageId, p.content]), [['m0', 'first'], ['m1', 'end of one'], ['m2', 'start of two']]);
    b.dispose();
  });
});
