// What the tools need from the editor, and nothing more. src/host implements it with VS Code APIs;
// the unit tests implement it over a temporary directory. Types only: no runtime code here.
//
// Every path that crosses this port (except `realpath`, which the guard itself uses) has already
// been through the path guard: a workspace folder plus a POSIX path relative to it, with no `.`,
// `..`, empty or backslash segments. The host only joins them: `Uri.joinPath(Uri.file(folder.root), path)`.

export interface WorkspaceFolder {
  /** The folder's name as VS Code shows it; a multi-root path may start with it (`api/src/x.ts`). */
  readonly name: string;
  /** Absolute file-system path of the folder (as opened, symlinks not resolved). */
  readonly root: string;
}

export interface WorkspacePath {
  readonly folder: WorkspaceFolder;
  /** POSIX, relative to `folder.root`; `''` is the folder itself. */
  readonly path: string;
}

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/** As `vscode.workspace.fs.stat` reports it. */
export interface FileStat {
  /** What the path leads to, symlinks followed; `other` for a dangling symlink. */
  type: 'file' | 'directory' | 'other';
  /** The path itself is a symbolic link. */
  symlink: boolean;
  size: number;
  /** How many names (hard links) the file has, where the file system tells; the guard refuses more than one. */
  links?: number;
  /** Last modification, ms since the epoch: a reader that caches the file knows it changed. */
  mtimeMs?: number;
}

export interface DirEntry {
  name: string;
  type: EntryType;
}

export interface FileBytes {
  /** At most `maxBytes` bytes from the start of the file. */
  bytes: Uint8Array;
  /** The whole file's size, so the caller knows whether it got everything. */
  size: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface DiagnosticInfo {
  /** Display path (`workspace.asRelativePath`), absolute or a URI for files outside the workspace. */
  file: string;
  /** Set when the file is inside a workspace folder; problems of other files are not shown to the model. */
  workspacePath?: WorkspacePath;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: DiagnosticSeverity;
  message: string;
  source?: string;
  code?: string;
}

export interface SelectionInfo {
  /** Display path, as in DiagnosticInfo; `untitled` documents give their title. */
  file: string;
  /** Set when the document is a file inside a workspace folder (lets approval see sensitive files). */
  workspacePath?: WorkspacePath;
  language: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** The selected text; the whole current line's text when the selection is empty. */
  text: string;
}

export interface OpenEditorInfo {
  file: string;
  language: string;
  active: boolean;
  /** Has unsaved changes. */
  dirty: boolean;
}

export interface TerminalRunOptions {
  cwd: WorkspacePath;
  timeoutMs: number;
  /** Keep at most this many bytes of output (the tail is dropped); set `truncated`. */
  maxOutputBytes: number;
  /** Stop pressed: end the command (Ctrl+C / dispose) and resolve with what was captured. */
  signal: AbortSignal;
}

export interface TerminalResult {
  /** Undefined when it is unknown (no shell integration) or the command was stopped. */
  exitCode?: number;
  output: string;
  truncated: boolean;
  timedOut: boolean;
}

export interface WorkspacePort {
  /** True where the file system compares names case-insensitively (Windows, default macOS). */
  readonly caseInsensitive: boolean;
  /** `vscode.workspace.isTrusted`. When false no tool runs at all. */
  isTrusted(): boolean;
  folders(): readonly WorkspaceFolder[];

  /** Resolves every symlink of an absolute path; undefined when nothing exists at that path. */
  realpath(absPath: string): Promise<string | undefined>;
  /** Undefined only when nothing at all is there (a dangling symlink is `{ type: 'other', symlink: true }`). */
  stat(p: WorkspacePath): Promise<FileStat | undefined>;
  /**
   * The file's bytes, at most `maxBytes`. When the file is open in an editor the host returns the
   * editor's current (possibly unsaved) text as UTF-8, because edits are applied to that document;
   * `fromDisk` reads the saved file instead (rules files: what is cached by the file's size and time).
   */
  readFile(p: WorkspacePath, options: { maxBytes: number; fromDisk?: boolean }): Promise<FileBytes>;
  readDirectory(p: WorkspacePath): Promise<DirEntry[]>;
  /**
   * `vscode.workspace.findFiles(new RelativePattern(folder, glob), undefined, maxResults)`, i.e.
   * `files.exclude` applies. Across all folders unless `folder` is given.
   */
  findFiles(glob: string, options: { maxResults: number; folder?: WorkspaceFolder }): Promise<WorkspacePath[]>;
  /**
   * Optional: which of `paths` git ignores (`git check-ignore --stdin -z` per folder), one boolean
   * per path. Without it find_files and search_text do not filter .gitignore'd files.
   */
  isIgnored?(paths: readonly WorkspacePath[]): Promise<boolean[]>;

  /** All diagnostics, or only those of one file. */
  diagnostics(p?: WorkspacePath): Promise<DiagnosticInfo[]>;
  /** The active editor's selection; undefined when no text editor is active. */
  selection(): Promise<SelectionInfo | undefined>;
  openEditors(): Promise<OpenEditorInfo[]>;

  /**
   * Replaces the whole text of an existing file with `newText` through a `WorkspaceEdit` (so Undo
   * restores it) and saves it. `newText` is exactly what the user approved in the diff.
   */
  applyEdit(p: WorkspacePath, newText: string): Promise<void>;
  /** Creates a file (and missing parent folders) through a `WorkspaceEdit`; fails if it exists. */
  createFile(p: WorkspacePath, text: string): Promise<void>;
  /** `WorkspaceEdit.renameFile`; fails if `to` exists unless `overwrite`. */
  renameFile(from: WorkspacePath, to: WorkspacePath, options: { overwrite: boolean }): Promise<void>;
  /** `WorkspaceEdit.deleteFile` (to the trash where possible); `recursive` for folders. */
  deleteFile(p: WorkspacePath, options: { recursive: boolean }): Promise<void>;
  /**
   * Runs `command` exactly as given in a visible terminal in `cwd`, capturing its output.
   * Resolves (never rejects) on exit, timeout (`timedOut`) or abort.
   */
  runInTerminal(command: string, options: TerminalRunOptions): Promise<TerminalResult>;
}
