// A WorkspacePort over a real temporary directory (node fs), so symlink tests are real.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AssembledToolCall } from '../../../src/llm/types';
import { executeToolCalls, type ExecutorContext, type ToolResult } from '../../../src/tools/executor';
import type { ApprovalRequest } from '../../../src/tools/approval';
import type {
  DiagnosticInfo, DirEntry, FileBytes, FileStat, OpenEditorInfo, SelectionInfo, TerminalResult,
  TerminalRunOptions, WorkspaceFolder, WorkspacePath, WorkspacePort,
} from '../../../src/tools/workspacePort';

export function tempDir(prefix = 'tools-'): string {
  // realpath: macOS's /tmp is itself a symlink, which would blur what the tests measure.
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Writes `files` (path -> text) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

/** `**`, `*`, `?` and `{a,b}` globs, enough to stand in for VS Code's matcher. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export class FakeWorkspacePort implements WorkspacePort {
  caseInsensitive = false;
  trusted = true;
  readonly folderList: WorkspaceFolder[];
  diagnosticList: DiagnosticInfo[] = [];
  selectionInfo: SelectionInfo | undefined;
  editors: OpenEditorInfo[] = [];
  /** Unsaved editor text by absolute path, returned by readFile instead of the disk. */
  dirty = new Map<string, string>();
  /** Relative paths git ignores; isIgnored exists only when this is set. */
  gitIgnored: Set<string> | undefined;
  /** Every write and command, in order: what the tests check "nothing happened" against. */
  readonly writes: string[] = [];
  terminal: (command: string, o: TerminalRunOptions) => Promise<TerminalResult> =
    async (command) => ({ exitCode: 0, output: `ran: ${command}\n`, truncated: false, timedOut: false });

  constructor(roots: string[] | string, names?: string[]) {
    const list = typeof roots === 'string' ? [roots] : roots;
    this.folderList = list.map((root, i) => ({ name: names?.[i] ?? path.basename(root), root }));
  }

  get isIgnored(): ((paths: readonly WorkspacePath[]) => Promise<boolean[]>) | undefined {
    const ignored = this.gitIgnored;
    return ignored ? async (ps) => ps.map((p) => ignored.has(p.path)) : undefined;
  }

  abs(p: WorkspacePath): string {
    if (p.path.includes('..') || p.path.includes('\\') || p.path.startsWith('/')) throw new Error(`unguarded path reached the port: ${p.path}`);
    return p.path ? path.join(p.folder.root, ...p.path.split('/')) : p.folder.root;
  }

  isTrusted(): boolean { return this.trusted; }
  folders(): readonly WorkspaceFolder[] { return this.folderList; }

  async realpath(absPath: string): Promise<string | undefined> {
    try { return fs.realpathSync(absPath); } catch (e) {
      if (['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw e;
    }
  }

  async stat(p: WorkspacePath): Promise<FileStat | undefined> {
    const a = this.abs(p);
    let l: fs.Stats;
    try { l = fs.lstatSync(a); } catch { return undefined; }
    if (!l.isSymbolicLink()) return { type: l.isDirectory() ? 'directory' : l.isFile() ? 'file' : 'other', symlink: false, size: l.size, links: l.nlink, mtimeMs: l.mtimeMs };
    try {
      const s = fs.statSync(a);
      return { type: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', symlink: true, size: s.size, links: s.nlink, mtimeMs: s.mtimeMs };
    } catch { return { type: 'other', symlink: true, size: 0 }; }
  }

  async readFile(p: WorkspacePath, o: { maxBytes: number; fromDisk?: boolean }): Promise<FileBytes> {
    const a = this.abs(p);
    const open = o.fromDisk ? undefined : this.dirty.get(a);
    const all = open !== undefined ? Buffer.from(open) : fs.readFileSync(a);
    return { bytes: new Uint8Array(all.subarray(0, o.maxBytes)), size: all.length };
  }

  async readDirectory(p: WorkspacePath): Promise<DirEntry[]> {
    return fs.readdirSync(this.abs(p), { withFileTypes: true }).map((d) => ({
      name: d.name, type: d.isDirectory() ? 'directory' : d.isSymbolicLink() ? 'symlink' : d.isFile() ? 'file' : 'other',
    }));
  }

  /** Like ripgrep under VS Code: follows symlinks, leaves out `.git` (files.exclude). */
  async findFiles(glob: string, o: { maxResults: number; folder?: WorkspaceFolder }): Promise<WorkspacePath[]> {
    const re = globToRegExp(glob);
    const out: WorkspacePath[] = [];
    for (const folder of o.folder ? [o.folder] : this.folderList) {
      const walk = (dir: string, rel: string, depth: number) => {
        if (depth > 8) return;
        for (const name of fs.readdirSync(dir).sort()) {
          if (out.length >= o.maxResults || name === '.git') continue;
          const r = rel ? `${rel}/${name}` : name;
          let s: fs.Stats;
          try { s = fs.statSync(path.join(dir, name)); } catch { continue; }
          if (s.isDirectory()) walk(path.join(dir, name), r, depth + 1);
          else if (re.test(r)) out.push({ folder, path: r });
        }
      };
      walk(folder.root, '', 0);
    }
    return out;
  }

  /** As the host does: a relative `file` is in the first folder, an absolute one is outside. */
  async diagnostics(p?: WorkspacePath): Promise<DiagnosticInfo[]> {
    const all = this.diagnosticList.map((d) => (d.workspacePath || path.isAbsolute(d.file) ? d : { ...d, workspacePath: { folder: this.folderList[0], path: d.file } }));
    return p ? all.filter((d) => d.file === p.path) : all;
  }
  async selection(): Promise<SelectionInfo | undefined> { return this.selectionInfo; }
  async openEditors(): Promise<OpenEditorInfo[]> { return this.editors; }

  async applyEdit(p: WorkspacePath, newText: string): Promise<void> {
    const a = this.abs(p);
    if (!fs.existsSync(a)) throw new Error('applyEdit on a missing file');
    this.writes.push(`edit ${p.path}`);
    fs.writeFileSync(a, newText);
    this.dirty.delete(a);
  }
  async createFile(p: WorkspacePath, text: string): Promise<void> {
    const a = this.abs(p);
    this.writes.push(`create ${p.path}`);
    fs.mkdirSync(path.dirname(a), { recursive: true });
    fs.writeFileSync(a, text, { flag: 'wx' });
  }
  async renameFile(from: WorkspacePath, to: WorkspacePath, o: { overwrite: boolean }): Promise<void> {
    this.writes.push(`rename ${from.path} ${to.path}`);
    if (fs.existsSync(this.abs(to)) && !o.overwrite) throw new Error('target exists');
    fs.mkdirSync(path.dirname(this.abs(to)), { recursive: true });
    fs.renameSync(this.abs(from), this.abs(to));
  }
  async deleteFile(p: WorkspacePath, o: { recursive: boolean }): Promise<void> {
    this.writes.push(`delete ${p.path}`);
    const a = this.abs(p);
    // As VS Code's disk provider: an empty folder goes without `recursive`.
    if (!o.recursive && fs.lstatSync(a).isDirectory()) fs.rmdirSync(a);
    else fs.rmSync(a, { recursive: o.recursive });
  }
  async runInTerminal(command: string, o: TerminalRunOptions): Promise<TerminalResult> {
    this.writes.push(`run ${command} @${o.cwd.path || '.'}`);
    return this.terminal(command, o);
  }
}

let n = 0;
export function call(name: string, args: unknown, extra: Partial<AssembledToolCall> = {}): AssembledToolCall {
  const text = typeof args === 'string' ? args : JSON.stringify(args);
  let parsed: unknown;
  try { parsed = JSON.parse(text || '{}'); } catch { return { id: `call_${++n}`, name, arguments: text, invalid: true, ...extra }; }
  return { id: `call_${++n}`, name, arguments: text, parsed, ...extra };
}

/** Runs one call through the executor; approves everything unless told otherwise. */
export async function runOne(port: WorkspacePort, name: string, args: unknown, o: Partial<ExecutorContext> = {}): Promise<ToolResult & { asked: ApprovalRequest[] }> {
  const asked: ApprovalRequest[] = [];
  const [r] = await executeToolCalls([call(name, args)], {
    port, allowedTools: new Set(),
    requestApproval: async (req) => { asked.push(req); return { approved: true }; },
    ...o,
  });
  return { ...r, asked };
}
