// dist/extension.js as esbuild makes it: the code the extension host compiles at activation. Every
// `import * as vscode` of the CommonJS API used to become a copy of the whole API, one per importing
// file (forty copies, about half of the code-loading time, bench/footprint.ts); one module re-exports
// it for all. The heavy dependencies stay out of it (they load from dist/vendor/ on first use).
import assert from 'node:assert/strict';
import esbuild from 'esbuild';

describe('manifest: the extension bundle', function () {
  this.timeout(60_000);
  let code = '';

  before(async () => {
    const { extension } = require('../../../esbuild.js') as { extension: esbuild.BuildOptions };
    const out = await esbuild.build({ ...extension, minify: true, sourcemap: false, write: false, logLevel: 'silent' });
    code = out.outputFiles.find((f) => f.path.endsWith('extension.js'))!.text;
  });

  it('takes the vscode API once, for every file that imports it', () => {
    assert.equal(code.match(/require\("vscode"\)/g)?.length, 1);
  });

  it('requires the tokenizer, undici, ajv and the MCP SDK only from dist/vendor/ (on first use)', () => {
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((r) => !r.startsWith('node:') && r !== 'vscode');
    assert.deepEqual([...new Set(required)].sort(), ['./vendor/ajv.js', './vendor/mcp-sdk.js', './vendor/tokenizer.js', './vendor/undici.js']);
    assert.ok(code.length < 400_000, `extension.js is ${code.length} bytes`);
  });
});
