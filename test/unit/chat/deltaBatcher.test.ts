import assert from 'node:assert/strict';
import { DeltaBatcher, type Batch } from '../../../src/chat/turn/deltaBatcher';

const nextFrame = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('DeltaBatcher', () => {
  it('posts once per frame for each choice, choice 0 without a choice field', async () => {
    const posts: Batch[] = [];
    const b = new DeltaBatcher((x) => posts.push(x), 10);
    b.add('m1', { content: 'Par' });
    b.add('m1', { content: 'It ', choice: 1 });
    b.add('m1', { content: 'is' });
    b.add('m1', { reasoning: 'hmm', choice: 2 });
    b.add('m1', { content: 'is', choice: 1 });
    assert.equal(posts.length, 0, 'nothing before the frame ends');
    await nextFrame();
    assert.deepEqual(posts, [
      { messageId: 'm1', content: 'Paris', reasoning: '' },
      { messageId: 'm1', content: 'It is', reasoning: '', choice: 1 },
      { messageId: 'm1', content: '', reasoning: 'hmm', choice: 2 },
    ]);
    b.add('m1', { content: ' Paris', choice: 1 });
    await nextFrame();
    assert.deepEqual(posts.at(-1), { messageId: 'm1', content: ' Paris', reasoning: '', choice: 1 }, 'a later frame posts only the choice that changed');
    assert.equal(posts.length, 4);
  });

  it('flushes at once on demand and posts nothing empty', () => {
    const posts: Batch[] = [];
    const b = new DeltaBatcher((x) => posts.push(x), 1000);
    b.add('m1', { content: '' });
    b.add('m1', { content: 'x', choice: 1 });
    b.flush();
    assert.deepEqual(posts, [{ messageId: 'm1', content: 'x', reasoning: '', choice: 1 }]);
    b.flush();
    assert.equal(posts.length, 1);
  });

  it('never mixes two messages in one post', () => {
    const posts: Batch[] = [];
    const b = new DeltaBatcher((x) => posts.push(x), 1000);
    b.add('m1', { content: 'end of one' });
    b.add('m2', { content: 'start of two' });
    b.flush();
    assert.deepEqual(posts.map((p) => [p.messageId, p.content]), [['m1', 'end of one'], ['m2', 'start of two']]);
  });
});
