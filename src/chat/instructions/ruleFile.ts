// One project rules file as it goes to the model: its text (cut at 64 KB), and the `applyTo` globs
// of its front matter that limit it to turns whose attached or edited files match.
import picomatch from 'picomatch';
import { splitFrontMatter } from './frontMatter';

/** A rules file longer than this (in bytes) is cut, and the model and the user are told. */
export const RULE_LIMIT_BYTES = 64 * 1024;

export interface RuleFile {
  /** Workspace-relative, as VS Code shows it (`folder/path` in a multi-root workspace): the heading and the chip. */
  path: string;
  /** The rule's text without its front matter. */
  text: string;
  /** The file was longer than RULE_LIMIT_BYTES: only its start is in `text`. */
  truncated: boolean;
  /** `applyTo` globs; absent: the rule goes along with every turn. */
  applyTo?: string[];
  /** The workspace folder that holds the file: globs match paths relative to it. */
  folder?: { name: string; root: string };
}

/** A rule from the bytes read (at most RULE_LIMIT_BYTES) of a file of `size` bytes. */
export function parseRule(path: string, bytes: Uint8Array, size: number, folder?: RuleFile['folder']): RuleFile {
  const truncated = size > RULE_LIMIT_BYTES || bytes.length > RULE_LIMIT_BYTES;
  // A cut can split a UTF-8 sequence: the replacement character it leaves at the end is dropped.
  let decoded = new TextDecoder('utf-8').decode(bytes.subarray(0, RULE_LIMIT_BYTES));
  if (truncated) decoded = decoded.replace(/\uFFFD+$/, '');
  const { meta, body } = splitFrontMatter(decoded);
  const globs = (meta.applyto ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  return { path, text: body.trim(), truncated, ...(globs.length ? { applyTo: globs } : {}), ...(folder ? { folder } : {}) };
}

/** The forms a file path may take relative to the rule's folder: as given, without the folder's name, relative to its root. */
function relativeForms(file: string, folder: RuleFile['folder']): string[] {
  const p = file.replace(/\\/g, '/').replace(/^\.\//, '');
  const forms = [p];
  if (folder) {
    const root = folder.root.replace(/\\/g, '/').replace(/\/+$/, '');
    if (p.startsWith(`${folder.name}/`)) forms.push(p.slice(folder.name.length + 1));
    if (p.startsWith(`${root}/`)) forms.push(p.slice(root.length + 1));
  }
  return forms;
}

/** True when the rule has no `applyTo`, or one of `files` (attached or edited in this conversation) matches it. */
export function ruleApplies(rule: RuleFile, files: readonly string[]): boolean {
  if (!rule.applyTo?.length) return true;
  const matchers = rule.applyTo.map(globMatcher);
  return files.some((f) => relativeForms(f, rule.folder).some((form) => matchers.some((matches) => matches(form))));
}

/** A glob without a slash (`*.ts`) matches the file name in any folder, as users expect (picomatch's `basename` option would apply to every glob). */
function globMatcher(glob: string): (path: string) => boolean {
  const matches = picomatch(glob, { dot: true });
  return glob.includes('/') ? matches : (path) => matches(path.slice(path.lastIndexOf('/') + 1));
}
