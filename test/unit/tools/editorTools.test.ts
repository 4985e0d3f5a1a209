import assert from 'node:assert/strict';
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

  it('get_open_editors marks the active and unsaved ones', async () => {
    assert.equal((await runOne(port, 'get_open_editors', {})).content, 'No editors are open.');
    port.editors = [
      { file: 'src/a.ts', language: 'typescript', active: true, dirty: false },
      { file: 'README.md', language: 'markdown', active: false, dirty: true },
    ];
    assert.equal((await runOne(port, 'get_open_editors', {})).content, '2 open editors:\nsrc/a.ts (typescript, active)\nREADME.md (markdown, unsaved changes)');
  });
});
