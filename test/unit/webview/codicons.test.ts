// The .vsix carries the codicons the panel draws and no others (build/codiconSubset.js). These tests
// check the cut: every icon the webview names is kept, in the stylesheet and in the font, and the
// rest are gone. (test/e2e/extras.test.ts checks the icons on screen in VS Code.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');
const webviewDir = path.join(root, 'src/webview');
const { codiconSubset, allIcons, codiconsDir } = require('../../../build/codiconSubset.js');

type Subset = { names: string[]; css: string; font: Buffer; codePoints: number[] };

describe('codicons: only the icons the panel uses ship', function () {
  this.timeout(30_000);
  let subset: Subset;
  before(async () => {
    subset = await codiconSubset(webviewDir, './codicon.ttf');
  });

  it('keeps icons named every way the webview names them', () => {
    // iconButton(label, 'copy', ...), a className 'codicon codicon-circle-slash', an option menu's
    // 'json', and the `codicon-${entry.checked ? 'check' : 'blank'}` of a template.
    for (const name of ['copy', 'circle-slash', 'json', 'check', 'blank', 'send', 'tools']) assert.ok(subset.names.includes(name), name);
  });

  it('no icon name is put together at run time, where the cut could not see it', () => {
    const built: string[] = [];
    for (const file of fs.readdirSync(webviewDir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(webviewDir, file), 'utf8');
      // `codicon-${x}` is fine when x is a parameter that callers pass as a literal (checked by the
      // first test through those callers); a name glued from a literal and something else is not.
      for (const m of text.matchAll(/codicon-[a-z0-9-]*\$\{[^}]*\}|['"`][a-z0-9]+-['"`]\s*\+|\+\s*['"`]-[a-z0-9-]+['"`]/g)) {
        if (!/^codicon-\$\{(codicon|entry\.checked \? 'check' : 'blank')\}$/.test(m[0])) built.push(`${file}: ${m[0]}`);
      }
      // The icon of iconButton(label, icon, ...) and of an option menu is a literal at every call.
      for (const m of text.matchAll(/(?:iconButton|\bmenu)\(t\('(?:[^'\\]|\\.)*'\),\s*(?:t\('(?:[^'\\]|\\.)*'\),\s*)?([^,]+),/g)) {
        if (!/^'[a-z0-9-]+'$/.test(m[1].trim())) built.push(`${file}: ${m[0]}`);
      }
      const calls = text.match(/(?:iconButton|\bmenu)\(t\(/g)?.length ?? 0;
      const checked = [...text.matchAll(/(?:iconButton|\bmenu)\(t\('(?:[^'\\]|\\.)*'\),\s*(?:t\('(?:[^'\\]|\\.)*'\),\s*)?([^,]+),/g)].length;
      if (calls !== checked) built.push(`${file}: ${calls - checked} icon call(s) this test cannot read`);
    }
    assert.deepEqual(built, []);
  });

  it('the stylesheet has a rule for each kept icon and none for the others', () => {
    const rules = [...subset.css.matchAll(/\.codicon-([a-z0-9-]+):before/g)].map((m) => m[1]);
    assert.deepEqual(rules, subset.names);
    const all: Map<string, number> = allIcons(fs.readFileSync(path.join(codiconsDir, 'codicon.css'), 'utf8'));
    assert.ok(all.size > 500 && subset.names.length < 80, `${subset.names.length} of ${all.size}`);
    assert.match(subset.css, /src: url\("\.\/codicon\.ttf"\) format\("truetype"\)/);
  });

  it('the font has a glyph for each kept icon, and is a fraction of the full one', async () => {
    const hb = await import('harfbuzzjs');
    const face = new hb.Face(new hb.Blob(subset.font));
    const mapped = new Set(face.collectUnicodes());
    for (const [i, cp] of subset.codePoints.entries()) assert.ok(mapped.has(cp), `${subset.names[i]} (U+${cp.toString(16)})`);
    const full = fs.statSync(path.join(codiconsDir, 'codicon.ttf')).size;
    assert.ok(subset.font.length < full / 5, `${subset.font.length} of ${full} bytes`);
  });
});
