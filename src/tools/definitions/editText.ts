// The two ways edit_file changes text, as pure functions over LF text. Either every change applies
// or none does, and a failure says which block failed and why.
import { ToolError } from '../toolError';

export interface SearchReplaceBlock { search: string; replace: string }

/** Start offsets of every occurrence, overlapping ones included (they make a block ambiguous too). */
function occurrences(text: string, search: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(search); i !== -1; i = text.indexOf(search, i + 1)) found.push(i);
  return found;
}

/**
 * Each block's `search` must occur exactly once in the original text, and blocks must not overlap;
 * they are then applied together. Locating all blocks in the original (not one after another)
 * means a block can never match text another block inserted.
 */
export function applySearchReplace(text: string, blocks: readonly SearchReplaceBlock[], display: string): string {
  const located = blocks.map((b, i) => {
    const label = blocks.length > 1 ? `Edit block ${i + 1} of ${blocks.length}` : 'The edit block';
    if (!b.search) throw new ToolError(`${label}: its search text is empty; to add text, include a nearby line in search and in replace.`);
    const at = occurrences(text, b.search);
    if (at.length === 0) throw new ToolError(`${label}: its search text was not found in ${display}.${notFoundHint(text, b.search)} Nothing was changed; read the file again and copy the lines exactly.`);
    if (at.length > 1) throw new ToolError(`${label}: its search text matches ${at.length} places in ${display} (lines ${at.slice(0, 5).map((o) => lineOf(text, o)).join(', ')}); include more surrounding lines so it matches exactly once. Nothing was changed.`);
    return { start: at[0], end: at[0] + b.search.length, replace: b.replace, index: i };
  });
  const sorted = [...located].sort((a, b) => a.start - b.start);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].start < sorted[k - 1].end) {
      throw new ToolError(`Edit blocks ${sorted[k - 1].index + 1} and ${sorted[k].index + 1} overlap in ${display}; merge them into one block. Nothing was changed.`);
    }
  }
  let out = '';
  let pos = 0;
  for (const b of sorted) {
    out += text.slice(pos, b.start) + b.replace;
    pos = b.end;
  }
  return out + text.slice(pos);
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Points at the likely spot when only the first line matches (whitespace or stale text after it). */
function notFoundHint(text: string, search: string): string {
  const first = search.split('\n').find((l) => l.trim())?.trim();
  if (!first) return '';
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() === first);
  if (at === -1) return '';
  return ` Its first non-blank line appears at line ${at + 1}, but the following lines or the whitespace differ.`;
}

/**
 * Replaces lines start..end (1-based, inclusive) with `newText`. `end = start - 1` inserts before
 * `start`; `start = lineCount + 1` appends. A final newline of `newText` is implied.
 */
export function replaceLines(text: string, start: number, end: number, newText: string, display: string): string {
  const parts = text.split('\n');
  const lineCount = text === '' ? 0 : text.endsWith('\n') ? parts.length - 1 : parts.length;
  if (start > lineCount + 1) throw new ToolError(`start_line ${start} is past the end of ${display}, which has ${lineCount} lines.`);
  if (end > lineCount) throw new ToolError(`end_line ${end} is past the end of ${display}, which has ${lineCount} lines.`);
  if (end < start - 1) throw new ToolError(`end_line ${end} is before start_line ${start} (use end_line = start_line - 1 to insert without replacing).`);
  const inserted = newText === '' ? [] : newText.replace(/\n$/, '').split('\n');
  const before = parts.slice(0, start - 1);
  // Without a final newline the last line has no '' after it; appending still needs a separator.
  const after = text === '' ? [''] : parts.slice(end);
  if (start === lineCount + 1 && !text.endsWith('\n') && text !== '') return [...before, ...inserted].join('\n');
  return [...before, ...inserted, ...after].join('\n');
}
