import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { webviewStrings } from '../../../src/shared/webviewStrings';
import { sourceFiles } from '../arch/vscodeImports';

const repo = path.resolve(__dirname, '..', '..', '..');
const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(repo, p), 'utf8'));

/** Every literal passed to vscode.l10n.t( ... ) in the host. */
function hostStrings(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(repo, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) found.add(m[2].replace(/\\(.)/g, '$1'));
  }
  return [...found];
}

describe('l10n: every user-visible string has a Simplified Chinese translation', () => {
  const zh = readJson('l10n/bundle.l10n.zh-cn.json');

  it('covers the host strings and the webview bundle', () => {
    const strings = [...hostStrings(), ...webviewStrings];
    assert.ok(strings.length > 5, 'the scan finds strings');
    assert.deepEqual(strings.filter((s) => typeof zh[s] !== 'string' || !zh[s].trim()), []);
  });

  it('keeps {n} placeholders in translations', () => {
    for (const [en, cn] of Object.entries<string>(zh)) {
      assert.deepEqual((cn.match(/\{\d+\}/g) ?? []).sort(), (en.match(/\{\d+\}/g) ?? []).sort(), en);
    }
  });

  it('translates every %key% the manifest uses', () => {
    const manifest = fs.readFileSync(path.join(repo, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    const en = readJson('package.nls.json');
    const cn = readJson('package.nls.zh-cn.json');
    assert.ok(keys.length > 10);
    assert.deepEqual(keys.filter((k) => !en[k] || !cn[k]), []);
  });
});
