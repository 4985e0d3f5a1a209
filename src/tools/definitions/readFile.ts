// read_file: a file's text with line numbers, optionally a line range, capped.
import { capText, formatBytes, numberLines, splitLines, toLf } from '../text';
import { ToolError } from '../toolError';
import { defineTool } from '../types';
import { guard, readPreview, readText, requireKind } from './common';

/** What the model is shown at most per call; it can page on with start_line. */
export const READ_OUTPUT_MAX_CHARS = 200_000;
/** What is read from disk at most, so line ranges deep in a large file still work. */
const READ_MAX_BYTES = 4 * 1024 * 1024;

interface Args { path: string; start_line?: number; end_line?: number }

export const readFileTool = defineTool<Args>({
  name: 'read_file',
  description: 'Read a text file in the workspace. Lines are prefixed with their 1-based number and a tab (the prefix is not part of the file). Use start_line/end_line for part of a large file; output is capped at about 200 KB.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Path relative to the workspace folder (in a multi-root workspace, start with the folder name).' },
      start_line: { type: 'integer', minimum: 1, description: 'First line to read (1-based). Default 1.' },
      end_line: { type: 'integer', minimum: 1, description: 'Last line to read, inclusive. Default: the end of the file.' },
    },
    required: ['path'],
    additionalProperties: false,
  },
  readOnly: true,
  async prepare(args, ctx) {
    const p = await guard(ctx, args.path);
    return {
      paths: [p],
      preview: readPreview(`Read ${p.display}`),
      async run() {
        await requireKind(ctx, p, 'file');
        const { text, size, complete } = await readText(ctx, p, READ_MAX_BYTES);
        let lines = splitLines(toLf(text));
        // A cut read ends mid-line: drop the partial line rather than show it as if whole.
        if (!complete && lines.length > 1) lines = lines.slice(0, -1);
        const total = lines.length;
        const partNote = complete ? '' : `; the file is ${formatBytes(size)}, only its first ${formatBytes(READ_MAX_BYTES)} can be read`;
        if (!total) return `File: ${p.display} (empty)`;
        const start = args.start_line ?? 1;
        const end = Math.min(args.end_line ?? total, total);
        if (start > total) throw new ToolError(`start_line ${start} is past the end of ${p.display}, which has ${total} lines.`);
        if (end < start) throw new ToolError(`end_line ${args.end_line} is before start_line ${start}.`);
        const header = `File: ${p.display} (lines ${start}-${end} of ${total}${partNote})`;
        return pagedOutput(header, lines.slice(start - 1, end), start);
      },
    };
  },
});

/** Stops at a whole line under the cap and tells the model where to continue. */
function pagedOutput(header: string, lines: string[], first: number): string {
  const perLine = String(first + lines.length - 1).length + 2; // number, tab, newline
  let used = header.length;
  let count = 0;
  while (count < lines.length && used + lines[count].length + perLine <= READ_OUTPUT_MAX_CHARS - 80) used += lines[count++].length + perLine;
  if (count === 0) return `${header}\n${capText(numberLines(lines.slice(0, 1), first), READ_OUTPUT_MAX_CHARS - header.length - 100, 'line truncated').text}`;
  const body = numberLines(lines.slice(0, count), first);
  if (count === lines.length) return `${header}\n${body}`;
  return `${header}\n${body}\n[truncated at about 200 KB: continue with start_line=${first + count}]`;
}
