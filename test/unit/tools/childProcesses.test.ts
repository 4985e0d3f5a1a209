import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { safeGitArgs, safeGitEnv } from '../../../src/tools/safeGit';
import { withoutVariables } from '../../../src/tools/terminalEnv';
import { sourceFiles } from '../arch/vscodeImports';
import { tempDir } from './fakePort';

const repo = path.resolve(__dirname, '..', '..', '..');

describe('tools: the processes the extension starts', () => {
  describe('git', () => {
    it('a repository configured to run a program as its fsmonitor, hook or pager runs none of them', () => {
      const root = tempDir('git-');
      const marker = path.join(root, 'ran');
      const script = path.join(root, 'evil.sh');
      fs.writeFileSync(script, `#!/bin/sh\necho "$0" >> ${JSON.stringify(marker)}\n`, { mode: 0o755 });
      execFileSync('git', ['init', '-q'], { cwd: root });
      for (const [key, value] of [['core.fsmonitor', script], ['core.pager', script], ['core.hooksPath', root]]) {
        execFileSync('git', ['config', key, value], { cwd: root });
      }
      fs.writeFileSync(path.join(root, 'a.txt'), 'a');
      // Unprotected, the repository's fsmonitor does run (the test can fail).
      execFileSync('git', ['status', '--porcelain'], { cwd: root });
      assert.ok(fs.existsSync(marker), 'the unprotected command ran the fsmonitor program');
      fs.rmSync(marker);
      for (const args of [['check-ignore', '-q', 'a.txt'], ['status', '--porcelain'], ['log', '-1']]) {
        try { execFileSync('git', safeGitArgs(args), { cwd: root, env: safeGitEnv(process.env), stdio: 'pipe' }); } catch { /* exit codes do not matter here */ }
      }
      assert.equal(fs.existsSync(marker), false, 'no program of the repository ran');
    });

    it('every git command in src goes through safeGitArgs', () => {
      const offenders: string[] = [];
      for (const file of sourceFiles(path.join(repo, 'src'))) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:execFile|spawn|execFileSync|spawnSync)\(\s*['"]git['"]\s*,\s*([^\n]*)/g)) {
          if (!m[1].startsWith('safeGitArgs(')) offenders.push(`${path.relative(repo, file)}: ${m[0].slice(0, 80)}`);
        }
        if (/\bexec(?:Sync)?\(\s*[`'"]git\s/.test(fs.readFileSync(file, 'utf8'))) offenders.push(`${path.relative(repo, file)}: git through a shell`);
      }
      assert.deepEqual(offenders, []);
    });
  });

  describe('terminal environment', () => {
    it('leaves out the variables that hold gateway keys, and keeps the rest', () => {
      const env = { PATH: '/bin', OPENAI_API_KEY: 'sk-1', RELAY_KEY: 'sk-2', HOME: '/home/me' };
      assert.deepEqual(withoutVariables(env, ['OPENAI_API_KEY', undefined, 'RELAY_KEY', 'NOT_SET'], false), { PATH: '/bin', HOME: '/home/me' });
      assert.deepEqual(withoutVariables(env, [], false), env);
      assert.notEqual(withoutVariables(env, [], false), env, 'a copy: the host\'s own environment is untouched');
    });

    it('compares names case-insensitively on Windows', () => {
      assert.deepEqual(withoutVariables({ Path: 'C:\\', relay_key: 'sk' }, ['RELAY_KEY'], true), { Path: 'C:\\' });
      assert.deepEqual(withoutVariables({ relay_key: 'sk' }, ['RELAY_KEY'], false), { relay_key: 'sk' });
    });
  });
});
