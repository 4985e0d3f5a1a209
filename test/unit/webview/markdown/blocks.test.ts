// The "is this block finished?" rule on its own: it must never freeze a block that later text could
// still change, and must freeze a closed fence as soon as its closing line is complete.
import assert from 'node:assert/strict';
import { finishedPrefix, newlineOffsets, topLevelBlocks } from '../../../../src/webview/markdown/blocks';
import { parseMarkdown } from '../../../../src/webview/markdown/markdownParser';

function finished(source: string): { count: number; consumed: string } {
  const tokens = parseMarkdown(source);
  const result = finishedPrefix(tokens, topLevelBlocks(tokens), source, newlineOffsets(source));
  return { count: result.count, consumed: source.slice(0, result.consumed) };
}

describe('markdown: which blocks are finished', () => {
  it('splits tokens into top-level blocks with their lines', () => {
    const blocks = topLevelBlocks(parseMarkdown('# h\n\n- a\n  - b\n\n```\nx\n```\n'));
    assert.deepEqual(blocks.map((b) => [b.firstLine, b.endLine]), [[0, 1], [2, 5], [5, 8]]);
  });

  it('keeps a block open while the next one starts on an incomplete line', () => {
    assert.equal(finished('1. a\n\n2').count, 0, '"2" may become "2. b" and join the list');
    assert.equal(finished('para\n\nnext').count, 0);
    assert.equal(finished('para\n\nnext\n').count, 0, 'the next block needs one more complete line (table look-ahead)');
  });

  it('freezes a block once the next block starts two complete lines back', () => {
    assert.deepEqual(finished('para\n\nnext\nmore\n'), { count: 1, consumed: 'para\n\n' });
    assert.deepEqual(finished('# a\n# b\n# c\n# d'), { count: 1, consumed: '# a\n' });
  });

  it('does not let a one-line table candidate freeze the paragraph above', () => {
    assert.equal(finished('intro\n| a | b |\n|---|').count, 0);
  });

  it('freezes a fence the moment its closing line is complete', () => {
    assert.deepEqual(finished('```js\nx\n```\n'), { count: 1, consumed: '```js\nx\n```\n' });
    assert.equal(finished('```js\nx\n```').count, 0, 'the closer could still become "```x"');
    assert.equal(finished('```js\nx\n').count, 0);
    assert.equal(finished('````\nx\n```\n').count, 0, 'a shorter closer does not close');
    assert.equal(finished('~~~~\nx\n~~~~~  \n').count, 1, 'a longer closer with trailing spaces does');
    assert.equal(finished('~~~\nx\n```\n').count, 0, 'the other marker does not');
    assert.equal(finished('```\n```\n').count, 1, 'an empty fence');
  });
});
