// list_directory: the entries of one folder, folders first, capped.
import { plural } from '../text';
import { defineTool } from '../types';
import { guard, readPreview, requireKind } from './common';

const MAX_ENTRIES = 1000;

export const listDirectoryTool = defineTool<{ path?: string }>({
  name: 'list_directory',
  description: 'List the files and folders directly inside a workspace folder. Folders end with "/", symbolic links with "@". Use "." for the workspace root.',
  parameters: {
    type: 'object',
    properties: { path: { type: 'string', description: 'Folder path relative to the workspace; default ".".' } },
    additionalProperties: false,
  },
  readOnly: true,
  async prepare(args, ctx) {
    // A multi-root workspace's "." is not one folder: list the folders themselves.
    const folders = ctx.port.folders();
    if (folders.length > 1 && ['', '.', './'].includes((args.path ?? '.').trim())) {
      return {
        paths: [],
        preview: readPreview('List the workspace folders'),
        run: async () => `Workspace folders (${folders.length}):\n${folders.map((f) => `${f.name}/`).join('\n')}`,
      };
    }
    const p = await guard(ctx, args.path ?? '.');
    return {
      paths: [p],
      preview: readPreview(`List ${p.display}`),
      async run() {
        await requireKind(ctx, p, 'directory');
        const entries = await ctx.port.readDirectory(p);
        const rank = (t: string) => (t === 'directory' ? 0 : 1);
        entries.sort((a, b) => rank(a.type) - rank(b.type) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const shown = entries.slice(0, MAX_ENTRIES).map((e) => e.name + (e.type === 'directory' ? '/' : e.type === 'symlink' ? '@' : ''));
        const more = entries.length > MAX_ENTRIES ? `\n[${entries.length - MAX_ENTRIES} more entries not shown]` : '';
        if (!entries.length) return `Directory: ${p.display} (empty)`;
        return `Directory: ${p.display} (${plural(entries.length, 'entry', 'entries')})\n${shown.join('\n')}${more}`;
      },
    };
  },
});
