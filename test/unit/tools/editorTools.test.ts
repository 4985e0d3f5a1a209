import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ApprovalRequest } from '../../../src/tools/approval';
import { FakeWorkspacePort, runOne, tempDir, writeTree } from './fakePort';

describe('tools: get_diagnostics, get_selection, get_open_editors', () => {
  let port: FakeWorkspacePort;

  beforeEach(() => {
    const root = tempDir('editor-');
    writeTree(root, { 'src/a.ts': 'x', '.env': 'K=V' });
    port = new FakeWorkspacePort(root);
  });

  it('get_diagnostics lists errors first, one line each, for all files or one', async () => {
    port.diagnosticList = [
      { file: 'src/b.ts', line: 3, column: 1, severity: 'warning', message: 'unused', source: 'ts', code: '6133' },
      { file: 'src/a.ts', line: 1, column: 5, severity: 'error', message: 'bad\n  type', source: 'ts' },
    ];
    const all = await runOne(port, 'get_diagnostics', {});
    assert.equal(all.content, '2 problems:\nsrc/a.ts:1:5 error: bad type (ts)\nsrc/b.ts:3:1 warning: unused (ts 6133)');
    assert.equal((await runOne(port, 'get_diagnostics', { path: 'src/a.ts' })).content, '1 problem:\nsrc/a.ts:1:5 error: bad type (ts)');
    port.diagnosticList = [];
    assert.equal((await runOne(port, 'get_diagnostics', {})).content, 'No problems reported in the workspace.');
    assert.match((await runOne(port, 'get_diagnostics', { path: '../x' })).content, /^Error: .*outside the workspace/);
  });

  it('get_selection returns the file, range, language and text, or says there is none', async () => {
    assert.equal((await runOne(port, 'get_selection', {})).content, 'No text editor is active, so there is no selection.');
    port.selectionInfo = { file: 'src/a.ts', workspacePath: { folder: port.folderList[0], path: 'src/a.ts' }, language: 'typescript', startLine: 2, endLine: 4, text: 'let x;\nlet y;\nlet z;' };
    const r = await runOne(port, 'get_selection', {});
    assert.equal(r.content, 'src/a.ts (lines 2-4, typescript):\nlet x;\nlet y;\nlet z;');
    assert.equal(r.asked.length, 0);
    assert.match((await runOne(port, 'get_selection', { extra: 1 })).content, /unexpected argument "extra"/);
  });

  it('get_selection asks first when the selection is in a sensitive file', async () => {
    port.selectionInfo = { file: '.env', workspacePath: { folder: port.folderList[0], path: '.env' }, language: 'dotenv', startLine: 1, endLine: 1, text: 'K=V' };
    const r = await runOne(port, 'get_selection', {}, { requestApproval: async () => ({ approved: false }) });
    assert.equal(r.state, 'rejected');
    assert.doesNotMatch(r.content, /K=V/);
  });

  it('get_selection asks first when the selection is in a file outside the workspace or an untitled buffer', async () => {
    for (const file of ['/home/me/.aws/credentials', 'Untitled-1']) {
      port.selectionInfo = { file, language: 'ini', startLine: 1, endLine: 1, text: 'aws_secret_access_key=SECRET' };
      const asked: ApprovalRequest[] = [];
      const r = await runOne(port, 'get_selection', {}, { allowedTools: new Set(['get_selection']), requestApproval: async (req) => { asked.push(req); return { approved: false }; } });
      assert.equal(r.state, 'rejected', file);
      assert.doesNotMatch(r.content, /SECRET/);
      assert.deepEqual([asked[0].reasons, asked[0].sensitivePaths], [['outside'], [file]]);
      assert.match(JSON.stringify(asked[0].preview), /outside the workspace/);
    }
  });

  it('get_selection asks when the workspace path the host reported leads out through a symlink', async () => {
    const outside = tempDir('outside-');
    writeTree(outside, { 'id_rsa': 'KEY' });
    fs.symlinkSync(path.join(outside, 'id_rsa'), path.join(port.folderList[0].root, 'key'));
    port.selectionInfo = { file: 'key', workspacePath: { folder: port.folderList[0], path: 'key' }, language: 'text', startLine: 1, endLine: 1, text: 'KEY' };
    const r = await runOne(port, 'get_selection', {});
    assert.deepEqual(r.asked.map((a) => a.reasons), [['outside']]);
  });

  it('get_diagnostics leaves out problems of files outside the workspace and says so', async () => {
    port.diagnosticList = [
      { file: '/home/me/.aws/credentials', line: 1, column: 1, severity: 'error', message: 'unexpected aws_secret_access_key=SECRET' },
      { file: 'src/a.ts', line: 1, column: 1, severity: 'warning', message: 'unused' },
    ];
    const r = await runOne(port, 'get_diagnostics', {});
    assert.equal(r.content, '1 problem:\nsrc/a.ts:1:1 warning: unused\n[1 problem in files outside the workspace not shown]');
    port.diagnosticList = [port.diagnosticList[0]];
    assert.equal((await runOne(port, 'get_diagnostics', {})).content, 'No problems reported in the workspace.\n[1 problem in files outside the workspace not shown]');
  });

  it('get_open_editors marks the active and unsaved ones', async () => {
    assert.equal((await runOne(port, 'get_open_editors', {})).content, 'No editors are open.');
    port.editors = [
      { file: 'src/a.ts', language: 'typescript', active: true, dirty: false },
      { file: 'README.md', language: 'markdown', active: false, dirty: true },
    ];
    assert.equal((await runOne(port, 'get_open_editors', {})).content, '2 open editors:\nsrc/a.ts (typescript, active)\nREADME.md (markdown, unsaved changes)');
  });
});
