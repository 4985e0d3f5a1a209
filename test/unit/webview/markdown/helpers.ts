// Shared test plumbing: a jsdom document per test, a seeded PRNG for reproducible chunkings, and
// helpers to stream text into a renderer.
import { JSDOM } from 'jsdom';
import { StreamingMarkdown, renderMarkdownOnce, type RenderHooks } from '../../../../src/webview/markdown';

export function newContainer(): { container: HTMLElement; window: JSDOM['window'] } {
  const dom = new JSDOM('<!doctype html><body></body>');
  const container = dom.window.document.createElement('div');
  dom.window.document.body.append(container);
  return { container, window: dom.window };
}

/** mulberry32: tiny, fast, good enough to pick chunk sizes reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomChunks(text: string, seed: number, maxChunk: number): string[] {
  const random = seededRandom(seed);
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

export function fixedChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

export function streamed(chunks: string[], hooks?: RenderHooks, finish = true): { container: HTMLElement; renderer: StreamingMarkdown } {
  const { container } = newContainer();
  const renderer = new StreamingMarkdown(container, hooks);
  for (const chunk of chunks) renderer.append(chunk);
  if (finish) renderer.finish();
  return { container, renderer };
}

export function oneShot(text: string, hooks?: RenderHooks): HTMLElement {
  const { container } = newContainer();
  renderMarkdownOnce(container, text, hooks);
  return container;
}

/** Every element under (and including) `root`, in document order. */
export function allElements(root: Element): Element[] {
  return [root, ...Array.from(root.querySelectorAll('*'))];
}
