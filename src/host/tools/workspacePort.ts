// The tools' WorkspacePort over VS Code: reads see unsaved editor text, writes go through
// WorkspaceEdit (so undo works), searches respect files.exclude.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { safeGitArgs, safeGitEnv, withoutVariables, type DiagnosticInfo, type DirEntry, type FileBytes, type FileStat, type OpenEditorInfo, type SelectionInfo, type TerminalResult, type TerminalRunOptions, type WorkspaceFolder, type WorkspacePath, type WorkspacePort } from '../../tools';
import { readEndpoints } from '../settings/endpoints';
import { runInVisibleTerminal } from './terminalRunner';

const severities = ['error', 'warning', 'info', 'hint'] as const;

export class VsCodeWorkspacePort implements WorkspacePort {
  readonly caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';

  isTrusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  folders(): readonly WorkspaceFolder[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name, root: f.uri.fsPath }));
  }

  async realpath(absPath: string): Promise<string | undefined> {
    return fs.realpath(absPath).catch(() => undefined);
  }

  async stat(p: WorkspacePath): Promise<FileStat | undefined> {
    const abs = absolute(p);
    const l = await fs.lstat(abs).catch(() => undefined);
    if (!l) return undefined;
    const s = l.isSymbolicLink() ? await fs.stat(abs).catch(() => undefined) : l;
    const type = s?.isFile() ? 'file' : s?.isDirectory() ? 'directory' : 'other';
    return { type, symlink: l.isSymbolicLink(), size: s?.size ?? 0, ...(s ? { links: s.nlink, mtimeMs: s.mtimeMs } : {}) };
  }

  async readFile(p: WorkspacePath, options: { maxBytes: number; fromDisk?: boolean }): Promise<FileBytes> {
    const abs = absolute(p);
    const open = !options.fromDisk && vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && samePath(d.uri.fsPath, abs, this.caseInsensitive));
    // An open editor is the truth only for what the disk does not have yet: unsaved edits, or text VS
    // Code decoded from another encoding. A clean UTF-8 buffer may lag a change made on disk (git, a
    // script, another editor) until the file watcher catches up; the disk never does.
    if (open && (open.isDirty || !/^utf-?8$/i.test(open.encoding ?? 'utf8'))) {
      const bytes = Buffer.from(open.getText(), 'utf8');
      return { bytes: bytes.subarray(0, options.maxBytes), size: bytes.length };
    }
    const handle = await fs.open(abs, 'r');
    try {
      const size = (await handle.stat()).size;
      const buffer = Buffer.alloc(Math.min(size, options.maxBytes));
      await handle.read(buffer, 0, buffer.length, 0);
      return { bytes: buffer, size };
    } finally {
      await handle.close();
    }
  }

  async readDirectory(p: WorkspacePath): Promise<DirEntry[]> {
    const entries = await fs.readdir(absolute(p), { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, type: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other' }));
  }

  async findFiles(glob: string, options: { maxResults: number; folder?: WorkspaceFolder }): Promise<WorkspacePath[]> {
    const out: WorkspacePath[] = [];
    for (const folder of options.folder ? [options.folder] : this.folders()) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(folder.root), glob), undefined, options.maxResults - out.length);
      for (const u of uris) out.push({ folder, path: path.relative(folder.root, u.fsPath).split(path.sep).join('/') });
      if (out.length >= options.maxResults) break;
    }
    return out;
  }

  /**
   * `git check-ignore` per folder. A folder that is not in a git repository ignores nothing, and so
   * does a folder that is itself ignored by an enclosing repository (everything in it would be).
   */
  async isIgnored(paths: readonly WorkspacePath[]): Promise<boolean[]> {
    const result = paths.map(() => false);
    const byRoot = new Map<string, number[]>();
    paths.forEach((p, i) => byRoot.set(p.folder.root, [...(byRoot.get(p.folder.root) ?? []), i]));
    for (const [root, indexes] of byRoot) {
      const folderIgnored = await new Promise<boolean>((resolve) =>
        execFile('git', safeGitArgs(['check-ignore', '-q', '.']), { cwd: root, timeout: 5000, env: safeGitEnv(process.env) }, (err) => resolve(!err)));
      if (folderIgnored) continue;
      const ignored = await new Promise<Set<string>>((resolve) => {
        const child = execFile('git', safeGitArgs(['check-ignore', '--stdin', '-z']), { cwd: root, timeout: 5000, env: safeGitEnv(process.env) }, (_err, stdout) =>
          resolve(new Set(String(stdout ?? '').split('\0').filter(Boolean))));
        child.stdin?.end(indexes.map((i) => paths[i].path).join('\0'));
      });
      for (const i of indexes) result[i] = ignored.has(paths[i].path);
    }
    return result;
  }

  async diagnostics(p?: WorkspacePath): Promise<DiagnosticInfo[]> {
    const entries: [vscode.Uri, readonly vscode.Diagnostic[]][] = p ? [[vscode.Uri.file(absolute(p)), vscode.languages.getDiagnostics(vscode.Uri.file(absolute(p)))]] : vscode.languages.getDiagnostics();
    return entries.flatMap(([uri, list]) => list.map((d) => ({
      file: vscode.workspace.asRelativePath(uri, false),
      ...workspacePathOf(uri),
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: severities[d.severity],
      message: d.message,
      ...(d.source ? { source: d.source } : {}),
      ...(d.code !== undefined ? { code: String(typeof d.code === 'object' ? d.code.value : d.code) } : {}),
    })));
  }

  async selection(): Promise<SelectionInfo | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    return {
      file: vscode.workspace.asRelativePath(editor.document.uri, false),
      ...workspacePathOf(editor.document.uri),
      language: editor.document.languageId,
      startLine: editor.selection.start.line + 1,
      endLine: editor.selection.end.line + 1,
      text: editor.document.getText(editor.selection),
    };
  }

  async openEditors(): Promise<OpenEditorInfo[]> {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((tab) => {
      if (!(tab.input instanceof vscode.TabInputText)) return [];
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === (tab.input as vscode.TabInputText).uri.toString());
      return [{ file: vscode.workspace.asRelativePath(tab.input.uri, false), language: doc?.languageId ?? '', active: tab.input.uri.toString() === active, dirty: tab.isDirty }];
    });
  }

  async applyEdit(p: WorkspacePath, newText: string): Promise<void> {
    const uri = vscode.Uri.file(absolute(p));
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), newText);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused the edit to ${p.path}`);
    await doc.save();
  }

  async createFile(p: WorkspacePath, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(vscode.Uri.file(absolute(p)), { overwrite: false, contents: Buffer.from(text, 'utf8') });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code could not create ${p.path}`);
  }

  async renameFile(from: WorkspacePath, to: WorkspacePath, options: { overwrite: boolean }): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(vscode.Uri.file(absolute(from)), vscode.Uri.file(absolute(to)), { overwrite: options.overwrite });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code could not rename ${from.path}`);
  }

  async deleteFile(p: WorkspacePath, options: { recursive: boolean }): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(vscode.Uri.file(absolute(p)), { recursive: options.recursive, ignoreIfNotExists: false });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code could not delete ${p.path}`);
  }

  runInTerminal(command: string, options: TerminalRunOptions): Promise<TerminalResult> {
    // Read now, not at start-up: an endpoint added since names a variable to hide too.
    const env = withoutVariables(process.env, readEndpoints().map((e) => e.apiKeyEnv));
    return runInVisibleTerminal(command, absolute(options.cwd), env, options.timeoutMs, options.maxOutputBytes, options.signal);
  }
}

/** `{ workspacePath }` for a file inside a workspace folder, else nothing (the tools then treat it as outside). */
function workspacePathOf(uri: vscode.Uri): { workspacePath?: WorkspacePath } {
  const folder = uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  if (!folder) return {};
  return { workspacePath: { folder: { name: folder.name, root: folder.uri.fsPath }, path: path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') } };
}

function absolute(p: WorkspacePath): string {
  return path.join(p.folder.root, ...p.path.split('/').filter(Boolean));
}

function samePath(a: string, b: string, caseInsensitive: boolean): boolean {
  return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}
