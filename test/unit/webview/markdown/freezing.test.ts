// Finished blocks are rendered once and never touched again; only the open tail is re-rendered,
// code is highlighted when its fence closes, and the work done is linear in the answer's length.
import assert from 'node:assert/strict';
import { StreamingMarkdown } from '../../../../src/webview/markdown';
import { topLevelBlocks } from '../../../../src/webview/markdown/blocks';
import { parseMarkdown } from '../../../../src/webview/markdown/markdownParser';
import { mixedFixture, shortBlocksFixture } from './fixtures';
import { fixedChunks, newContainer, randomChunks, streamed } from './helpers';

type Decorated = { pre: HTMLPreElement; code: string; lang: string; index: number };

describe('markdown: freezing finished blocks', function () {
  this.timeout(60_000);

  it('renders every top-level block exactly once and parses once per call', () => {
    const text = mixedFixture(2);
    const chunks = randomChunks(text, 42, 12);
    const { renderer } = streamed(chunks);
    assert.equal(renderer.stats.frozenBlocks, topLevelBlocks(parseMarkdown(text)).length);
    assert.equal(renderer.stats.parses, chunks.length + 1, 'one parse per append, one for finish');
    assert.ok(renderer.stats.tailRenders <= chunks.length);
  });

  it('keeps the DOM nodes of frozen blocks across appends (identity and content)', () => {
    const { container } = newContainer();
    const renderer = new StreamingMarkdown(container);
    const frozen = container.querySelector('.md-blocks')!;
    const tail = container.querySelector('.md-tail')!;
    const firstSeen = new Map<Node, { html: string; step: number }>();
    const chunks = randomChunks(mixedFixture(2), 7, 20);
    chunks.forEach((chunk, step) => {
      renderer.append(chunk);
      const nodes = frozenNodes(frozen);
      // Frozen content only ever grows at the end: everything seen before is still there, in place.
      assert.deepEqual(nodes.slice(0, firstSeen.size), [...firstSeen.keys()], `step ${step}`);
      for (const node of nodes.slice(firstSeen.size)) firstSeen.set(node, { html: (node as Element).outerHTML ?? node.textContent, step });
    });
    renderer.finish();
    assert.equal(tail.childNodes.length, 0, 'finish() empties the tail');
    assert.ok([...frozen.children].every((chunk) => chunk.className === 'md-chunk' && chunk.childElementCount <= 32), 'frozen blocks go in chunks of 32');
    const final = frozenNodes(frozen);
    const kept = final.filter((node) => firstSeen.get(node));
    assert.ok(kept.length > 50, `most blocks were frozen before finish (${kept.length})`);
    for (const node of kept) assert.equal((node as Element).outerHTML ?? node.textContent, firstSeen.get(node)!.html, 'a frozen node never changes');
    assert.ok(kept.filter((node) => firstSeen.get(node)!.step < chunks.length / 4).length > 10, 'nodes frozen early survive to the end');
  });

  it('shows an open fence as plain text and highlights it once the closing line is complete', () => {
    const decorated: Decorated[] = [];
    const { container } = newContainer();
    const renderer = new StreamingMarkdown(container, { decorateCodeBlock: (info) => decorated.push(info) });
    renderer.append('Intro\n\n```ts\nconst a: number = 1;\n');
    let pre = container.querySelector('pre')!;
    assert.ok(pre.classList.contains('md-code-pending'));
    assert.equal(pre.querySelector('[class^="hljs-"]'), null, 'no highlighting while open');
    assert.equal(pre.textContent, 'const a: number = 1;\n');
    renderer.append('```');
    assert.ok(container.querySelector('pre')!.classList.contains('md-code-pending'), '"```" could still become "```x"');
    assert.equal(decorated.length, 0);
    renderer.append('\n');
    pre = container.querySelector('pre')!;
    assert.ok(!pre.classList.contains('md-code-pending'));
    assert.equal(pre.getAttribute('data-lang'), 'ts');
    assert.equal(pre.querySelector('code')!.className, 'hljs language-ts');
    assert.ok(pre.querySelector('.hljs-keyword'), 'highlighted after the fence closed');
    assert.deepEqual(decorated.map((d) => [d.code, d.lang, d.index, d.pre === pre]), [['const a: number = 1;\n', 'ts', 0, true]]);
    renderer.append('More text.\n\n```py\nprint(1)\n```\n\nEnd.');
    renderer.finish();
    assert.equal(container.querySelector('pre'), pre, 'the first block was not re-rendered');
    assert.deepEqual(decorated.map((d) => [d.lang, d.index]), [['ts', 0], ['py', 1]]);
  });

  it('decorates each code block exactly once, in order, with its raw text', () => {
    const decorated: Decorated[] = [];
    const { container } = streamed(randomChunks(mixedFixture(3), 99, 9), { decorateCodeBlock: (info) => decorated.push(info) });
    const pres = Array.from(container.querySelectorAll('pre.md-code'));
    assert.ok(pres.length >= 20);
    assert.deepEqual(decorated.map((d) => d.index), pres.map((_, i) => i));
    assert.deepEqual(decorated.map((d) => d.pre), pres, 'the live elements, in document order');
    for (const d of decorated) assert.equal(d.pre.textContent, d.code);
    assert.equal(container.querySelectorAll('.md-code-pending').length, 0, 'finish() freezes the unclosed fence too');
  });

  it('does work linear in the answer length (characters parsed across all appends)', () => {
    const parsed = (blocks: number, delta: number) => {
      const text = shortBlocksFixture(blocks);
      const { renderer } = streamed(fixedChunks(text, delta));
      return { ratio: renderer.stats.parsedChars / text.length, total: renderer.stats.parsedChars };
    };
    const small = parsed(40, 100);
    const large = parsed(400, 100);
    assert.ok(large.ratio < 3, `100-char deltas parse < 3x the text (${large.ratio.toFixed(2)})`);
    assert.ok(large.total < 12 * small.total, `10x the text parses < 12x as much (${(large.total / small.total).toFixed(1)}x)`);
    const tiny = parsed(200, 4);
    assert.ok(tiny.total < 12 * parsed(20, 4).total, '4-char deltas scale linearly too');
  });

  it('takes time roughly linear in the answer length (generous bound)', () => {
    const time = (blocks: number) => {
      const chunks = fixedChunks(shortBlocksFixture(blocks), 100);
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const start = performance.now();
        streamed(chunks);
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    time(20); // warm up
    const small = time(40);
    const large = time(400);
    assert.ok(large < 30 * small, `10x the text took ${(large / small).toFixed(1)}x the time`);
  });
});

/** The frozen blocks (and the text between them), out of their chunks. */
function frozenNodes(frozen: Element): Node[] {
  return Array.from(frozen.children).flatMap((chunk) => Array.from(chunk.childNodes));
}
