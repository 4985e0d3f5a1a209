// Turns a path the model wrote into a workspace folder + relative path, or refuses. The model is
// not trusted: it may try `..`, absolute paths, symlinks that lead out, encoded or Windows tricks.
import { fileURLToPath } from 'node:url';
import { ToolError } from './toolError';
import type { WorkspaceFolder, WorkspacePath, WorkspacePort } from './workspacePort';

export interface GuardedPath extends WorkspacePath {
  /** How the model and the user see it: `path`, or `folder/path` in a multi-root workspace. */
  readonly display: string;
  /** Absolute path as opened (symlinks not resolved). */
  readonly absolute: string;
  /** Path relative to the folder that really holds it, symlinks resolved; sensitivity is judged on both. */
  readonly realPath: string;
  readonly exists: boolean;
  /** Under `.vscode/`, `.git/`, a `.env*` or a `*.code-workspace`: always asks the user. */
  readonly sensitive: boolean;
  /** A change to it can run code (`package.json`, a `Makefile`, hooks, CI workflows, rules): writes always ask. */
  readonly runsCode: boolean;
}

const WINDOWS_ROOT = /^[a-zA-Z]:[\\/]|^\\\\/;
const isWindowsRoot = (root: string) => WINDOWS_ROOT.test(root);

/** The file system separator and case rule of one workspace, derived once per resolve. */
interface Flavor { windows: boolean; fold: (s: string) => string }

export async function resolveWorkspacePath(port: WorkspacePort, input: unknown): Promise<GuardedPath> {
  const folders = port.folders();
  if (!folders.length) throw new ToolError('No folder is open in the workspace, so there are no files to work with.');
  if (typeof input !== 'string') throw new ToolError('The path must be a string.');
  const flavor: Flavor = {
    windows: folders.some((f) => isWindowsRoot(f.root)),
    fold: port.caseInsensitive ? (s) => s.toLowerCase() : (s) => s,
  };
  const raw = preclean(input.trim());
  const located = isAbsolute(raw, flavor)
    ? await locateAbsolute(port, raw, folders, flavor)
    : await locateRelative(port, raw, folders, flavor);
  return finish(port, located.folder, located.rel, folders, flavor);
}

/** Rejects characters and encodings that have no business in a workspace path; unifies separators. */
function preclean(s: string): string {
  if (!s) return '.';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(s)) throw new ToolError('The path contains a NUL or control character.');
  if (/^file:/i.test(s)) {
    try { s = fileURLToPath(s); } catch { throw new ToolError(`"${s}" is not a valid file: URI.`); }
  } else if (/^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(s)) {
    throw new ToolError(`"${s}" is a URI; give a path inside the workspace instead.`);
  }
  // Encoded dots, slashes, backslashes, NUL or percent signs only appear in traversal attempts.
  if (/%(2e|2f|5c|00|25)/i.test(s)) throw new ToolError('URL-encoded path characters (such as %2e or %2f) are not accepted; write the path plainly.');
  s = s.replace(/\\/g, '/');
  if (s.startsWith('//')) throw new ToolError('UNC and device paths (\\\\server\\share, \\\\?\\...) are not accepted.');
  return s;
}

function isAbsolute(s: string, f: Flavor): boolean {
  if (/^[a-zA-Z]:/.test(s)) {
    if (!f.windows) throw new ToolError(`"${s}" is a Windows drive path, which does not exist in this workspace.`);
    if (s[2] !== '/') throw new ToolError(`"${s}" is relative to a drive's current directory; give a full path or a workspace-relative one.`);
    return true;
  }
  if (s.startsWith('/')) {
    if (f.windows) throw new ToolError(`"${s}" has no drive letter; give a workspace-relative path.`);
    return true;
  }
  return false;
}

/** Splits on `/`, drops `.` and empty segments, resolves `..` and refuses to climb above the start. */
function normalizeSegments(s: string, what: string): string[] {
  const out: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) throw new ToolError(`"${what}" leads outside the workspace ("..").`);
      out.pop();
    } else out.push(seg);
  }
  return out;
}

const rootSegments = (root: string) => normalizeSegments(root.replace(/\\/g, '/'), root);

function startsWithSegments(full: string[], prefix: string[], f: Flavor): boolean {
  return prefix.length <= full.length && prefix.every((p, i) => f.fold(p) === f.fold(full[i]));
}

async function locateAbsolute(port: WorkspacePort, s: string, folders: readonly WorkspaceFolder[], f: Flavor) {
  const segs = normalizeSegments(s, s);
  // Roots as opened, then as resolved (the model may have seen either); the deepest root wins when folders nest.
  for (const resolve of [false, true]) {
    const candidates = [];
    for (const folder of folders) {
      const root = resolve ? await port.realpath(folder.root) : folder.root;
      if (root !== undefined) candidates.push({ folder, root: rootSegments(root) });
    }
    const match = candidates.filter((c) => startsWithSegments(segs, c.root, f)).sort((a, b) => b.root.length - a.root.length)[0];
    if (match) return { folder: match.folder, rel: segs.slice(match.root.length) };
  }
  throw new ToolError(`"${s}" is outside every workspace folder.`);
}

async function locateRelative(port: WorkspacePort, s: string, folders: readonly WorkspaceFolder[], f: Flavor) {
  const segs = normalizeSegments(s, s);
  if (folders.length === 1) return { folder: folders[0], rel: segs };
  const named = segs.length ? folders.find((x) => f.fold(x.name) === f.fold(segs[0])) : undefined;
  if (named) return { folder: named, rel: segs.slice(1) };
  // Multi-root without a folder prefix: the one folder where it exists, else ask for the prefix.
  for (const folder of folders) {
    if (segs.length && await port.stat({ folder, path: segs.join('/') })) return { folder, rel: segs };
  }
  const names = folders.map((x) => x.name).join(', ');
  throw new ToolError(`This workspace has several folders (${names}); start the path with one of their names, e.g. "${folders[0].name}/${segs.join('/')}".`);
}

/** Windows aliases: `.git.` and `GIT~1` name `.git`, `a:b` is a stream, `CON` a device. */
function checkWindowsSegments(rel: string[]): void {
  for (const seg of rel) {
    if (/[. ]$/.test(seg)) throw new ToolError(`"${seg}": names ending in a dot or space are not accepted.`);
    if (seg.includes(':')) throw new ToolError(`"${seg}": ":" (alternate data streams) is not accepted in names.`);
    if (/~\d/.test(seg)) throw new ToolError(`"${seg}" looks like an 8.3 short name; use the full name.`);
    if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(seg)) throw new ToolError(`"${seg}" is a reserved device name.`);
  }
}

async function finish(port: WorkspacePort, folder: WorkspaceFolder, rel: string[], folders: readonly WorkspaceFolder[], f: Flavor): Promise<GuardedPath> {
  if (f.windows) checkWindowsSegments(rel);
  const sep = f.windows ? '\\' : '/';
  const join = (base: string, parts: string[]) => (parts.length ? base.replace(/[\\/]+$/, '') + sep + parts.join(sep) : base);
  const absolute = join(folder.root, rel);

  // Resolve symlinks; for a path that does not exist yet, resolve its nearest existing parent.
  let depth = rel.length;
  let real = await port.realpath(absolute);
  while (real === undefined) {
    if (depth === 0) throw new ToolError(`The workspace folder "${folder.name}" is not available.`);
    // realpath fails but something is there: a dangling symlink, which could point anywhere.
    if (await port.stat({ folder, path: rel.slice(0, depth).join('/') })) {
      throw new ToolError(`"${rel.slice(0, depth).join('/')}" is a symbolic link whose target does not exist; it is not followed.`);
    }
    depth--;
    real = await port.realpath(join(folder.root, rel.slice(0, depth)));
  }
  const realSegs = [...normalizeSegments(real.replace(/\\/g, '/'), real), ...rel.slice(depth)];
  const seen = await placesIn(port, rootSegments(absolute), realSegs, folders, f);
  if (!seen.holder) throw new ToolError(`"${rel.join('/') || '.'}" resolves (through a symbolic link) to a place outside the workspace.`);
  const exists = depth === rel.length;
  if (exists) await refuseHardLink(port, { folder, path: rel.join('/') });

  const path = rel.join('/');
  const rels = [path, ...seen.relatives];
  return {
    folder, path, absolute, realPath: seen.holder.join('/'),
    display: folders.length > 1 ? [folder.name, ...rel].join('/') : path || '.',
    exists,
    sensitive: rels.some(isSensitive),
    runsCode: rels.some(runsCode),
  };
}

/**
 * The path relative to every folder that contains it, as opened and as resolved, and the resolved
 * path relative to the real root of the folder that holds it most closely. Sensitivity is judged on
 * all of them: a folder opened from inside another folder's `.vscode/` is still under `.vscode/`.
 */
async function placesIn(port: WorkspacePort, absSegs: string[], realSegs: string[], folders: readonly WorkspaceFolder[], f: Flavor): Promise<{ holder?: string[]; relatives: string[] }> {
  let holder: string[] | undefined;
  const relatives: string[] = [];
  for (const folder of folders) {
    const opened = rootSegments(folder.root);
    if (startsWithSegments(absSegs, opened, f)) relatives.push(absSegs.slice(opened.length).join('/'));
    const realRoot = await port.realpath(folder.root);
    if (realRoot === undefined) continue;
    const rootSegs = rootSegments(realRoot);
    if (startsWithSegments(realSegs, rootSegs, f)) {
      const rest = realSegs.slice(rootSegs.length);
      relatives.push(rest.join('/'));
      if (!holder || rest.length < holder.length) holder = rest;
    }
  }
  return { holder, relatives };
}

/**
 * A hard link is one file under several names; the other names may be outside the workspace (a
 * link to ~/.ssh/id_rsa made by a cloned repository's script), and nothing tells where they are.
 */
async function refuseHardLink(port: WorkspacePort, p: WorkspacePath): Promise<void> {
  const stat = await port.stat(p);
  if (stat?.type === 'file' && (stat.links ?? 1) > 1) {
    throw new ToolError(`"${p.path}" is a hard link (the file has ${stat.links} names, some of which may be outside the workspace); it is not used.`);
  }
}

/**
 * A file the user's panel names (attach, open a link): the tools' guard, so a symbolic or hard link
 * cannot lead the panel out of the workspace either, and only an existing regular file.
 */
export async function resolveExistingFile(port: WorkspacePort, input: string): Promise<GuardedPath | undefined> {
  const g = await resolveWorkspacePath(port, input).catch(() => undefined);
  if (!g?.exists) return undefined;
  return (await port.stat(g))?.type === 'file' ? g : undefined;
}

/**
 * Resolves the paths of a prepared call again right before it runs: if something (a background
 * process, the user) swapped a folder for a symlink while the user was deciding, nothing runs.
 */
export async function verifyUnchanged(port: WorkspacePort, paths: readonly GuardedPath[]): Promise<void> {
  for (const p of paths) {
    const now = await resolveWorkspacePath(port, p.absolute).catch((e: Error) => e);
    if (now instanceof Error || now.realPath !== p.realPath || now.sensitive !== p.sensitive || now.runsCode !== p.runsCode) {
      throw new ToolError(`${p.display} changed on disk (a symbolic link?) since the call was prepared; nothing was done.`);
    }
  }
}

/**
 * Files whose change (or disclosure) can run code, leak secrets or change this extension's
 * settings (which live in `.vscode/settings.json` or a `*.code-workspace`): `.vscode/` and `.git/`
 * at any depth, any `.env*`, any `*.code-workspace`. Always case-insensitive and blind to Windows'
 * trailing dots and spaces, because asking once too often is harmless.
 */
export function isSensitive(relPath: string): boolean {
  const segs = relPath.replace(/\\/g, '/').split('/').map((s) => s.toLowerCase().replace(/[. ]+$/, ''));
  const last = segs[segs.length - 1] ?? '';
  return segs.some((s) => s === '.git' || s === '.vscode' || s.startsWith('.env')) || last.endsWith('.code-workspace');
}

/**
 * Files whose change runs code on the next build, install, commit or CI run, or steers this
 * extension's model (`.gateway-chat/` rules): `package.json`, `Makefile`s, `.husky/`,
 * `.github/workflows/` and `.gateway-chat/` at any depth. Reading them discloses nothing, so only
 * writes always ask; the same folding as isSensitive.
 */
export function runsCode(relPath: string): boolean {
  const segs = relPath.replace(/\\/g, '/').split('/').map((s) => s.toLowerCase().replace(/[. ]+$/, ''));
  const last = segs[segs.length - 1] ?? '';
  return last === 'package.json' || last === 'makefile' || last === 'gnumakefile'
    || segs.some((s, i) => s === '.husky' || s === '.gateway-chat' || (s === '.github' && segs[i + 1] === 'workflows'));
}
