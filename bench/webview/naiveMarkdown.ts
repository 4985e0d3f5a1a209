// The baseline the panel's renderer is measured against, built only into a bench copy of the webview
// bundle (bench/webview/naiveBundle.ts), never into the .vsix: on every delta the whole message is
// re-parsed, rendered, sanitized and assigned to innerHTML. Same markdown-it rules and the same
// sanitizer policy as the real renderer, so the final DOM matches and only incrementality differs.
import DOMPurify from 'dompurify';
import { parseMarkdown, renderEnv, renderTokens } from '../../src/webview/markdown/markdownParser';
import type { CodeBlockInfo, RenderHooks } from '../../src/webview/markdown/streamingMarkdown';

export type { RenderHooks } from '../../src/webview/markdown/streamingMarkdown';

export const NAIVE_PURIFY_CONFIG = {
  FORBID_TAGS: ['svg', 'math', 'style', 'iframe', 'form', 'script', 'object', 'embed', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'srcset', 'poster', 'background', 'ping', 'action', 'formaction', 'xlink:href'],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ['data-href', 'data-lang', 'data-testid'],
};

/** Stands in for StreamingMarkdown (same public surface) in the bench-only bundle. */
export class StreamingMarkdown {
  private raw = '';
  private readonly purify = DOMPurify(window);

  constructor(private readonly container: HTMLElement, private readonly hooks: RenderHooks = {}) {
    container.classList.add('md-root');
    container.dataset.renderer = 'naive'; // lets the benchmark check which renderer it measured
  }

  get text(): string {
    return this.raw;
  }

  append(delta: string): void {
    if (!delta) return;
    this.raw += delta;
    this.render(false);
  }

  setText(full: string, complete = false): void {
    this.raw = full;
    this.render(complete);
  }

  finish(): void {
    this.render(true);
  }

  dispose(): void {}

  private render(finished: boolean): void {
    const env = renderEnv(finished);
    this.container.innerHTML = this.purify.sanitize(renderTokens(parseMarkdown(this.raw), env), NAIVE_PURIFY_CONFIG);
    if (!finished || !this.hooks.decorateCodeBlock) return;
    const pres = Array.from(this.container.querySelectorAll<HTMLPreElement>('pre.md-code'));
    pres.forEach((pre, index): void => {
      const info: CodeBlockInfo = { pre, code: env.codeBlocks[index]?.code ?? '', lang: env.codeBlocks[index]?.lang ?? '', index };
      this.hooks.decorateCodeBlock?.(info);
    });
  }
}
