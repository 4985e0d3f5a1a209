// Renders an assistant answer that arrives as text deltas, at a cost linear in its length.
//
// The text is kept whole (`text`); only its un-frozen tail is parsed on each append. Tail blocks
// that can no longer change (see blocks.ts) are rendered once, highlighted, sanitized, appended to
// the container and never touched again; the rest of the tail is re-rendered in place. Because a frozen
// block is exactly what a whole-text parse would produce for it, the final DOM is the same however
// the text was chunked, and the same as renderMarkdownOnce.
//
// DOM: container.md-root > div.md-blocks (frozen blocks, append-only, 32 to a div.md-chunk) +
// div.md-tail (the open tail, replaced on each append). Two wrappers keep every mutation local: replacing the tail never touches
// a list as long as the whole answer (some DOMs, jsdom among them, pay per sibling on removal).
import { finishedPrefix, newlineOffsets, topLevelBlocks } from './blocks';
import { parseMarkdown, renderEnv, renderTokens, type MarkdownToken } from './markdownParser';
import { sanitizeToFragment } from './sanitize';
import { isSafeLinkHref } from './urls';

export interface CodeBlockInfo {
  pre: HTMLPreElement;
  code: string;
  lang: string;
  index: number;
}

export interface RenderHooks {
  /**
   * Called once for each finished code block (fenced or indented), after it is highlighted and
   * inserted, to add a toolbar (copy/insert/apply). `code` is the block's text exactly as written
   * (usually ending in '\n'); `lang` is the first word of the fence info ('' if none); `index`
   * counts code blocks in this message from 0.
   */
  decorateCodeBlock?(info: CodeBlockInfo): void;
  /** A link the user clicked (already judged safe: http/https/mailto only). The host opens it after showing the target. */
  onLinkClick?(href: string): void;
}

/** Counters for tests and benchmarks; they cost nothing to keep. */
export interface RenderStats {
  /** markdown-it parses and the characters they covered (linear streaming keeps this O(length)). */
  parses: number;
  parsedChars: number;
  /** Top-level blocks frozen so far; each was rendered exactly once. */
  frozenBlocks: number;
  /** Re-renders of the open tail. */
  tailRenders: number;
}

/** Frozen blocks per chunk (see chunkFor). */
const CHUNK_BLOCKS = 32;

export class StreamingMarkdown {
  readonly stats: RenderStats = { parses: 0, parsedChars: 0, frozenBlocks: 0, tailRenders: 0 };
  private raw = '';
  /** The text after the last frozen block, CRLF / CR turned into LF (as markdown-it would anyway). */
  private open = '';
  /** A trailing '\r' is held back until we know whether '\n' follows (one line break, not two). */
  private pendingCR = false;
  private readonly frozen: HTMLElement;
  private readonly tail: HTMLElement;
  private codeBlockCount = 0;
  private readonly onClick = (event: MouseEvent) => this.handleClick(event);

  /** Takes over `container`: its children are replaced by the rendered answer. */
  constructor(private readonly container: HTMLElement, private readonly hooks: RenderHooks = {}) {
    const doc = container.ownerDocument;
    this.frozen = Object.assign(doc.createElement('div'), { className: 'md-blocks' });
    this.tail = Object.assign(doc.createElement('div'), { className: 'md-tail' });
    container.classList.add('md-root');
    container.replaceChildren(this.frozen, this.tail);
    // One delegated listener: frozen and re-rendered nodes alike need no wiring of their own.
    container.addEventListener('click', this.onClick);
  }

  /** Everything received so far, exactly as received. */
  get text(): string {
    return this.raw;
  }

  /** New text arrived: freeze what became final and re-render the open tail (one parse). */
  append(delta: string): void {
    if (!delta) return;
    this.raw += delta;
    this.addSource(delta);
    this.render(false);
  }

  /**
   * Replace everything (e.g. a saved message) and render once. `complete` means the text is the
   * whole answer: the same as calling finish() afterwards, in one parse instead of two.
   */
  setText(full: string, complete = false): void {
    this.frozen.replaceChildren();
    this.tail.replaceChildren();
    this.open = '';
    this.pendingCR = false;
    this.codeBlockCount = 0;
    this.raw = full;
    this.addSource(full);
    if (complete) this.finish();
    else this.render(false);
  }

  /** The answer is complete: the tail freezes too (an unclosed fence is highlighted as it stands). */
  finish(): void {
    if (this.pendingCR) this.open += '\n';
    this.pendingCR = false;
    this.render(true);
  }

  /** Remove the click listener (the rendered DOM stays). */
  dispose(): void {
    this.container.removeEventListener('click', this.onClick);
  }

  private addSource(delta: string): void {
    let chunk = this.pendingCR ? `\r${delta}` : delta;
    this.pendingCR = chunk.endsWith('\r');
    if (this.pendingCR) chunk = chunk.slice(0, -1);
    this.open += chunk.replace(/\r\n?/g, '\n');
  }

  private render(final: boolean): void {
    const tail = this.open;
    const tokens = parseMarkdown(tail);
    this.stats.parses++;
    this.stats.parsedChars += tail.length;
    const blocks = topLevelBlocks(tokens);
    const done = final
      ? { count: blocks.length, consumed: tail.length }
      : finishedPrefix(tokens, blocks, tail, newlineOffsets(tail));

    // For markdown.css: the last block loses its bottom margin (a :has() rule would re-style every block).
    this.container.classList.toggle('md-complete', final);
    const frozenCode = done.count > 0 ? this.freeze(tokens.slice(0, blocks[done.count - 1].end)) : [];
    this.stats.frozenBlocks += done.count;
    this.open = tail.slice(done.consumed);
    const openTokens = done.count < blocks.length ? tokens.slice(blocks[done.count].start) : [];
    if (openTokens.length > 0) {
      this.tail.replaceChildren(sanitizeToFragment(this.container.ownerDocument, renderTokens(openTokens, renderEnv(false))));
      this.stats.tailRenders++;
    } else if (this.tail.firstChild) {
      this.tail.replaceChildren();
    }
    // Hooks run last, so one that throws cannot leave the renderer half-updated.
    const decorate = this.hooks.decorateCodeBlock;
    if (decorate) for (const info of frozenCode) decorate.call(this.hooks, info);
  }

  /** Render finished blocks once and append them for good; returns their code blocks to decorate. */
  private freeze(tokens: MarkdownToken[]): CodeBlockInfo[] {
    const env = renderEnv(true);
    const fragment = sanitizeToFragment(this.container.ownerDocument, renderTokens(tokens, env));
    const pres = Array.from(fragment.querySelectorAll<HTMLPreElement>('pre.md-code'));
    for (const node of Array.from(fragment.childNodes)) this.chunkFor(node).append(node);
    return pres.map((pre, i) => ({ pre, code: env.codeBlocks[i]?.code ?? '', lang: env.codeBlocks[i]?.lang ?? '', index: this.codeBlockCount++ }));
  }

  /**
   * The chunk a frozen node goes into: a new one after every CHUNK_BLOCKS elements. The chunk, not each
   * block, is what markdown.css skips off screen, so a frame's layout and visibility pass walk a few
   * dozen chunks instead of every block of a long answer. Chunks follow block order only, so the DOM
   * is the same however the text arrived.
   */
  private chunkFor(node: Node): HTMLElement {
    let chunk = this.frozen.lastElementChild as HTMLElement | null;
    if (node.nodeType === 1 && (!chunk || chunk.childElementCount >= CHUNK_BLOCKS)) {
      chunk = Object.assign(this.container.ownerDocument.createElement('div'), { className: 'md-chunk' });
      this.frozen.append(chunk);
    }
    return chunk ?? this.frozen;
  }

  private handleClick(event: MouseEvent): void {
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || !this.container.contains(anchor)) return;
    // No anchor in model output may navigate the webview itself, whatever its attributes say.
    event.preventDefault();
    const href = anchor.getAttribute('data-href');
    if (isSafeLinkHref(href)) this.hooks.onLinkClick?.(href);
  }
}

/** Render a complete (e.g. saved) message in one pass. Returns the renderer so it can be disposed. */
export function renderMarkdownOnce(container: HTMLElement, text: string, hooks?: RenderHooks): StreamingMarkdown {
  const renderer = new StreamingMarkdown(container, hooks);
  renderer.setText(text, true);
  return renderer;
}
