// The project's rules files, read at send time through the workspace port and the tools' path guard
// (a symbolic or hard link cannot lead out of the workspace): per folder `AGENTS.md`,
// `.github/copilot-instructions.md`, then `.gateway-chat/rules/*.md` by name. A file is read again
// only when its size or modification time changed, and from disk (what is saved is what is sent).
import { resolveExistingFile, resolveWorkspacePath, type WorkspaceFolder, type WorkspacePort } from '../../tools';
import { parseRule, RULE_LIMIT_BYTES, type RuleFile } from './ruleFile';

export const RULES_FOLDER = '.gateway-chat/rules';
const FIXED_FILES = ['AGENTS.md', '.github/copilot-instructions.md'];
/** More files than anyone writes by hand; a generated folder of thousands is not read whole. */
const MAX_FOLDER_RULES = 64;

export interface RulesRead {
  rules: RuleFile[];
  /** Files that exist but were not used (a link out of the workspace, unreadable), in words for the log. */
  problems: string[];
}

export class RulesReader {
  private cache = new Map<string, { stamp: string; rule: RuleFile }>();

  constructor(private readonly port: WorkspacePort) {}

  /** Every rules file of every folder, in order; nothing in an untrusted workspace. */
  async read(): Promise<RulesRead> {
    const out: RulesRead = { rules: [], problems: [] };
    if (!this.port.isTrusted()) return out;
    const seen = new Map<string, { stamp: string; rule: RuleFile }>();
    for (const folder of this.port.folders()) {
      for (const rel of [...FIXED_FILES, ...(await this.folderRules(folder, out.problems))]) {
        const rule = await this.readOne(folder, rel, seen).catch((e: unknown) => {
          out.problems.push(`${rel}: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        });
        if (rule?.text) out.rules.push(rule);
      }
    }
    // Files that went away leave the cache with this read.
    this.cache = seen;
    return out;
  }

  /** `.gateway-chat/rules/*.md` of one folder, by name; none when the folder is absent or leads outside. */
  private async folderRules(folder: WorkspaceFolder, problems: string[]): Promise<string[]> {
    const dir = await resolveWorkspacePath(this.port, join(folder.root, RULES_FOLDER)).catch((e: unknown) => {
      problems.push(`${RULES_FOLDER}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
    if (!dir?.exists || (await this.port.stat(dir))?.type !== 'directory') return [];
    const entries = await this.port.readDirectory(dir);
    return entries
      .filter((e) => (e.type === 'file' || e.type === 'symlink') && /\.md$/i.test(e.name))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, MAX_FOLDER_RULES)
      .map((name) => `${RULES_FOLDER}/${name}`);
  }

  private async readOne(folder: WorkspaceFolder, rel: string, seen: Map<string, { stamp: string; rule: RuleFile }>): Promise<RuleFile | undefined> {
    const absolute = join(folder.root, rel);
    // A file that is not there is not a problem; one that leads outside the workspace is refused by the guard.
    const exists = await resolveWorkspacePath(this.port, absolute).then((g) => g.exists);
    if (!exists) return undefined;
    const g = await resolveExistingFile(this.port, absolute);
    if (!g) throw new Error('not a regular file inside the workspace (a link?); not used');
    const stat = await this.port.stat(g);
    if (!stat) return undefined;
    const stamp = `${stat.size}:${stat.mtimeMs ?? ''}`;
    const cached = this.cache.get(g.absolute);
    if (cached && cached.stamp === stamp && stat.mtimeMs !== undefined) {
      seen.set(g.absolute, cached);
      return cached.rule;
    }
    const { bytes, size } = await this.port.readFile(g, { maxBytes: RULE_LIMIT_BYTES, fromDisk: true });
    const rule = parseRule(g.display, bytes, size, { name: folder.name, root: folder.root });
    seen.set(g.absolute, { stamp, rule });
    return rule;
  }
}

const join = (root: string, rel: string) => `${root.replace(/[\\/]+$/, '')}/${rel}`;
