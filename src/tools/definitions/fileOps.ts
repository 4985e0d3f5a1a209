// create_file, rename_file, delete_file: each prepared into an exact plan the user approves.
import { ToolError } from '../toolError';
import { defineTool } from '../types';
import type { GuardedPath } from '../pathGuard';
import { guard, requireAbsent } from './common';

function notRoot(p: GuardedPath): GuardedPath {
  if (!p.path) throw new ToolError(`${p.display} is a workspace folder itself; name a file inside it.`);
  return p;
}

export const createFileTool = defineTool<{ path: string; content: string }>({
  name: 'create_file',
  description: 'Create a new file with the given content (missing parent folders are created). Fails if the file exists; use edit_file to change existing files. The user approves it first.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'New file path relative to the workspace.' },
      content: { type: 'string', description: 'The full text of the new file.' },
    },
    required: ['path', 'content'],
    additionalProperties: false,
  },
  readOnly: false,
  async prepare(args, ctx) {
    const p = notRoot(await guard(ctx, args.path));
    await requireAbsent(ctx, p);
    const text = args.content;
    return {
      paths: [p],
      preview: { kind: 'edit', path: p, oldText: '', newText: text, isNewFile: true },
      async run() {
        await requireAbsent(ctx, p);
        await ctx.port.createFile(p, text);
        return `Created ${p.display} (${text.length} characters).`;
      },
    };
  },
});

export const renameFileTool = defineTool<{ from: string; to: string; overwrite?: boolean }>({
  name: 'rename_file',
  description: 'Rename or move a file or folder inside the workspace. Fails if the target exists unless overwrite is true. The user approves it first.',
  parameters: {
    type: 'object',
    properties: {
      from: { type: 'string', description: 'Existing path.' },
      to: { type: 'string', description: 'New path.' },
      overwrite: { type: 'boolean', description: 'Replace an existing target. Default false.' },
    },
    required: ['from', 'to'],
    additionalProperties: false,
  },
  readOnly: false,
  async prepare(args, ctx) {
    const from = notRoot(await guard(ctx, args.from));
    const to = notRoot(await guard(ctx, args.to));
    if (!from.exists) throw new ToolError(`${from.display} does not exist.`);
    if (from.display === to.display) throw new ToolError('"from" and "to" are the same path.');
    // On a case-insensitive file system `a.ts` -> `A.ts` finds `to` "existing": it is the same file.
    const caseOnly = from.folder === to.folder && from.path.toLowerCase() === to.path.toLowerCase() && ctx.port.caseInsensitive;
    const overwrite = args.overwrite ?? false;
    if (to.exists && !overwrite && !caseOnly) throw new ToolError(`${to.display} already exists; set overwrite to true to replace it.`);
    return {
      paths: [from, to],
      preview: { kind: 'rename', from, to, overwrite },
      async run() {
        await ctx.port.renameFile(from, to, { overwrite: overwrite || caseOnly });
        return `Renamed ${from.display} to ${to.display}.`;
      },
    };
  },
});

export const deleteFileTool = defineTool<{ path: string; recursive?: boolean }>({
  name: 'delete_file',
  description: 'Delete a file, or a folder with recursive: true. The user approves it first.',
  parameters: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Path relative to the workspace.' },
      recursive: { type: 'boolean', description: 'Needed to delete a folder that is not empty. Default false.' },
    },
    required: ['path'],
    additionalProperties: false,
  },
  readOnly: false,
  async prepare(args, ctx) {
    const p = notRoot(await guard(ctx, args.path));
    const stat = await ctx.port.stat(p);
    if (!stat) throw new ToolError(`${p.display} does not exist.`);
    const isDirectory = stat.type === 'directory' && !stat.symlink;
    const recursive = args.recursive ?? false;
    if (isDirectory && !recursive) {
      const entries = await ctx.port.readDirectory(p);
      if (entries.length) throw new ToolError(`${p.display} is a folder with ${entries.length === 1 ? '1 entry' : `${entries.length} entries`}; set recursive to true to delete it with its contents.`);
    }
    return {
      paths: [p],
      preview: { kind: 'delete', path: p, isDirectory, recursive },
      async run() {
        await ctx.port.deleteFile(p, { recursive });
        return `Deleted ${p.display}${isDirectory ? ' (folder)' : ''}.`;
      },
    };
  },
});
