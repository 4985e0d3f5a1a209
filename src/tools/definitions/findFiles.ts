// find_files: workspace files matching a glob. The host's findFiles applies `files.exclude`; the
// port's optional isIgnored (git check-ignore) drops .gitignore'd files too.
import { plural } from '../text';
import { defineTool } from '../types';
import { guardFound, readPreview, scopeGlob, withoutIgnored } from './common';

const DEFAULT_RESULTS = 200;
const MAX_RESULTS = 1000;

export const findFilesTool = defineTool<{ glob: string; max_results?: number }>({
  name: 'find_files',
  description: 'Find files in the workspace by glob pattern (e.g. "**/*.ts", "src/**/test_*.py"). Excluded and git-ignored files are left out. Returns workspace-relative paths, one per line.',
  parameters: {
    type: 'object',
    properties: {
      glob: { type: 'string', minLength: 1, description: 'Glob relative to the workspace folder(s).' },
      max_results: { type: 'integer', minimum: 1, maximum: MAX_RESULTS, description: `Default ${DEFAULT_RESULTS}.` },
    },
    required: ['glob'],
    additionalProperties: false,
  },
  readOnly: true,
  async prepare(args, ctx) {
    const scoped = scopeGlob(ctx.port, args.glob);
    return {
      paths: [],
      preview: readPreview(`Find files matching ${args.glob}`),
      async run() {
        const max = args.max_results ?? DEFAULT_RESULTS;
        // One more than asked tells whether there were more.
        const found = await ctx.port.findFiles(scoped.glob, { maxResults: max + 1, folder: scoped.folder });
        const { kept: notIgnored, ignored } = await withoutIgnored(ctx.port, found);
        const { kept } = await guardFound(ctx, notIgnored);
        const more = found.length > max;
        const shown = kept.slice(0, max).map((p) => p.display).sort();
        if (!shown.length) return `No files match "${args.glob}".`;
        const notes = [
          more ? `more files match; narrow the glob or raise max_results (up to ${MAX_RESULTS})` : '',
          ignored ? `${plural(ignored, 'git-ignored file')} left out` : '',
        ].filter(Boolean);
        return `${plural(shown.length, 'file')} match${shown.length === 1 ? 'es' : ''} "${args.glob}"${notes.length ? ` (${notes.join('; ')})` : ''}:\n${shown.join('\n')}`;
      },
    };
  },
});
