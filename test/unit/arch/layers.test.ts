import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { layerViolations } from './importGraph';
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

describe('layers: imports only go down', () => {
  it('holds for every file under src/', () => {
    assert.deepEqual(layerViolations(repo), []);
  });

  it('flags an import that goes up or sideways, and a reach past src/llm/index.ts (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('src/shared/types.ts', 'export type A = 1;\n');
    write('src/llm/index.ts', "export * from './client';\n");
    write('src/llm/client.ts', "import type { A } from '../shared/types';\nexport const c = 1 as A;\n");
    write('src/chat/turn/ok.ts', "import { c } from '../../llm';\nexport const ok = c;\n");
    write('src/chat/turn/deep.ts', "import { c } from '../../llm/client';\nexport const d = c;\n");
    write('src/chat/up.ts', "import type { X } from '../host/panel/x';\nexport type Y = X;\n");
    write('src/host/panel/x.ts', 'export type X = 1;\n');
    write('src/webview/main.ts', "import { ok } from '../chat/turn/ok';\nexport const w = ok;\n");
    write('src/shared/bad.ts', "export { c } from '../llm';\n");
    assert.deepEqual(layerViolations(dir), [
      'src/chat/turn/deep.ts -> src/llm/client.ts: other layers use src/llm/index.ts',
      'src/chat/up.ts -> src/host/panel/x.ts: chat may not import host',
      'src/shared/bad.ts -> src/llm/index.ts: shared may not import llm',
      'src/webview/main.ts -> src/chat/turn/ok.ts: webview may not import chat',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
