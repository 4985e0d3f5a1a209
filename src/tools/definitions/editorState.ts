// get_diagnostics, get_selection, get_open_editors: what the editor knows, read-only.
import { capText, plural } from '../text';
import { defineTool, type PreparedCall, type ToolContext } from '../types';
import type { DiagnosticInfo } from '../workspacePort';
import { guard, guardReported, readPreview } from './common';

const MAX_DIAGNOSTICS = 200;
const MAX_SELECTION_CHARS = 100_000;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

export const getDiagnosticsTool = defineTool<{ path?: string }>({
  name: 'get_diagnostics',
  description: 'List the problems (errors, warnings) the editor reports, for one file or the whole workspace, as "path:line:column severity: message".',
  parameters: {
    type: 'object',
    properties: { path: { type: 'string', description: 'Only this file; default: every file.' } },
    additionalProperties: false,
  },
  readOnly: true,
  async prepare(args, ctx) {
    const p = args.path === undefined ? undefined : await guard(ctx, args.path);
    return {
      paths: p ? [p] : [],
      preview: readPreview(p ? `Problems in ${p.display}` : 'Problems in the workspace'),
      async run() {
        const { kept: all, outside } = await insideOnly(ctx, await ctx.port.diagnostics(p));
        const hidden = outside ? `\n[${plural(outside, 'problem')} in files outside the workspace not shown]` : '';
        all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
        if (!all.length) return (p ? `No problems reported in ${p.display}.` : 'No problems reported in the workspace.') + hidden;
        const lines = all.slice(0, MAX_DIAGNOSTICS).map((d) => {
          const origin = [d.source, d.code].filter(Boolean).join(' ');
          return `${d.file}:${d.line}:${d.column} ${d.severity}: ${d.message.replace(/\s*\n\s*/g, ' ')}${origin ? ` (${origin})` : ''}`;
        });
        const more = all.length > MAX_DIAGNOSTICS ? `\n[${all.length - MAX_DIAGNOSTICS} more not shown]` : '';
        return `${plural(all.length, 'problem')}:\n${lines.join('\n')}${more}${hidden}`;
      },
    };
  },
});

export const getSelectionTool = defineTool<Record<string, never>>({
  name: 'get_selection',
  description: "Get the text selected in the user's active editor (or the cursor's line when nothing is selected), with its file and line range.",
  parameters: { type: 'object', properties: {}, additionalProperties: false },
  readOnly: true,
  // The selection is read now so approval can see which file it comes from; it reaches the model only
  // in run. A file outside the workspace (~/.aws/credentials open in an editor) or an untitled buffer
  // is asked about, as any path outside would be.
  async prepare(_args, ctx): Promise<PreparedCall> {
    const sel = await ctx.port.selection();
    const p = sel?.workspacePath ? await guardReported(ctx, sel.workspacePath).catch(() => undefined) : undefined;
    const outside = sel && !p;
    return {
      paths: p ? [p] : [],
      ...(outside ? { outside: [sel.file] } : {}),
      preview: readPreview(sel ? `Selection in ${sel.file}${outside ? ' (outside the workspace)' : ''}` : 'The selection'),
      async run() {
        if (!sel) return 'No text editor is active, so there is no selection.';
        const range = sel.startLine === sel.endLine ? `line ${sel.startLine}` : `lines ${sel.startLine}-${sel.endLine}`;
        return `${sel.file} (${range}, ${sel.language}):\n${capText(sel.text, MAX_SELECTION_CHARS, 'selection truncated').text}`;
      },
    };
  },
});

export const getOpenEditorsTool = defineTool<Record<string, never>>({
  name: 'get_open_editors',
  description: 'List the files open in editor tabs; the active one is marked, unsaved ones too.',
  parameters: { type: 'object', properties: {}, additionalProperties: false },
  readOnly: true,
  async prepare(_args, ctx) {
    return {
      paths: [],
      preview: readPreview('The open editors'),
      async run() {
        const editors = await ctx.port.openEditors();
        if (!editors.length) return 'No editors are open.';
        const lines = editors.map((e) => `${e.file} (${[e.language, e.active ? 'active' : '', e.dirty ? 'unsaved changes' : ''].filter(Boolean).join(', ')})`);
        return `${plural(editors.length, 'open editor')}:\n${lines.join('\n')}`;
      },
    };
  },
});

/**
 * Problems of files inside the workspace only: a message can quote the file it is about, and a file
 * outside (or reached through a link that leads out) is not the model's to see without asking.
 */
async function insideOnly(ctx: ToolContext, all: DiagnosticInfo[]): Promise<{ kept: DiagnosticInfo[]; outside: number }> {
  const verdicts = new Map<string, Promise<boolean>>();
  const inside = (d: DiagnosticInfo) => {
    const w = d.workspacePath;
    if (!w) return Promise.resolve(false);
    const key = `${w.folder.root}\0${w.path}`;
    let verdict = verdicts.get(key);
    if (!verdict) verdicts.set(key, verdict = guardReported(ctx, w).then(() => true, () => false));
    return verdict;
  };
  const flags = await Promise.all(all.map(inside));
  const kept = all.filter((_, i) => flags[i]);
  return { kept, outside: all.length - kept.length };
}
