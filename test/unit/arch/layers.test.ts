import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allowedToImportVscode, runtimeVscodeImporters, sourceFiles } from './vscodeImports';

const repo = path.resolve(__dirname, '..', '..', '..');

describe('layers: only src/host and src/extension.ts import vscode at runtime', function () {
  this.timeout(30_000);

  it('holds for every file under src/', async () => {
    const importers = await runtimeVscodeImporters(repo, sourceFiles(path.join(repo, 'src')));
    assert.ok(importers.includes('src/extension.ts'), 'the check sees the real imports');
    assert.deepEqual(importers.filter((f) => !allowedToImportVscode(f)), []);
  });

  it('flags a runtime import outside the host and ignores type-only ones (the check can fail)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    fs.mkdirSync(path.join(dir, 'src', 'chat'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'chat', 'bad.ts'), "import * as vscode from 'vscode';\nexport const x = vscode.version;\n");
    fs.writeFileSync(path.join(dir, 'src', 'chat', 'typed.ts'), "import type { Uri } from 'vscode';\nexport const f = (u: Uri) => u;\n");
    fs.writeFileSync(path.join(dir, 'src', 'chat', 'req.ts'), "const v = require('vscode');\nexport const y = v;\n");
    const importers = await runtimeVscodeImporters(dir, sourceFiles(path.join(dir, 'src')));
    assert.deepEqual(importers, ['src/chat/bad.ts', 'src/chat/req.ts']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
