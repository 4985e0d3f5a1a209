// Public entry of the panel's markdown renderer. Styles live in media/markdown.css (scoped to .md-root).
export { StreamingMarkdown, renderMarkdownOnce, type CodeBlockInfo, type RenderHooks, type RenderStats } from './streamingMarkdown';
export { isSafeLinkHref, isInlineImageSrc } from './urls';
