import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applySearchReplace, replaceLines } from '../../../src/tools/definitions/editText';
import { FakeWorkspacePort, runOne, tempDir, writeTree } from './fakePort';

const SRC = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 1;\n}\n';

describe('tools: edit_file', () => {
  let root: string;
  let port: FakeWorkspacePort;
  const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

  beforeEach(() => {
    root = tempDir('edit-');
    writeTree(root, { 'src/x.ts': SRC, 'crlf.txt': 'one\r\ntwo\r\nthree\r\n', '.vscode/settings.json': '{}\n' });
    port = new FakeWorkspacePort(root);
  });

  it('applies search/replace blocks together after approval, showing the whole new text first', async () => {
    const edits = [
      { search: 'function a() {\n  return 1;', replace: 'function a() {\n  return 10;' },
      { search: 'function b() {\n  return 1;', replace: 'function b() {\n  return 20;' },
    ];
    const r = await runOne(port, 'edit_file', { path: 'src/x.ts', edits });
    const expected = SRC.replace('return 1;', 'return 10;').replace(/return 1;(?![\s\S]*return 1;)/, 'return 20;');
    assert.equal(read('src/x.ts'), expected);
    assert.equal(r.content, 'Edited src/x.ts (2 replacements); it now has 7 lines.');
    const pv = r.asked[0].preview;
    assert.deepEqual(pv.kind === 'edit' && [pv.oldText, pv.newText, pv.isNewFile], [SRC, expected, false]);
    assert.deepEqual(port.writes, ['edit src/x.ts']);
  });

  it('names the failing block and why, and changes nothing', async () => {
    const cases: [object[], RegExp][] = [
      [[{ search: 'return 1;', replace: 'x' }], /The edit block: its search text matches 2 places in src\/x\.ts \(lines 2, 6\); include more surrounding lines/],
      [[{ search: 'function a', replace: 'f' }, { search: 'function c() {\n  nope', replace: '' }], /Edit block 2 of 2: its search text was not found in src\/x\.ts\. Nothing was changed/],
      [[{ search: 'function b() {\n    return 1;', replace: '' }], /was not found.*first non-blank line appears at line 5/],
      [[{ search: '', replace: 'x' }], /its search text is empty/],
      [[{ search: 'function a() {\n  return', replace: 'x' }, { search: 'return 1;\n}\n\nfunction b', replace: 'y' }], /Edit blocks 1 and 2 overlap/],
      [[{ search: 'return 1;\n}\n\nfunction b', replace: 'return 1;\n}\n\nfunction b' }], /leaves src\/x\.ts unchanged/],
    ];
    for (const [edits, re] of cases) {
      const r = await runOne(port, 'edit_file', { path: 'src/x.ts', edits });
      assert.equal(r.state, 'failed');
      assert.match(r.content, re);
      assert.equal(r.asked.length, 0, 'a failed edit never reaches the user');
    }
    assert.equal(read('src/x.ts'), SRC);
    assert.deepEqual(port.writes, []);
  });

  it('replaces, inserts and deletes line ranges', async () => {
    assert.equal((await runOne(port, 'edit_file', { path: 'src/x.ts', start_line: 2, end_line: 2, new_text: '  return 2;' })).state, 'done');
    assert.equal(read('src/x.ts'), SRC.replace('return 1;', 'return 2;'));
    await runOne(port, 'edit_file', { path: 'src/x.ts', start_line: 1, end_line: 0, new_text: '// header\n' });
    assert.match(read('src/x.ts'), /^\/\/ header\nfunction a\(\) \{\n  return 2;/);
    await runOne(port, 'edit_file', { path: 'src/x.ts', start_line: 5, end_line: 8, new_text: '' });
    assert.equal(read('src/x.ts'), '// header\nfunction a() {\n  return 2;\n}\n');
    const r = await runOne(port, 'edit_file', { path: 'src/x.ts', start_line: 5, end_line: 4, new_text: 'export { a };' });
    assert.equal(r.content, 'Edited src/x.ts (lines 5-4 replaced); it now has 5 lines.');
    assert.equal(read('src/x.ts'), '// header\nfunction a() {\n  return 2;\n}\nexport { a };\n');
  });

  it('rejects bad ranges and mixed or missing modes', async () => {
    const cases: [object, RegExp][] = [
      [{ start_line: 9, end_line: 9, new_text: 'x' }, /start_line 9 is past the end of src\/x\.ts, which has 7 lines/],
      [{ start_line: 1, end_line: 8, new_text: 'x' }, /end_line 8 is past the end/],
      [{ start_line: 5, end_line: 2, new_text: 'x' }, /end_line 2 is before start_line 5/],
      [{ start_line: 1, end_line: 1 }, /needs all of "start_line", "end_line" and "new_text"/],
      [{ start_line: 1, end_line: 1, new_text: 'x', edits: [{ search: 'a', replace: 'b' }] }, /either "edits" or/],
      [{}, /Nothing to do/],
      [{ edits: [] }, /edits must NOT have fewer than 1 items/],
      [{ edits: [{ search: 'a' }] }, /missing required argument "replace" in edits\.0/],
    ];
    for (const [args, re] of cases) assert.match((await runOne(port, 'edit_file', { path: 'src/x.ts', ...args })).content, re, JSON.stringify(args));
    assert.equal(read('src/x.ts'), SRC);
  });

  it('keeps CRLF line endings, matching LF search text', async () => {
    await runOne(port, 'edit_file', { path: 'crlf.txt', edits: [{ search: 'one\ntwo', replace: 'one\n2\nmore' }] });
    assert.equal(read('crlf.txt'), 'one\r\n2\r\nmore\r\nthree\r\n');
  });

  it('edits the editor\'s unsaved text, not the disk', async () => {
    port.dirty.set(path.join(root, 'src/x.ts'), 'unsaved line\n');
    const r = await runOne(port, 'edit_file', { path: 'src/x.ts', edits: [{ search: 'unsaved', replace: 'edited' }] });
    assert.equal(r.state, 'done');
    assert.equal(read('src/x.ts'), 'edited line\n');
  });

  it('applies nothing when the file changed while approval was pending', async () => {
    const r = await runOne(port, 'edit_file', { path: 'src/x.ts', edits: [{ search: 'function a', replace: 'function z' }] }, {
      requestApproval: async () => { fs.writeFileSync(path.join(root, 'src/x.ts'), 'user typed this\n'); return { approved: true }; },
    });
    assert.equal(r.state, 'failed');
    assert.match(r.content, /changed while the edit waited for approval; nothing was applied/);
    assert.equal(read('src/x.ts'), 'user typed this\n');
  });

  it('a rejected edit changes nothing and the model gets the reason', async () => {
    const r = await runOne(port, 'edit_file', { path: 'src/x.ts', edits: [{ search: 'function a', replace: 'function z' }] }, {
      requestApproval: async () => ({ approved: false, reason: 'keep the name' }),
    });
    assert.deepEqual([r.state, r.isError, r.content], ['rejected', true, 'The user rejected this tool call; nothing was run. Their reason: keep the name']);
    assert.equal(read('src/x.ts'), SRC);
  });

  it('errors on missing, binary and folder paths', async () => {
    fs.writeFileSync(path.join(root, 'bin.dat'), Buffer.from([1, 0, 2]));
    assert.match((await runOne(port, 'edit_file', { path: 'nope.ts', start_line: 1, end_line: 1, new_text: '' })).content, /nope\.ts does not exist/);
    assert.match((await runOne(port, 'edit_file', { path: 'bin.dat', start_line: 1, end_line: 1, new_text: '' })).content, /binary file/);
    assert.match((await runOne(port, 'edit_file', { path: 'src', start_line: 1, end_line: 1, new_text: '' })).content, /is a folder/);
  });

  describe('editText (pure)', () => {
    it('replaceLines handles files without a final newline and empty files', () => {
      assert.equal(replaceLines('a\nb', 2, 2, 'Z', 'f'), 'a\nZ');
      assert.equal(replaceLines('a\nb', 3, 2, 'c', 'f'), 'a\nb\nc');
      assert.equal(replaceLines('', 1, 0, 'first', 'f'), 'first\n');
      assert.equal(replaceLines('a\nb\nc', 2, 2, '', 'f'), 'a\nc');
    });

    it('applySearchReplace locates every block in the original text, so one cannot match another\'s output', () => {
      assert.equal(applySearchReplace('x y', [{ search: 'x', replace: 'y y' }, { search: ' y', replace: '!' }], 'f'), 'y y!');
    });
  });
});
