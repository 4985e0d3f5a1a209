import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runtimeVscodeImporters, sourceFiles } from '../arch/vscodeImports';

const repo = path.resolve(__dirname, '..', '..', '..');
const toolsDir = path.join(repo, 'src', 'tools');

describe('tools: no vscode in src/tools', function () {
  this.timeout(20_000);

  it('no file under src/tools imports vscode at runtime', async () => {
    const files = sourceFiles(toolsDir);
    assert.ok(files.length >= 15, `found ${files.length} files`);
    assert.deepEqual(await runtimeVscodeImporters(repo, files), []);
  });

  it('no file under src/tools even names the vscode module (types come through the port)', () => {
    const offenders = sourceFiles(toolsDir).filter((f) => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
