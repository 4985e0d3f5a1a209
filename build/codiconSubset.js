// The codicons the panel draws, and only those: @vscode/codicons ships 650-odd icons (a 126 KB font
// and 25 KB of CSS, the largest thing in the .vsix after the tokenizer) and the panel shows about forty.
//
// An icon counts as used when its name appears in src/webview as a quoted word ('copy', the
// `entry.checked ? 'check' : 'blank'` of a template) or after `codicon-` in a class name. Picking a
// word that only looks like an icon name costs a glyph; missing one would draw nothing, so a name put
// together at run time from pieces is not allowed (test/unit/webview/codicons.test.ts and the e2e
// check that every icon on screen has a glyph).
const fs = require('fs');
const path = require('path');

const codiconsDir = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
const ICON_RULE = /^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}\s*$/gm;

/** Every icon in the package: name -> code point. */
function allIcons(css) {
  return new Map([...css.matchAll(ICON_RULE)].map((m) => [m[1], parseInt(m[2], 16)]));
}

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(file) : /\.ts$/.test(e.name) ? [file] : [];
  });
}

/** The icon names src/webview uses, in the package's order. */
function usedIconNames(webviewDir, icons) {
  const words = new Set();
  for (const file of sourceFiles(webviewDir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]([a-z0-9-]+)['"`]/g)) words.add(m[1]);
    for (const m of text.matchAll(/codicon-([a-z0-9-]+)/g)) words.add(m[1]);
  }
  return [...icons.keys()].filter((name) => words.has(name));
}

/**
 * The stylesheet (the package's own rules, icon rules for `names` only, its font at `fontUrl`) and
 * the font cut down to those icons' glyphs.
 */
async function codiconSubset(webviewDir, fontUrl) {
  const css = fs.readFileSync(path.join(codiconsDir, 'codicon.css'), 'utf8');
  const icons = allIcons(css);
  const names = usedIconNames(webviewDir, icons);
  const kept = new Set(names);
  const subsetCss = css
    .replace(ICON_RULE, (rule, name) => (kept.has(name) ? rule : ''))
    .replace(/\n{3,}/g, '\n\n')
    .replace(/url\("\.\/codicon\.ttf\?[^"]*"\)/, `url("${fontUrl}")`);
  const subsetFont = require('subset-font');
  const text = String.fromCodePoint(...new Set(names.map((name) => icons.get(name))));
  const font = await subsetFont(fs.readFileSync(path.join(codiconsDir, 'codicon.ttf')), text, { targetFormat: 'truetype' });
  return { names, css: subsetCss, font, codePoints: names.map((name) => icons.get(name)) };
}

module.exports = { codiconSubset, usedIconNames, allIcons, codiconsDir };
