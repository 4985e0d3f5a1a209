// search_text: lines matching a literal or a regular expression, across workspace files. Done here
// over findFiles + readFile (VS Code's text search API is not stable), with caps on files, sizes,
// results and time so a broad search cannot stall the extension host for long. The matching itself
// runs in a worker (lineMatcher.ts), which a deadline or Stop ends even inside one file.
import { LineMatcher } from '../lineMatcher';
import { decodeText, plural } from '../text';
import { ToolError } from '../toolError';
import { defineTool } from '../types';
import { guardFound, readPreview, scopeGlob, withoutIgnored } from './common';

const DEFAULT_RESULTS = 100;
const MAX_RESULTS = 500;
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_LINE_CHARS = 300;
/** Lines longer than this (minified code) are matched only on their start, to bound regex cost. */
const MATCH_LINE_CHARS = 4000;
const TIME_BUDGET_MS = 10_000;
/** One file taking this long means a pattern that backtracks without end, not a big file (1 MB matches in milliseconds). */
const FILE_BUDGET_MS = 1_000;

interface Args { query: string; is_regex?: boolean; case_sensitive?: boolean; glob?: string; max_results?: number }

export const searchTextTool = defineTool<Args>({
  name: 'search_text',
  description: 'Search the text of workspace files for a literal string or a JavaScript regular expression. Returns "path:line: text" lines. Excluded, git-ignored, binary, large (>1 MB) and sensitive (.env, .git, .vscode) files are skipped.',
  parameters: {
    type: 'object',
    properties: {
      query: { type: 'string', minLength: 1, description: 'Text to find (a regular expression when is_regex is true).' },
      is_regex: { type: 'boolean', description: 'Default false.' },
      case_sensitive: { type: 'boolean', description: 'Default false.' },
      glob: { type: 'string', description: 'Only files matching this glob; default "**/*".' },
      max_results: { type: 'integer', minimum: 1, maximum: MAX_RESULTS, description: `Default ${DEFAULT_RESULTS}.` },
    },
    required: ['query'],
    additionalProperties: false,
  },
  readOnly: true,
  async prepare(args, ctx) {
    const scoped = scopeGlob(ctx.port, args.glob ?? '**/*');
    const pattern = compile(args);
    return {
      paths: [],
      preview: readPreview(`Search for ${JSON.stringify(args.query)} in ${args.glob ?? 'all files'}`),
      async run() {
        const max = args.max_results ?? DEFAULT_RESULTS;
        const found = await ctx.port.findFiles(scoped.glob, { maxResults: MAX_FILES + 1, folder: scoped.folder });
        const { kept: notIgnored } = await withoutIgnored(ctx.port, found.slice(0, MAX_FILES));
        const { kept } = await guardFound(ctx, notIgnored);
        const hits: string[] = [];
        const notes: string[] = [];
        let skipped = 0;
        let cut = 0;
        const deadline = Date.now() + TIME_BUDGET_MS;
        kept.sort((a, b) => (a.display < b.display ? -1 : 1));
        const matcher = new LineMatcher(pattern);
        try {
          for (const p of kept) {
            if (ctx.signal.aborted) throw new ToolError('Stopped by the user.');
            if (hits.length > max) break;
            if (Date.now() > deadline) { notes.push(TIME_NOTE); break; }
            if (p.sensitive) { skipped++; continue; }
            const { bytes, size } = await ctx.port.readFile(p, { maxBytes: MAX_FILE_BYTES });
            const text = size <= MAX_FILE_BYTES ? decodeText(bytes) : undefined;
            if (text === undefined) continue;
            const left = deadline - Date.now();
            const limits = { maxHits: max + 1 - hits.length, lineChars: MATCH_LINE_CHARS, keepChars: MAX_LINE_CHARS, timeoutMs: Math.min(FILE_BUDGET_MS, left) };
            const found = await matcher.match(text, limits, ctx.signal);
            if (found === 'aborted') throw new ToolError('Stopped by the user.');
            if (found === 'timeout') {
              notes.push(left <= FILE_BUDGET_MS ? TIME_NOTE : `the pattern took over ${FILE_BUDGET_MS / 1000} s on ${p.display} and the search stopped there; results are partial. Nested quantifiers such as (a+)+ backtrack without end: simplify the pattern`);
              break;
            }
            cut += found.cut;
            for (const [i, line] of found.hits) hits.push(`${p.display}:${i + 1}: ${clip(line)}`);
          }
        } finally {
          matcher.dispose();
        }
        if (cut) notes.push(`${plural(cut, 'line')} longer than ${MATCH_LINE_CHARS} characters matched on ${cut === 1 ? 'its' : 'their'} start only`);
        if (hits.length > max) notes.push(`more than ${plural(max, 'match', 'matches')}; narrow the query or the glob`);
        if (found.length > MAX_FILES) notes.push(`only the first ${MAX_FILES} files were searched`);
        if (skipped) notes.push(`${plural(skipped, 'sensitive file')} not searched (read_file asks the user for them)`);
        const head = hits.length ? plural(Math.min(hits.length, max), 'match', 'matches') : `No matches for ${JSON.stringify(args.query)}`;
        return [head + (notes.length ? ` (${notes.join('; ')})` : '') + (hits.length ? ':' : '.'), ...hits.slice(0, max)].join('\n');
      },
    };
  },
});

function compile(args: Args): RegExp {
  const flags = args.case_sensitive ? 'u' : 'iu';
  const source = args.is_regex ? args.query : args.query.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new ToolError(`Invalid regular expression ${JSON.stringify(args.query)}: ${(e as Error).message}`);
  }
}

const TIME_NOTE = `stopped after ${TIME_BUDGET_MS / 1000} s; results are partial, narrow the glob`;
const clip = (s: string) => (s.length > MAX_LINE_CHARS ? `${s.slice(0, MAX_LINE_CHARS)}…` : s);
