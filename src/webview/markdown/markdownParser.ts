// The one configured markdown-it instance and its render rules. Output is HTML that still goes
// through the sanitizer; these rules decide what model text may turn into in the first place:
// links that cannot navigate, images that cannot fetch, code blocks highlighted only when finished.
import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight';
import { isInlineImageSrc, isSafeLinkHref } from './urls';

type Parser = InstanceType<typeof MarkdownIt>;
export type MarkdownToken = ReturnType<Parser['parse']>[number];
type RenderRule = Parser['renderer']['rules'][string];

/** What a render call needs to know and what it reports back (passed as markdown-it's `env`). */
export interface RenderEnv {
  [key: string | symbol]: unknown;
  /** Rendering blocks that will never change again: highlight code and collect it for the toolbar. */
  finished: boolean;
  /** Every code block rendered while `finished`, in document order. */
  codeBlocks: { code: string; lang: string }[];
  /** For each open link: was it rendered as an `<a>`? (inert links render as bare text) */
  linkStack: boolean[];
}

export function renderEnv(finished: boolean): RenderEnv {
  return { finished, codeBlocks: [], linkStack: [] };
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
// A reference definition changes how text *before* it renders, which an append-only renderer cannot
// honour without re-rendering frozen blocks; `[text][ref]` and `[ref]: url` stay literal text instead.
md.block.ruler.disable('reference');
const { escapeHtml, unescapeAll } = md.utils;

// Table alignment arrives as `style="text-align:…"`; style attributes are stripped by the sanitizer
// (and blocked by the webview CSP), so alignment becomes a class.
md.core.ruler.push('align_to_class', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const align = /text-align:(left|right|center)/.exec(String(token.attrGet('style') ?? ''))?.[1];
    token.attrs = token.attrs?.filter(([name]) => name !== 'style') ?? null;
    if (align) token.attrJoin('class', `md-align-${align}`);
  }
});

const env = (e: unknown): RenderEnv => e as RenderEnv;

// Safe links keep no navigable href: the target is shown (title) and opened by the host on click.
const linkOpen: RenderRule = (tokens, idx, _options, e) => {
  const href = String(tokens[idx].attrGet('href') ?? '');
  const safe = isSafeLinkHref(href);
  env(e).linkStack.push(safe);
  if (!safe) return '';
  const target = escapeHtml(href);
  return `<a href="#" class="md-link" data-href="${target}" title="${target}">`;
};
const linkClose: RenderRule = (_tokens, _idx, _options, e) => (env(e).linkStack.pop() ? '</a>' : '');

// Only the model's own base64 raster output is shown; anything else would be a fetch, so it becomes
// a visible placeholder naming the source instead.
const image: RenderRule = (tokens, idx, options, e, renderer) => {
  const token = tokens[idx];
  const src = String(token.attrGet('src') ?? '');
  const alt = escapeHtml(renderer.renderInlineAsText(token.children ?? [], options, e));
  if (isInlineImageSrc(src)) return `<img class="md-image" src="${escapeHtml(src)}" alt="${alt}">`;
  const shown = escapeHtml(src);
  return `<span class="md-remote-image" data-testid="remote-image" title="${shown}">[image: ${alt}] ${shown}</span>`;
};

function codeBlock(code: string, info: string, e: RenderEnv): string {
  const lang = unescapeAll(info).trim().split(/\s+/)[0] ?? '';
  const langClass = lang ? `language-${lang.replace(/[^\w#+.-]/g, '')}` : '';
  const langAttr = lang ? ` data-lang="${escapeHtml(lang)}"` : '';
  if (!e.finished) {
    // Still streaming: plain text, no highlighting cost on every frame, and visibly pending.
    return `<pre class="md-code md-code-pending"${langAttr}><code class="${langClass}">${escapeHtml(code)}</code></pre>\n`;
  }
  e.codeBlocks.push({ code, lang });
  const body = highlightCode(code, lang) ?? escapeHtml(code);
  return `<pre class="md-code"${langAttr}><code class="${`hljs ${langClass}`.trim()}">${body}</code></pre>\n`;
}

md.renderer.rules.link_open = linkOpen;
md.renderer.rules.link_close = linkClose;
md.renderer.rules.image = image;
md.renderer.rules.fence = (tokens, idx, _options, e) => codeBlock(tokens[idx].content, tokens[idx].info, env(e));
md.renderer.rules.code_block = (tokens, idx, _options, e) => codeBlock(tokens[idx].content, '', env(e));

/** Parse `source` into block tokens (inline children included). */
export function parseMarkdown(source: string): MarkdownToken[] {
  return md.parse(source, {});
}

/** Render a run of whole top-level blocks to (unsanitized) HTML. */
export function renderTokens(tokens: MarkdownToken[], e: RenderEnv): string {
  return md.renderer.render(tokens, md.options, e);
}
