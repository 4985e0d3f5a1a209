// Renders an assistant answer that arrives as text deltas, at a cost linear in its length.
//
// The source is kept whole; only the un-frozen tail is parsed on each append. Tail blocks that can
// no longer change (see blocks.ts) are rendered once, highlighted, sanitized, appended to the
// container and never touched again; the rest of the tail is re-rendered in place. Because a frozen
// block is exactly what a whole-text parse would produce for it, the final DOM is the same however
// the text was chunked, and the same as renderMarkdownOnce.
import { finishedPrefix, newlineOffsets, topLevelBlocks } from './blocks';
import { parseMarkdown, renderEnv, renderTokens, type MarkdownToken } from './markdownParser';
import { sanitizeToFragment } from './sanitize';
import { isSafeLinkHref } from './urls';

export interface RenderHooks {
  /**
   * Called once for each finished code block (fenced or indented), after it is highlighted and
   * inserted, to add a toolbar (copy/insert/apply). `code` is the block's text exactly as written
   * (usually ending in '\n'); `lang` is the first word of the fence info ('' if none); `index`
   * counts code blocks in this message from 0.
   */
  decorateCodeBlock?(info: { pre: HTMLPreElement; code: string; lang: string; index: number }): void;
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

export class StreamingMarkdown {
  readonly stats: RenderStats = { parses: 0, parsedChars: 0, frozenBlocks: 0, tailRenders: 0 };
  private raw = '';
  /** The text with CRLF / CR turned into LF, which is what markdown-it would see anyway. */
  private source = '';
  /** A trailing '\r' is held back until we know whether '\n' follows (one line break, not two). */
  private pendingCR = false;
  private frozenOffset = 0;
  private tailNodes: ChildNode[] = [];
  private codeBlockCount = 0;
  private readonly onClick = (event: MouseEvent) => this.handleClick(event);

  /** Takes over `container`: its children are replaced by the rendered answer. */
  constructor(private readonly container: HTMLElement, private readonly hooks: RenderHooks = {}) {
    container.classList.add('md-root');
    container.replaceChildren();
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

  /** Replace everything (e.g. a saved message) and render once. Call finish() if it is complete. */
  setText(full: string): void {
    this.reset(full);
    this.render(false);
  }

  /** The answer is complete: the tail freezes too (an unclosed fence is highlighted as it stands). */
  finish(): void {
    if (this.pendingCR) this.source += '\n';
    this.pendingCR = false;
    this.render(true);
  }

  /** Remove the click listener (the rendered DOM stays). */
  dispose(): void {
    this.container.removeEventListener('click', this.onClick);
  }

  /** Load text without rendering; renderMarkdownOnce uses it so a saved message is parsed once. */
  reset(full: string): void {
    this.container.replaceChildren();
    this.raw = '';
    this.source = '';
    this.pendingCR = false;
    this.frozenOffset = 0;
    this.tailNodes = [];
    this.codeBlockCount = 0;
    this.raw = full;
    this.addSource(full);
  }

  private addSource(delta: string): void {
    let chunk = this.pendingCR ? `\r${delta}` : delta;
    this.pendingCR = chunk.endsWith('\r');
    if (this.pendingCR) chunk = chunk.slice(0, -1);
    this.source += chunk.replace(/\r\n?/g, '\n');
  }

  private render(final: boolean): void {
    const tail = this.source.slice(this.frozenOffset);
    const tokens = parseMarkdown(tail);
    this.stats.parses++;
    this.stats.parsedChars += tail.length;
    const blocks = topLevelBlocks(tokens);
    const done = final
      ? { count: blocks.length, consumed: tail.length }
      : finishedPrefix(tokens, blocks, tail, newlineOffsets(tail));

    for (const node of this.tailNodes) node.remove();
    this.tailNodes = [];
    if (done.count > 0) {
      this.freeze(tokens.slice(0, blocks[done.count - 1].end));
      this.stats.frozenBlocks += done.count;
      this.frozenOffset += done.consumed;
    }
    const openTokens = done.count < blocks.length ? tokens.slice(blocks[done.count].start) : [];
    if (openTokens.length > 0) {
      const fragment = sanitizeToFragment(this.container.ownerDocument, renderTokens(openTokens, renderEnv(false)));
      this.tailNodes = Array.from(fragment.childNodes);
      this.container.append(fragment);
      this.stats.tailRenders++;
    }
  }

  /** Render finished blocks once, append them for good, then let the host decorate their code. */
  private freeze(tokens: MarkdownToken[]): void {
    const env = renderEnv(true);
    const fragment = sanitizeToFragment(this.container.ownerDocument, renderTokens(tokens, env));
    const pres = Array.from(fragment.querySelectorAll<HTMLPreElement>('pre.md-code'));
    this.container.append(fragment);
    const decorate = this.hooks.decorateCodeBlock;
    pres.forEach((pre, i) => {
      const index = this.codeBlockCount++;
      const block = env.codeBlocks[i];
      if (decorate && block) decorate.call(this.hooks, { pre, code: block.code, lang: block.lang, index });
    });
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
  renderer.reset(text);
  renderer.finish();
  return renderer;
}
