import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSensitive, resolveExistingFile, resolveWorkspacePath, runsCode } from '../../../src/tools/pathGuard';
import type { WorkspacePort } from '../../../src/tools/workspacePort';
import { FakeWorkspacePort, tempDir, writeTree } from './fakePort';

async function rejects(port: WorkspacePort, input: unknown, pattern: RegExp) {
  await assert.rejects(resolveWorkspacePath(port, input), (e: Error) => {
    assert.equal(e.name, 'ToolError');
    assert.match(e.message, pattern);
    return true;
  });
}

describe('tools/pathGuard', () => {
  let root: string;
  let outside: string;
  let port: FakeWorkspacePort;

  beforeEach(() => {
    outside = tempDir('outside-');
    root = tempDir('ws-');
    writeTree(outside, { 'secret.txt': 'top secret', 'dir/inner.txt': 'x' });
    writeTree(root, { 'a.txt': 'a', 'src/b.ts': 'b', '.git/config': '[core]', '.vscode/settings.json': '{}' });
    port = new FakeWorkspacePort(root);
  });

  describe('accepts paths inside the folder', () => {
    it('resolves relative, dotted, absolute and file: URI forms to the same folder-relative path', async () => {
      for (const input of ['src/b.ts', './src/b.ts', 'src//b.ts', 'a/../src/b.ts', ` src/b.ts `, path.join(root, 'src', 'b.ts'), pathToFileURL(path.join(root, 'src/b.ts')).href, 'src\\b.ts']) {
        const g = await resolveWorkspacePath(port, input);
        assert.equal(g.path, 'src/b.ts', input);
        assert.equal(g.folder, port.folderList[0]);
        assert.equal(g.display, 'src/b.ts');
        assert.equal(g.absolute, path.join(root, 'src', 'b.ts'));
        assert.equal(g.exists, true);
        assert.equal(g.sensitive, false);
      }
    });

    it('treats "", "." and the root itself as the folder, and new files as not existing', async () => {
      for (const input of ['', '.', root]) assert.equal((await resolveWorkspacePath(port, input)).path, '');
      assert.equal((await resolveWorkspacePath(port, '.')).display, '.');
      const g = await resolveWorkspacePath(port, 'new/dir/file.ts');
      assert.deepEqual([g.path, g.exists, g.realPath], ['new/dir/file.ts', false, 'new/dir/file.ts']);
    });

    it('follows a symlink that stays inside the workspace', async () => {
      fs.symlinkSync(path.join(root, 'src'), path.join(root, 'srclink'));
      const g = await resolveWorkspacePath(port, 'srclink/b.ts');
      assert.deepEqual([g.path, g.realPath, g.exists], ['srclink/b.ts', 'src/b.ts', true]);
    });
  });

  describe('the attack set', () => {
    it('rejects ../ and a/../../x', async () => {
      await rejects(port, '../x', /outside the workspace/);
      await rejects(port, 'a/../../x', /outside the workspace/);
      await rejects(port, '..', /outside the workspace/);
      await rejects(port, `../${path.basename(root)}/a.txt`, /outside the workspace/);
    });

    it('rejects absolute paths outside every folder, and the root of the file system', async () => {
      await rejects(port, path.join(outside, 'secret.txt'), /outside every workspace folder/);
      await rejects(port, '/etc/passwd', /outside every workspace folder/);
      await rejects(port, `${root}/../${path.basename(outside)}/secret.txt`, /outside every workspace folder/);
      await rejects(port, `${root}-sibling/x`, /outside every workspace folder/);
    });

    it('rejects a symlink (file or folder) that points outside', async () => {
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
      fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'linkdir'));
      await rejects(port, 'link.txt', /outside the workspace/);
      await rejects(port, 'linkdir/inner.txt', /outside the workspace/);
      await rejects(port, path.join(root, 'linkdir'), /outside the workspace/);
    });

    it('rejects a new file whose parent folder is a symlink to outside (nearest existing parent)', async () => {
      fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'linkdir'));
      await rejects(port, 'linkdir/new.txt', /outside the workspace/);
      await rejects(port, 'linkdir/deeper/new.txt', /outside the workspace/);
    });

    it('refuses a file with more than one hard link (its other names may be outside), not a new or single-linked one', async () => {
      fs.linkSync(path.join(outside, 'secret.txt'), path.join(root, 'innocent.txt'));
      await rejects(port, 'innocent.txt', /hard link/);
      await rejects(port, path.join(root, 'innocent.txt'), /hard link/);
      assert.equal((await resolveWorkspacePath(port, 'a.txt')).exists, true);
      assert.equal((await resolveWorkspacePath(port, 'brand-new.txt')).exists, false);
    });

    it('rejects a dangling symlink, whose target could be created anywhere', async () => {
      fs.symlinkSync(path.join(outside, 'not-yet.txt'), path.join(root, 'dangling.txt'));
      await rejects(port, 'dangling.txt', /symbolic link whose target does not exist/);
    });

    it('rejects URL-encoded traversal, NUL and control characters', async () => {
      await rejects(port, '%2e%2e/secret.txt', /URL-encoded/);
      await rejects(port, '..%2fsecret.txt', /URL-encoded/);
      await rejects(port, '%252e%252e/x', /URL-encoded/);
      await rejects(port, 'a.txt\0.png', /NUL or control/);
      await rejects(port, 'a\nb', /NUL or control/);
    });

    it('rejects Windows drive and UNC paths in a POSIX workspace, and other URI schemes', async () => {
      await rejects(port, 'C:\\Windows\\system32', /Windows drive path/);
      await rejects(port, 'c:/x', /Windows drive path/);
      await rejects(port, '\\\\server\\share\\x', /UNC/);
      await rejects(port, '//server/share', /UNC/);
      await rejects(port, '\\\\?\\C:\\x', /UNC/);
      await rejects(port, 'vscode-remote://ssh/etc/passwd', /URI/);
      await rejects(port, 42, /must be a string/);
    });

    it('marks .vscode/, .git/, *.code-workspace and .env* as sensitive, also through a symlink', async () => {
      for (const p of ['.vscode/settings.json', '.git/config', 'x.code-workspace', '.env', 'sub/.env.local', '.git']) {
        assert.equal((await resolveWorkspacePath(port, p)).sensitive, true, p);
      }
      fs.symlinkSync(path.join(root, '.git'), path.join(root, 'innocent'));
      const g = await resolveWorkspacePath(port, 'innocent/config');
      assert.equal(g.realPath, '.git/config');
      assert.equal(g.sensitive, true);
    });

    it('on a case-insensitive file system: sub/.ENV.local is sensitive and the root matches in any case', async () => {
      port.caseInsensitive = true;
      assert.equal((await resolveWorkspacePath(port, 'sub/.ENV.local')).sensitive, true);
      assert.equal((await resolveWorkspacePath(port, '.VSCode/Settings.json')).sensitive, true);
      const g = await resolveWorkspacePath(port, path.join(root.toUpperCase(), 'a.txt'));
      assert.deepEqual([g.path, g.absolute], ['a.txt', path.join(root, 'a.txt')]);
      port.caseInsensitive = false;
      await rejects(port, path.join(root.toUpperCase(), 'a.txt'), /outside every workspace folder/);
    });
  });

  describe('multi-root', () => {
    let second: string;
    beforeEach(() => {
      second = tempDir('second-');
      writeTree(second, { 'lib/only-here.ts': 'x' });
      port = new FakeWorkspacePort([root, second], ['api', 'web']);
    });

    it('uses a leading folder name, else the one folder where the path exists', async () => {
      const a = await resolveWorkspacePath(port, 'web/lib/only-here.ts');
      assert.deepEqual([a.folder.name, a.path, a.display], ['web', 'lib/only-here.ts', 'web/lib/only-here.ts']);
      const b = await resolveWorkspacePath(port, 'lib/only-here.ts');
      assert.equal(b.folder.name, 'web');
      const c = await resolveWorkspacePath(port, path.join(second, 'lib'));
      assert.deepEqual([c.folder.name, c.path], ['web', 'lib']);
    });

    it('asks for a folder prefix when a new path could belong to either', async () => {
      await rejects(port, 'brand/new.ts', /several folders \(api, web\).*"api\/brand\/new.ts"/);
    });

    it('a folder opened from inside another folder\'s .vscode/ or .git/ keeps it sensitive, by either path', async () => {
      writeTree(root, { '.vscode/nested/tasks.json': '{}', '.git/hooks/pre-commit': 'x' });
      for (const inner of ['.vscode/nested', '.git/hooks']) {
        const nested = path.join(root, inner);
        port = new FakeWorkspacePort([root, nested], ['outer', 'inner']);
        const name = fs.readdirSync(nested)[0];
        for (const input of [`inner/${name}`, path.join(nested, name), `outer/${inner}/${name}`]) {
          const g = await resolveWorkspacePath(port, input);
          assert.equal(g.sensitive, true, `${inner}: ${input}`);
        }
      }
    });

    it('a folder nested in another folder\'s .husky/ keeps writes asking (runsCode)', async () => {
      writeTree(root, { '.husky/_/h': 'x' });
      port = new FakeWorkspacePort([root, path.join(root, '.husky', '_')], ['outer', 'inner']);
      assert.equal((await resolveWorkspacePath(port, 'inner/h')).runsCode, true);
    });

    it('rejects escaping from one folder into another with ..', async () => {
      await rejects(port, 'api/../../x', /outside the workspace/);
    });
  });

  describe('Windows workspaces (a stub port with drive-letter roots)', () => {
    const existing = new Set(['c:\\work\\ws', 'c:\\work\\ws\\src', 'c:\\work\\ws\\src\\a.ts']);
    // Only what the guard calls; the rest of the port is never reached.
    const win = {
      caseInsensitive: true,
      folders: () => [{ name: 'ws', root: 'C:\\work\\ws' }],
      realpath: async (p: string) => (existing.has(p.toLowerCase()) ? p : undefined),
      stat: async () => undefined,
    } as unknown as WorkspacePort;

    it('accepts drive paths inside the folder in any case and separator', async () => {
      for (const input of ['C:\\work\\ws\\src\\a.ts', 'c:/WORK/ws/src/a.ts', 'src\\a.ts']) {
        const g = await resolveWorkspacePath(win, input);
        assert.deepEqual([g.path, g.absolute, g.exists], ['src/a.ts', 'C:\\work\\ws\\src\\a.ts', true], input);
      }
    });

    it('rejects other drives, drive-relative and rootless paths, aliases of .git and device names', async () => {
      await rejects(win, 'D:\\work\\ws\\a.ts', /outside every workspace folder/);
      await rejects(win, 'C:..\\x', /relative to a drive/);
      await rejects(win, '\\Windows\\x', /no drive letter/);
      await rejects(win, '.git.\\config', /ending in a dot or space/);
      await rejects(win, 'GIT~1\\config', /8\.3 short name/);
      await rejects(win, 'a.ts:secret', /alternate data streams/);
      await rejects(win, 'src\\CON', /reserved device name/);
      await rejects(win, '..\\x', /outside the workspace/);
    });
  });

  describe('resolveExistingFile (the panel\'s attach and open)', () => {
    it('gives an existing file inside, and nothing for outside, links that lead out, hard links, folders or missing files', async () => {
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
      fs.linkSync(path.join(outside, 'dir', 'inner.txt'), path.join(root, 'hard.txt'));
      assert.equal((await resolveExistingFile(port, 'src/b.ts'))?.absolute, path.join(root, 'src', 'b.ts'));
      assert.equal((await resolveExistingFile(port, path.join(root, 'a.txt')))?.path, 'a.txt');
      for (const input of ['link.txt', 'hard.txt', '../outside/secret.txt', path.join(outside, 'secret.txt'), 'src', 'missing.txt', '/etc/passwd']) {
        assert.equal(await resolveExistingFile(port, input), undefined, input);
      }
    });
  });

  describe('runsCode', () => {
    it('matches package.json, Makefiles, .husky/, .github/workflows/ and .gateway-chat/ at any depth, and nothing else', () => {
      const yes = ['package.json', 'lib/Package.JSON', 'Makefile', 'sub/makefile', 'GNUmakefile', '.husky/pre-commit', '.husky', '.github/workflows/ci.yml', 'a/.GitHub/Workflows/x.yml', '.gateway-chat/rules/a.md', 'package.json.'];
      const no = ['src/app.ts', 'package-lock.json', 'mypackage.json', 'Makefile.md', '.github/CODEOWNERS', 'workflows/ci.yml', 'docs/gateway-chat.md', ''];
      for (const p of yes) assert.equal(runsCode(p), true, p);
      for (const p of no) assert.equal(runsCode(p), false, p);
    });
  });

  describe('isSensitive', () => {
    it('matches at any depth, in any case, and nothing else', () => {
      const yes = ['.vscode/settings.json', '.vscode', '.git/config', 'sub/.git/HEAD', 'x.code-workspace', 'a/b/team.CODE-WORKSPACE', '.env', '.env.local', 'sub/.ENV.local', '.envrc', '.git./config', 'a\\.vscode\\tasks.json'];
      const no = ['src/app.ts', 'docs/.vscode-notes.md', 'my.env.ts', 'environment.ts', '.github/workflows/ci.yml', '.gitignore', 'code-workspace.md', ''];
      for (const p of yes) assert.equal(isSensitive(p), true, p);
      for (const p of no) assert.equal(isSensitive(p), false, p);
    });
  });
});
