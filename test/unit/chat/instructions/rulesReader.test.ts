// Project rules files: which are found, in which order, applyTo from front matter, the 64 KB cut,
// reading again only what changed, and never outside the workspace or in an untrusted one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseRule, RULE_LIMIT_BYTES, ruleApplies } from '../../../../src/chat/instructions/ruleFile';
import { RulesReader } from '../../../../src/chat/instructions/rulesReader';
import { splitFrontMatter } from '../../../../src/chat/instructions/frontMatter';
import type { FileBytes, WorkspacePath } from '../../../../src/tools/workspacePort';
import { FakeWorkspacePort, tempDir, writeTree } from '../../tools/fakePort';

/** Counts the files actually read, to see the cache at work. */
class CountingPort extends FakeWorkspacePort {
  reads: string[] = [];
  override async readFile(p: WorkspacePath, o: { maxBytes: number; fromDisk?: boolean }): Promise<FileBytes> {
    this.reads.push(p.path);
    return super.readFile(p, o);
  }
}

describe('rules files: discovery and order', () => {
  it('AGENTS.md, .github/copilot-instructions.md, then .gateway-chat/rules/*.md by name; other files ignored', async () => {
    const root = tempDir('rules-');
    writeTree(root, {
      'AGENTS.md': '# Agents\nUse tabs.\n',
      '.github/copilot-instructions.md': 'Copilot says hi.',
      '.gateway-chat/rules/b.md': 'B rule',
      '.gateway-chat/rules/a.md': '---\napplyTo: "src/**/*.ts"\n---\nA rule',
      '.gateway-chat/rules/notes.txt': 'not a rule',
      '.gateway-chat/rules/empty.md': '---\napplyTo: "*.py"\n---\n\n',
      'sub/AGENTS.md': 'not at the root',
    });
    const { rules, problems } = await new RulesReader(new FakeWorkspacePort(root)).read();
    assert.deepEqual(problems, []);
    assert.deepEqual(rules.map((r) => [r.path, r.text, r.applyTo]), [
      ['AGENTS.md', '# Agents\nUse tabs.', undefined],
      ['.github/copilot-instructions.md', 'Copilot says hi.', undefined],
      ['.gateway-chat/rules/a.md', 'A rule', ['src/**/*.ts']],
      ['.gateway-chat/rules/b.md', 'B rule', undefined],
    ]);
  });

  it('a multi-root workspace: every folder, paths shown with the folder name', async () => {
    const [a, b] = [tempDir('rules-a-'), tempDir('rules-b-')];
    writeTree(a, { 'AGENTS.md': 'A' });
    writeTree(b, { '.gateway-chat/rules/x.md': 'X' });
    const { rules } = await new RulesReader(new FakeWorkspacePort([a, b], ['api', 'web'])).read();
    assert.deepEqual(rules.map((r) => r.path), ['api/AGENTS.md', 'web/.gateway-chat/rules/x.md']);
  });

  it('nothing in an untrusted workspace', async () => {
    const root = tempDir('rules-');
    writeTree(root, { 'AGENTS.md': 'secret plan' });
    const port = new FakeWorkspacePort(root);
    port.trusted = false;
    assert.deepEqual((await new RulesReader(port).read()).rules, []);
  });

  it('a symbolic link out of the workspace is not followed (a file or the rules folder), and is reported', async () => {
    const root = tempDir('rules-');
    const outside = tempDir('outside-');
    writeTree(outside, { 'secret.md': 'SECRET', 'rules/x.md': 'SECRET TOO' });
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'AGENTS.md'));
    fs.mkdirSync(path.join(root, '.gateway-chat'));
    fs.symlinkSync(path.join(outside, 'rules'), path.join(root, '.gateway-chat', 'rules'));
    const { rules, problems } = await new RulesReader(new FakeWorkspacePort(root)).read();
    assert.deepEqual(rules, []);
    assert.equal(problems.length, 2);
  });
});

describe('rules files: size and changes', () => {
  it('a file over 64 KB is cut there and marked; a split UTF-8 character is dropped', async () => {
    const root = tempDir('rules-');
    // 3-byte characters: the cut at 65,536 bytes falls inside one.
    writeTree(root, { 'AGENTS.md': '中'.repeat(30_000) });
    const [rule] = (await new RulesReader(new FakeWorkspacePort(root)).read()).rules;
    assert.equal(rule.truncated, true);
    assert.equal(rule.text, '中'.repeat(Math.floor(RULE_LIMIT_BYTES / 3)));
    const small = parseRule('x.md', new TextEncoder().encode('fits'), 4);
    assert.equal(small.truncated, false);
  });

  it('reads a file again only when it changed, from disk; a removed file leaves', async () => {
    const root = tempDir('rules-');
    writeTree(root, { 'AGENTS.md': 'v1' });
    const port = new CountingPort(root);
    port.dirty.set(path.join(root, 'AGENTS.md'), 'unsaved text in an editor');
    const reader = new RulesReader(port);
    assert.equal((await reader.read()).rules[0].text, 'v1');
    assert.equal((await reader.read()).rules[0].text, 'v1');
    assert.deepEqual(port.reads, ['AGENTS.md'], 'the unchanged file came from the cache');
    fs.writeFileSync(path.join(root, 'AGENTS.md'), 'version 2');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'AGENTS.md'), later, later);
    assert.equal((await reader.read()).rules[0].text, 'version 2');
    assert.equal(port.reads.length, 2);
    fs.rmSync(path.join(root, 'AGENTS.md'));
    assert.deepEqual((await reader.read()).rules, []);
  });
});

describe('rules files: applyTo', () => {
  const folder = { name: 'app', root: '/work/app' };
  const rule = (applyTo?: string[]) => ({ path: 'r.md', text: 'R', truncated: false, folder, ...(applyTo ? { applyTo } : {}) });

  it('no applyTo: always; otherwise a file of the conversation must match one glob', () => {
    assert.equal(ruleApplies(rule(), []), true);
    assert.equal(ruleApplies(rule(['src/**/*.ts']), []), false);
    assert.equal(ruleApplies(rule(['src/**/*.ts']), ['src/deep/a.ts']), true);
    assert.equal(ruleApplies(rule(['src/**/*.ts']), ['test/a.ts', 'src/a.js']), false);
    assert.equal(ruleApplies(rule(['docs/**', '**/*.py']), ['tools/x.py']), true);
  });

  it('a glob without a slash matches the file name anywhere; folder-prefixed, ./ and absolute paths match too', () => {
    assert.equal(ruleApplies(rule(['*.ts']), ['src/deep/a.ts']), true);
    assert.equal(ruleApplies(rule(['src/*.ts']), ['app/src/a.ts']), true);
    assert.equal(ruleApplies(rule(['src/*.ts']), ['./src/a.ts']), true);
    assert.equal(ruleApplies(rule(['src/*.ts']), ['/work/app/src/a.ts']), true);
    assert.equal(ruleApplies(rule(['.github/**']), ['.github/workflows/ci.yml']), true, 'dot folders match');
  });

  it('front matter: quoted, comma separated, inline and block lists', () => {
    const globs = (front: string) => parseRule('r.md', new TextEncoder().encode(`---\n${front}\n---\nbody`), 100).applyTo;
    assert.deepEqual(globs('applyTo: "src/**"'), ['src/**']);
    assert.deepEqual(globs("applyTo: 'a/*.ts, b/*.ts'"), ['a/*.ts', 'b/*.ts']);
    assert.deepEqual(globs('applyTo: ["x/**", "y/**"]'), ['x/**', 'y/**']);
    assert.deepEqual(globs('description: hi\napplyTo:\n  - "p/**"\n  - q/**'), ['p/**', 'q/**']);
    assert.deepEqual(splitFrontMatter('\uFEFF---\r\ntitle: T\r\n---\r\nText').body, 'Text');
    assert.deepEqual(splitFrontMatter('No front matter').meta, {});
  });
});
