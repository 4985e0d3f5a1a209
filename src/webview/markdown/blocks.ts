// Which top-level blocks of a parsed tail are finished, i.e. can no longer change whatever text
// arrives next. The renderer freezes those and re-renders only the rest.
//
// Markdown's block structure is decided line by line, and a block that a later line has closed is
// never reopened. Two things can still change: the last (incomplete) line, which may be the first
// characters of anything ("2" becomes "2. item" and joins the list above), and markdown-it's one
// line of look-ahead (a table starts only if the *next* line is a delimiter row). So a block counts
// as finished once the block after it starts on a complete line that is itself followed by another
// complete line. A fenced code block whose closing fence line is complete is finished on its own:
// nothing after a closed fence can reach back into it, and that is when it gets highlighted.
import type { MarkdownToken } from './markdownParser';

export interface TopLevelBlock {
  /** Token indices [start, end). */
  start: number;
  end: number;
  /** Source lines [firstLine, endLine) as markdown-it mapped them. */
  firstLine: number;
  endLine: number;
}

export function topLevelBlocks(tokens: MarkdownToken[]): TopLevelBlock[] {
  const blocks: TopLevelBlock[] = [];
  let start = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.level !== 0) continue;
    if (token.nesting !== -1) start = i;
    if (token.nesting !== 1) {
      const map = tokens[start].map ?? [0, 0];
      blocks.push({ start, end: i + 1, firstLine: map[0], endLine: map[1] });
    }
  }
  return blocks;
}

/** Offsets of every '\n' in `source`; line k (0-based) starts after newline k-1. */
export function newlineOffsets(source: string): number[] {
  const offsets: number[] = [];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) offsets.push(i);
  return offsets;
}

export function lineStart(newlines: number[], line: number): number {
  return line === 0 ? 0 : newlines[line - 1] + 1;
}

/** The line's text without its '\n', or undefined if the line is not complete yet. */
function completeLine(source: string, newlines: number[], line: number): string | undefined {
  if (line >= newlines.length) return undefined;
  return source.slice(lineStart(newlines, line), newlines[line]);
}

const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** A top-level fence whose closing fence line has fully arrived. */
export function isClosedFence(token: MarkdownToken, block: TopLevelBlock, source: string, newlines: number[]): boolean {
  if (token.type !== 'fence' || block.endLine - 1 <= block.firstLine) return false;
  const closer = CLOSING_FENCE.exec(completeLine(source, newlines, block.endLine - 1) ?? '')?.[1];
  // markdown-it stopped at this line: it is the closer only if it matches the opener's marker.
  return !!closer && closer[0] === token.markup[0] && closer.length >= token.markup.length;
}

export interface FinishedPrefix {
  /** How many leading blocks are finished. */
  count: number;
  /** Source characters those blocks (and the blank lines after them) take up. */
  consumed: number;
}

export function finishedPrefix(tokens: MarkdownToken[], blocks: TopLevelBlock[], source: string, newlines: number[]): FinishedPrefix {
  const completeLines = newlines.length;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const next = blocks[i + 1];
    if (next && next.firstLine <= completeLines - 2) {
      return { count: i + 1, consumed: lineStart(newlines, next.firstLine) };
    }
    if (isClosedFence(tokens[blocks[i].start], blocks[i], source, newlines)) {
      return { count: i + 1, consumed: lineStart(newlines, blocks[i].endLine) };
    }
  }
  return { count: 0, consumed: 0 };
}
