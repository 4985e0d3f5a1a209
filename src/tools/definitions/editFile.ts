// edit_file: search/replace blocks or a line-range replacement. The whole new text is computed at
// prepare time so the user approves it in a diff; run applies exactly that text, unless the file
// changed meanwhile (then nothing is applied).
import { detectEol, fromLf, splitLines, toLf } from '../text';
import { ToolError } from '../toolError';
import { defineTool } from '../types';
import { applySearchReplace, replaceLines, type SearchReplaceBlock } from './editText';
import { guard, readText, requireKind } from './common';

/** Larger files are not edited through a full-text diff. */
export const EDIT_MAX_BYTES = 2 * 1024 * 1024;

interface Args { path: string; edits?: SearchReplaceBlock[]; start_line?: number; end_line?: number; new_text?: string }

export const editFileTool = defineTool<Args>({
  name: 'edit_file',
  description: 'Change an existing text file; the user reviews the change in a diff before it is applied. Either give "edits": search/replace blocks, where each "search" is copied exactly from the file (without line-number prefixes) and must match exactly one place; or give "start_line", "end_line" and "new_text" to replace that line range (end_line = start_line - 1 inserts before start_line). All changes apply together or not at all.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'File path relative to the workspace.' },
      edits: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            search: { type: 'string', description: 'Exact existing text, unique in the file.' },
            replace: { type: 'string', description: 'The text to put in its place.' },
          },
          required: ['search', 'replace'],
          additionalProperties: false,
        },
      },
      start_line: { type: 'integer', minimum: 1 },
      end_line: { type: 'integer', minimum: 0 },
      new_text: { type: 'string' },
    },
    required: ['path'],
    additionalProperties: false,
  },
  readOnly: false,
  async prepare(args, ctx) {
    const mode = editMode(args);
    const p = await guard(ctx, args.path);
    await requireKind(ctx, p, 'file');
    const { text: oldText, size, complete } = await readText(ctx, p, EDIT_MAX_BYTES);
    if (!complete) throw new ToolError(`${p.display} is too large to edit (${size} bytes; the limit is ${EDIT_MAX_BYTES}).`);
    const eol = detectEol(oldText);
    const lf = toLf(oldText);
    const changed = mode === 'blocks'
      ? applySearchReplace(lf, args.edits!.map((b) => ({ search: toLf(b.search), replace: toLf(b.replace) })), p.display)
      : replaceLines(lf, args.start_line!, args.end_line!, toLf(args.new_text!), p.display);
    if (changed === lf) throw new ToolError(`The edit leaves ${p.display} unchanged.`);
    const newText = fromLf(changed, eol);
    return {
      paths: [p],
      preview: { kind: 'edit', path: p, oldText, newText, isNewFile: false },
      async run() {
        const now = await readText(ctx, p, EDIT_MAX_BYTES).catch(() => undefined);
        if (now?.text !== oldText) throw new ToolError(`${p.display} changed while the edit waited for approval; nothing was applied. Read it again and redo the edit.`);
        await ctx.port.applyEdit(p, newText);
        const what = mode === 'blocks' ? `${args.edits!.length} replacement${args.edits!.length > 1 ? 's' : ''}` : `lines ${args.start_line}-${args.end_line} replaced`;
        return `Edited ${p.display} (${what}); it now has ${splitLines(changed).length} lines.`;
      },
    };
  },
});

function editMode(args: Args): 'blocks' | 'range' {
  const range = [args.start_line, args.end_line, args.new_text].filter((v) => v !== undefined).length;
  if (args.edits && range) throw new ToolError('Give either "edits" or "start_line"/"end_line"/"new_text", not both.');
  if (args.edits) return 'blocks';
  if (range === 3) return 'range';
  if (range) throw new ToolError('A range replacement needs all of "start_line", "end_line" and "new_text".');
  throw new ToolError('Nothing to do: give "edits" (search/replace blocks) or "start_line", "end_line" and "new_text".');
}
