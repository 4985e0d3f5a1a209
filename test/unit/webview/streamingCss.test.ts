// The stylesheets keep a frame of a long streaming answer as cheap as its first (bench/webview-render.ts
// measures it). Two rules found by profiling that trace:
// - a `:has()` whose subject holds streamed content makes the browser search that subject's whole
//   subtree again for every node added to it: a style cost per frame that grows with the answer;
// - skipping off-screen content (content-visibility) goes by chunk, not by block: each skipped
//   element is watched for visibility on every frame.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const media = path.join(__dirname, '../../../media');
const sheets = ['panel.css', 'markdown.css'].map((name) => ({ name, css: fs.readFileSync(path.join(media, name), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '') }));

/** Each rule's selector list with the declarations it carries. */
function rules(css: string): { selector: string; body: string }[] {
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1].trim(), body: m[2] }));
}

describe('stylesheets that stay cheap while an answer streams', () => {
  it('no :has() on the transcript (only on the settings form, which does not stream)', () => {
    const found = sheets.flatMap(({ name, css }) => rules(css)
      .flatMap(({ selector }) => selector.split(','))
      .filter((s) => s.includes(':has('))
      .map((s) => `${name}: ${s.trim()}`));
    assert.deepEqual(found.filter((s) => !/\.settings-group\b/.test(s)), []);
  });

  it('content-visibility: auto only on whole messages and on chunks of blocks, never on every block', () => {
    const skipped = sheets.flatMap(({ css }) => rules(css)
      .filter(({ body }) => /content-visibility\s*:\s*auto/.test(body))
      .map(({ selector }) => selector));
    assert.deepEqual(skipped, ['.message', '.md-root .md-chunk']);
  });
});
