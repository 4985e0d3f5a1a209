// Small steps every file tool repeats: guard a path, insist on a file or folder, read text.
import { resolveWorkspacePath, type GuardedPath } from '../pathGuard';
import { decodeText, formatBytes } from '../text';
import { ToolError } from '../toolError';
import type { ToolContext } from '../types';
import type { FileStat, WorkspacePath, WorkspacePort } from '../workspacePort';

export const guard = (ctx: ToolContext, input: unknown): Promise<GuardedPath> => resolveWorkspacePath(ctx.port, input);

/** A path the host reported, checked like the model's own (the host may have followed a symlink out). */
export const guardReported = (ctx: ToolContext, p: WorkspacePath): Promise<GuardedPath> =>
  guard(ctx, p.path ? `${p.folder.root.replace(/[\\/]+$/, '')}/${p.path}` : p.folder.root);

export async function requireKind(ctx: ToolContext, p: GuardedPath, kind: 'file' | 'directory'): Promise<FileStat> {
  const stat = await ctx.port.stat(p);
  if (!stat) throw new ToolError(`${p.display} does not exist.`);
  if (kind === 'file' && stat.type === 'directory') throw new ToolError(`${p.display} is a folder, not a file.`);
  if (kind === 'file' && stat.type !== 'file') throw new ToolError(`${p.display} is not a regular file.`);
  if (kind === 'directory' && stat.type !== 'directory') throw new ToolError(`${p.display} is not a folder.`);
  return stat;
}

export async function requireAbsent(ctx: ToolContext, p: GuardedPath): Promise<void> {
  if (p.exists || (await ctx.port.stat(p))) throw new ToolError(`${p.display} already exists.`);
}

/**
 * The text of a file (the editor's unsaved text when it is open), up to `maxBytes`.
 * Binary files are refused: their bytes mean nothing to the model and cannot be edited as text.
 */
export async function readText(ctx: ToolContext, p: GuardedPath, maxBytes: number): Promise<{ text: string; size: number; complete: boolean }> {
  const { bytes, size } = await ctx.port.readFile(p, { maxBytes });
  const text = decodeText(bytes);
  if (text === undefined) throw new ToolError(`${p.display} is a binary file (${formatBytes(size)}); it cannot be shown as text.`);
  return { text, size, complete: bytes.length >= size };
}

/** How a path the port returned is shown: prefixed with its folder's name in a multi-root workspace. */
export function displayOf(port: WorkspacePort, p: WorkspacePath): string {
  return port.folders().length > 1 ? [p.folder.name, p.path].filter(Boolean).join('/') : p.path || '.';
}

/** Drops what git ignores, when the host can tell; `files.exclude` was already applied by the host. */
export async function withoutIgnored(port: WorkspacePort, paths: WorkspacePath[]): Promise<{ kept: WorkspacePath[]; ignored: number }> {
  if (!port.isIgnored || !paths.length) return { kept: paths, ignored: 0 };
  const flags = await port.isIgnored(paths);
  const kept = paths.filter((_, i) => !flags[i]);
  return { kept, ignored: paths.length - kept.length };
}

/**
 * Paths the host found, each put through the guard: the host's search may follow a symlink out of
 * the workspace, and such files are dropped rather than shown.
 */
export async function guardFound(ctx: ToolContext, paths: WorkspacePath[]): Promise<{ kept: GuardedPath[]; outside: number }> {
  const kept: GuardedPath[] = [];
  for (const p of paths) {
    const g = await guardReported(ctx, p).catch(() => undefined);
    if (g) kept.push(g);
  }
  return { kept, outside: paths.length - kept.length };
}

/**
 * A glob from the model, made relative to one folder when it starts with a folder's name in a
 * multi-root workspace. Globs never reach outside: the host anchors them at folder roots.
 */
export function scopeGlob(port: WorkspacePort, glob: string): { glob: string; folder?: WorkspacePath['folder'] } {
  const g = glob.trim().replace(/\\/g, '/');
  if (!g) throw new ToolError('The glob is empty.');
  if (g.startsWith('/') || /^[a-zA-Z]:/.test(g) || g.split('/').includes('..')) {
    throw new ToolError(`The glob "${glob}" must be relative to the workspace (no leading "/", drive or "..").`);
  }
  const folders = port.folders();
  const first = g.split('/')[0];
  const folder = folders.length > 1 ? folders.find((f) => f.name === first) : undefined;
  return folder ? { glob: g.slice(first.length + 1) || '**', folder } : { glob: g };
}

export const readPreview = (summary: string) => ({ kind: 'read', summary }) as const;
