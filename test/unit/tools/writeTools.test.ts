import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FakeWorkspacePort, runOne, tempDir, writeTree } from './fakePort';

describe('tools: create_file, rename_file, delete_file, run_in_terminal', () => {
  let root: string;
  let outside: string;
  let port: FakeWorkspacePort;
  const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
  const exists = (rel: string) => fs.existsSync(path.join(root, rel));

  beforeEach(() => {
    root = tempDir('write-');
    outside = tempDir('outside-');
    writeTree(root, { 'a.txt': 'alpha\n', 'dir/one.txt': '1', 'empty/.keep': '' });
    fs.rmSync(path.join(root, 'empty/.keep'));
    port = new FakeWorkspacePort(root);
  });

  describe('create_file', () => {
    it('asks with the full new text, then creates the file and its folders', async () => {
      const r = await runOne(port, 'create_file', { path: 'src/new/file.ts', content: 'export {};\n' });
      assert.equal(r.state, 'done');
      assert.equal(r.content, 'Created src/new/file.ts (11 characters).');
      assert.equal(read('src/new/file.ts'), 'export {};\n');
      assert.equal(r.asked.length, 1);
      const { preview, reasons } = r.asked[0];
      assert.deepEqual(reasons, ['write']);
      assert.equal(preview.kind, 'edit');
      assert.deepEqual(preview.kind === 'edit' && [preview.oldText, preview.newText, preview.isNewFile, preview.path.display], ['', 'export {};\n', true, 'src/new/file.ts']);
    });

    it('errors: existing file, folder root, outside, symlinked parent to outside; nothing written', async () => {
      fs.symlinkSync(outside, path.join(root, 'out'));
      for (const [p, re] of [['a.txt', /a\.txt already exists/], ['.', /workspace folder itself/], ['../x.txt', /outside the workspace/], ['out/x.txt', /outside the workspace/]] as const) {
        const r = await runOne(port, 'create_file', { path: p, content: 'x' });
        assert.equal(r.state, 'failed', p);
        assert.match(r.content, re);
        assert.equal(r.asked.length, 0);
      }
      assert.deepEqual(port.writes, []);
      assert.deepEqual(fs.readdirSync(outside), []);
    });
  });

  describe('rename_file', () => {
    it('asks with both paths, then renames', async () => {
      const r = await runOne(port, 'rename_file', { from: 'a.txt', to: 'dir/b.txt' });
      assert.equal(r.content, 'Renamed a.txt to dir/b.txt.');
      assert.equal(read('dir/b.txt'), 'alpha\n');
      assert.equal(exists('a.txt'), false);
      const pv = r.asked[0].preview;
      assert.deepEqual(pv.kind === 'rename' && [pv.from.display, pv.to.display, pv.overwrite], ['a.txt', 'dir/b.txt', false]);
    });

    it('errors: missing source, existing target without overwrite, same path, target outside', async () => {
      assert.match((await runOne(port, 'rename_file', { from: 'nope', to: 'x' })).content, /nope does not exist/);
      assert.match((await runOne(port, 'rename_file', { from: 'a.txt', to: 'dir/one.txt' })).content, /dir\/one\.txt already exists; set overwrite/);
      assert.match((await runOne(port, 'rename_file', { from: 'a.txt', to: './a.txt' })).content, /the same path/);
      assert.match((await runOne(port, 'rename_file', { from: 'a.txt', to: path.join(outside, 'a.txt') })).content, /outside every workspace folder/);
      assert.deepEqual(port.writes, []);
    });

    it('overwrites when asked to', async () => {
      const r = await runOne(port, 'rename_file', { from: 'a.txt', to: 'dir/one.txt', overwrite: true });
      assert.equal(r.state, 'done');
      assert.equal(read('dir/one.txt'), 'alpha\n');
    });
  });

  describe('delete_file', () => {
    it('asks, then deletes a file; a non-empty folder needs recursive', async () => {
      const r = await runOne(port, 'delete_file', { path: 'a.txt' });
      assert.equal(r.content, 'Deleted a.txt.');
      assert.equal(exists('a.txt'), false);
      assert.deepEqual(r.asked[0].preview.kind === 'delete' && [r.asked[0].preview.path.display, r.asked[0].preview.isDirectory], ['a.txt', false]);
      assert.match((await runOne(port, 'delete_file', { path: 'dir' })).content, /dir is a folder with 1 entry; set recursive/);
      assert.equal(exists('dir/one.txt'), true);
      assert.equal((await runOne(port, 'delete_file', { path: 'dir', recursive: true })).content, 'Deleted dir (folder).');
      assert.equal(exists('dir'), false);
      assert.equal((await runOne(port, 'delete_file', { path: 'empty' })).state, 'done');
    });

    it('refuses the workspace root, missing paths and paths outside', async () => {
      assert.match((await runOne(port, 'delete_file', { path: '.', recursive: true })).content, /workspace folder itself/);
      assert.match((await runOne(port, 'delete_file', { path: root, recursive: true })).content, /workspace folder itself/);
      assert.match((await runOne(port, 'delete_file', { path: 'ghost' })).content, /ghost does not exist/);
      assert.match((await runOne(port, 'delete_file', { path: '../../' })).content, /outside the workspace/);
      assert.deepEqual(port.writes, []);
      assert.equal(exists('a.txt'), true);
    });
  });

  describe('run_in_terminal', () => {
    it('asks with the exact command and cwd, then runs that command and reports exit code and output', async () => {
      const r = await runOne(port, 'run_in_terminal', { command: 'npm test -- --grep "a b"', cwd: 'dir', timeout_seconds: 5 });
      assert.equal(r.content, '$ npm test -- --grep "a b"\nExit code: 0\nran: npm test -- --grep "a b"');
      const pv = r.asked[0].preview;
      assert.deepEqual(pv.kind === 'terminal' && [pv.command, pv.cwd.display, pv.cwd.absolute, pv.timeoutMs], ['npm test -- --grep "a b"', 'dir', path.join(root, 'dir'), 5000]);
      assert.deepEqual(r.asked[0].reasons, ['terminal']);
      assert.equal(r.asked[0].canAllowForConversation, false);
      assert.deepEqual(port.writes, ['run npm test -- --grep "a b" @dir']);
    });

    it('defaults cwd to the workspace folder and passes timeout and output cap to the port', async () => {
      let seen: unknown;
      port.terminal = async (_c, o) => { seen = [o.cwd.path, o.timeoutMs, o.maxOutputBytes]; return { output: '\x1b[31mred\x1b[0m\r\n', truncated: true, timedOut: true }; };
      const r = await runOne(port, 'run_in_terminal', { command: 'sleep 100' });
      assert.deepEqual(seen, ['', 60_000, 65_536]);
      assert.equal(r.content, '$ sleep 100\nTimed out after 60 s and was stopped.\nred\n[output truncated: only part of it was kept]');
    });

    it('errors: cwd outside, cwd a file, empty command, bad timeout; nothing runs', async () => {
      assert.match((await runOne(port, 'run_in_terminal', { command: 'ls', cwd: '..' })).content, /outside the workspace/);
      assert.match((await runOne(port, 'run_in_terminal', { command: 'ls', cwd: 'a.txt' })).content, /a\.txt is not a folder/);
      assert.match((await runOne(port, 'run_in_terminal', { command: '   ' })).content, /The command is empty/);
      assert.match((await runOne(port, 'run_in_terminal', { command: '' })).content, /command must NOT have fewer than 1 characters/);
      assert.match((await runOne(port, 'run_in_terminal', { command: 'ls', timeout_seconds: 9999 })).content, /timeout_seconds must be <= 600/);
      assert.deepEqual(port.writes, []);
    });
  });
});
