// The final DOM must not depend on how the text was chunked: streaming in any chunking, then
// finish(), equals renderMarkdownOnce, which equals rendering one whole-text parse at once.
import assert from 'node:assert/strict';
import { parseMarkdown, renderEnv, renderTokens } from '../../../../src/webview/markdown/markdownParser';
import { sanitizeToFragment } from '../../../../src/webview/markdown/sanitize';
import { mixedFixture } from './fixtures';
import { fixedChunks, newContainer, oneShot, randomChunks, streamed } from './helpers';

/**
 * Independent reference: one markdown-it parse of the whole text, rendered in a single call, its
 * top-level elements grouped 32 to a chunk (a node that is not an element stays with the one before).
 */
function wholeParseHtml(text: string): string {
  const { container } = newContainer();
  container.append(sanitizeToFragment(container.ownerDocument, renderTokens(parseMarkdown(text), renderEnv(true))));
  const chunks: string[][] = [];
  let elements = 0;
  for (const node of Array.from(container.childNodes)) {
    const isElement = node.nodeType === 1;
    if (isElement && elements++ % 32 === 0) chunks.push([]);
    chunks[chunks.length - 1].push(isElement ? (node as Element).outerHTML : node.textContent ?? '');
  }
  return `<div class="md-blocks">${chunks.map((c) => `<div class="md-chunk">${c.join('')}</div>`).join('')}</div><div class="md-tail"></div>`;
}

function assertSameHtml(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  assert.fail(`${what}: differs at ${i}\n  got:      ${JSON.stringify(actual.slice(i - 80, i + 80))}\n  expected: ${JSON.stringify(expected.slice(i - 80, i + 80))}`);
}

describe('markdown: streaming equals one-shot', function () {
  this.timeout(60_000);
  const fixture = mixedFixture(3);
  const expected = oneShot(fixture).innerHTML;

  it('the fixture really is mixed (guards the guard)', () => {
    const html = expected;
    assert.ok((html.match(/<pre class="md-code"/g) ?? []).length >= 20, 'at least 20 code blocks');
    for (const tag of ['<table>', '<blockquote>', '<ol', '<ul>', '<h1>', '<h2>', '<hr>', 'data-lang="unknownlang"']) {
      assert.ok(html.includes(tag), `has ${tag}`);
    }
    assert.ok(html.includes('unfinished'), 'ends in the unclosed fence');
  });

  it('one-shot equals a single whole-text parse (block splitting changes nothing)', () => {
    assertSameHtml(expected, wholeParseHtml(fixture), 'one-shot vs whole parse');
    assert.ok((expected.match(/<div class="md-chunk">/g) ?? []).length >= 3, 'the fixture spans several chunks');
  });

  for (const [seed, maxChunk] of [[1, 3], [2, 8], [3, 17], [4, 40], [5, 120], [6, 600], [7, 2], [8, 64], [9, 5], [10, 300]]) {
    it(`random chunks up to ${maxChunk} chars (seed ${seed})`, () => {
      const { container } = streamed(randomChunks(fixture, seed, maxChunk));
      assertSameHtml(container.innerHTML, expected, `seed ${seed}`);
    });
  }

  it('one character at a time, and the whole text as one delta', () => {
    const small = mixedFixture(1);
    assertSameHtml(streamed(fixedChunks(small, 1)).container.innerHTML, oneShot(small).innerHTML, 'char by char');
    assertSameHtml(streamed([fixture]).container.innerHTML, expected, 'single delta');
  });

  it('CRLF split between deltas counts as one line break', () => {
    const text = 'a\r\n\r\n- b\r\n- c\r\n\r\n```js\r\nx\r\n```\r\ntail';
    for (let cut = 1; cut < text.length; cut++) {
      const html = streamed([text.slice(0, cut), text.slice(cut)]).container.innerHTML;
      assertSameHtml(html, oneShot(text).innerHTML, `cut at ${cut}`);
    }
    assertSameHtml(oneShot(text).innerHTML, oneShot(text.replace(/\r\n/g, '\n')).innerHTML, 'CRLF vs LF');
  });

  // Each case is a construct whose meaning depends on text that arrives later.
  const edgeCases: Record<string, string> = {
    'ordered list continues after a blank line': '1. a\n\n2. b\n\n3. c\n\nafter\n',
    'digit that becomes a list item': 'para\n\n1. a\n\n2\n\n2. b\n',
    'setext heading vs list': 'para\n-\n\npara\n- item\n\npara\n---\n',
    'table after paragraph': 'intro\n| a | b |\n|---|---|\n| 1 | 2 |\n\nnext\n',
    'invalid delimiter row': 'intro\n| a | b |\n|---|---|x\n\nnext\n',
    'loose vs tight list': '- a\n- b\n\n- c\n\npara\n\n- d\n- e\n',
    'lazy blockquote': '> a\nb\n\n> c\n\nd\n',
    'longer fences and tilde fences': '````\n```\nin\n```\n````\n\n~~~\n```\n~~~\n\n~~~~py\nx\n~~~\n~~~~\nend\n',
    'fence closer that grows past a valid length': '```\ncode\n```` \nafter\n',
    'backtick info string makes it not a fence': 'para\n``` a`b\nmore\n',
    'unclosed fence at the end': 'text\n\n```python\nprint(1)\n',
    'indented code then paragraph': 'p\n\n    code\n\n    more code\nnot code\n',
    'references render literally': '[a][x]\n\n[x]: https://example.com\n\n[x]\n',
    'think tag literal': '<think>\nreasoning\n</think>\n\nanswer\n',
    'nested list with fence': '- a\n\n  ```js\n  x()\n  ```\n\n- b\n',
  };
  for (const [name, text] of Object.entries(edgeCases)) {
    it(`edge case: ${name}`, () => {
      const want = oneShot(text).innerHTML;
      assertSameHtml(want, wholeParseHtml(text), 'vs whole parse');
      for (const size of [1, 2, 3, 5]) assertSameHtml(streamed(fixedChunks(text, size)).container.innerHTML, want, `chunks of ${size}`);
    });
  }
});
