import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FakeWorkspacePort, runOne, tempDir, writeTree } from './fakePort';

describe('tools: read_file, list_directory, find_files, search_text', () => {
  let root: string;
  let port: FakeWorkspacePort;

  beforeEach(() => {
    root = tempDir('read-');
    writeTree(root, {
      'src/a.ts': 'const a = 1;\nconst b = 2;\nexport { a, b };\n',
      'src/crlf.ts': 'one\r\ntwo\r\n',
      'src/nested/deep.ts': 'export const deep = "TODO: fix";\n',
      'README.md': '# Title\nTODO: write docs\n',
      '.env': 'TOKEN=TODO-secret\n',
      'empty.txt': '',
      'build/out.js': 'TODO generated\n',
    });
    fs.writeFileSync(path.join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    port = new FakeWorkspacePort(root);
  });

  describe('read_file', () => {
    it('shows the whole file with line numbers and a header, without asking', async () => {
      const r = await runOne(port, 'read_file', { path: 'src/a.ts' });
      assert.equal(r.state, 'done');
      assert.equal(r.content, 'File: src/a.ts (lines 1-3 of 3)\n1\tconst a = 1;\n2\tconst b = 2;\n3\texport { a, b };');
      assert.equal(r.asked.length, 0);
    });

    it('reads a line range, and clamps end_line to the end', async () => {
      assert.equal((await runOne(port, 'read_file', { path: 'src/a.ts', start_line: 2, end_line: 2 })).content, 'File: src/a.ts (lines 2-2 of 3)\n2\tconst b = 2;');
      assert.equal((await runOne(port, 'read_file', { path: 'src/a.ts', start_line: 3, end_line: 99 })).content, 'File: src/a.ts (lines 3-3 of 3)\n3\texport { a, b };');
    });

    it('shows CRLF files without carriage returns, and empty files as empty', async () => {
      assert.equal((await runOne(port, 'read_file', { path: 'src/crlf.ts' })).content, 'File: src/crlf.ts (lines 1-2 of 2)\n1\tone\n2\ttwo');
      assert.equal((await runOne(port, 'read_file', { path: 'empty.txt' })).content, 'File: empty.txt (empty)');
    });

    it('returns the editor\'s unsaved text when the file is open', async () => {
      port.dirty.set(path.join(root, 'src/a.ts'), 'unsaved\n');
      assert.equal((await runOne(port, 'read_file', { path: 'src/a.ts' })).content, 'File: src/a.ts (lines 1-1 of 1)\n1\tunsaved');
    });

    it('errors: missing file, folder, binary, bad range, outside path', async () => {
      const cases: [object, RegExp][] = [
        [{ path: 'nope.ts' }, /^Error: nope\.ts does not exist\.$/],
        [{ path: 'src' }, /src is a folder, not a file/],
        [{ path: 'image.png' }, /image\.png is a binary file \(8 bytes\)/],
        [{ path: 'src/a.ts', start_line: 4 }, /start_line 4 is past the end of src\/a\.ts, which has 3 lines/],
        [{ path: 'src/a.ts', start_line: 3, end_line: 2 }, /end_line 2 is before start_line 3/],
        [{ path: '../etc/passwd' }, /leads outside the workspace/],
        [{ path: 'src/a.ts', start_line: 0 }, /Invalid arguments for read_file.*start_line must be >= 1/],
      ];
      for (const [args, re] of cases) {
        const r = await runOne(port, 'read_file', args);
        assert.equal(r.state, 'failed', JSON.stringify(args));
        assert.equal(r.isError, true);
        assert.match(r.content, re);
      }
    });

    it('caps a large file near 200 KB and says where to continue', async () => {
      const line = 'x'.repeat(99);
      fs.writeFileSync(path.join(root, 'big.txt'), `${line}\n`.repeat(5000));
      const r = await runOne(port, 'read_file', { path: 'big.txt' });
      assert.ok(r.content.length <= 200_000, String(r.content.length));
      assert.ok(r.content.length > 199_000, String(r.content.length));
      const m = /\[truncated at about 200 KB: continue with start_line=(\d+)\]$/.exec(r.content);
      assert.ok(m, r.content.slice(-200));
      const next = await runOne(port, 'read_file', { path: 'big.txt', start_line: Number(m[1]) });
      assert.match(next.content, new RegExp(`^File: big.txt \\(lines ${m[1]}-5000 of 5000\\)\\n${m[1]}\\t${line}`));
    });

    it('cuts a single line longer than the cap', async () => {
      fs.writeFileSync(path.join(root, 'min.js'), 'z'.repeat(300_000));
      const r = await runOne(port, 'read_file', { path: 'min.js' });
      assert.ok(r.content.startsWith('File: min.js (lines 1-1 of 1)\n1\tzzz'));
      assert.ok(r.content.length < 200_100, String(r.content.length));
      assert.match(r.content, /\[line truncated: showing \d+ of 300002 characters\]$/);
    });

    it('asks before reading a sensitive file such as .env', async () => {
      const r = await runOne(port, 'read_file', { path: '.env' });
      assert.equal(r.asked.length, 1);
      assert.deepEqual(r.asked[0].reasons, ['sensitive']);
      assert.deepEqual(r.asked[0].preview, { kind: 'read', summary: 'Read .env' });
      assert.match(r.content, /TOKEN=TODO-secret/);
    });
  });

  describe('list_directory', () => {
    it('lists folders first with /, then files, for the root and a subfolder', async () => {
      fs.symlinkSync(path.join(root, 'README.md'), path.join(root, 'readme-link'));
      assert.equal((await runOne(port, 'list_directory', {})).content,
        'Directory: . (7 entries)\nbuild/\nsrc/\n.env\nREADME.md\nempty.txt\nimage.png\nreadme-link@');
      assert.equal((await runOne(port, 'list_directory', { path: 'src' })).content, 'Directory: src (3 entries)\nnested/\na.ts\ncrlf.ts');
    });

    it('errors on a file, a missing folder and a path outside', async () => {
      assert.match((await runOne(port, 'list_directory', { path: 'README.md' })).content, /README\.md is not a folder/);
      assert.match((await runOne(port, 'list_directory', { path: 'missing' })).content, /missing does not exist/);
      assert.match((await runOne(port, 'list_directory', { path: '/' })).content, /outside every workspace folder/);
    });

    it('lists the folders of a multi-root workspace for "."', async () => {
      const other = tempDir('other-');
      const multi = new FakeWorkspacePort([root, other], ['api', 'web']);
      assert.equal((await runOne(multi, 'list_directory', { path: '.' })).content, 'Workspace folders (2):\napi/\nweb/');
      assert.match((await runOne(multi, 'list_directory', { path: 'api/src' })).content, /^Directory: api\/src \(3 entries\)/);
    });
  });

  describe('find_files', () => {
    it('returns matching paths, sorted', async () => {
      assert.equal((await runOne(port, 'find_files', { glob: '**/*.ts' })).content, '3 files match "**/*.ts":\nsrc/a.ts\nsrc/crlf.ts\nsrc/nested/deep.ts');
    });

    it('caps the results and says more exist', async () => {
      const r = await runOne(port, 'find_files', { glob: '**/*.ts', max_results: 2 });
      assert.equal(r.content, '2 files match "**/*.ts" (more files match; narrow the glob or raise max_results (up to 1000)):\nsrc/a.ts\nsrc/crlf.ts');
    });

    it('leaves out git-ignored files when the port can tell', async () => {
      port.gitIgnored = new Set(['build/out.js']);
      assert.equal((await runOne(port, 'find_files', { glob: '**/*.js' })).content, 'No files match "**/*.js".');
      port.gitIgnored = undefined;
      assert.equal((await runOne(port, 'find_files', { glob: '**/*.js' })).content, '1 file matches "**/*.js":\nbuild/out.js');
    });

    it('drops files the host found through a symlink to outside', async () => {
      const outside = tempDir('out-');
      writeTree(outside, { 'leak.ts': 'secret' });
      fs.symlinkSync(outside, path.join(root, 'ext'));
      assert.doesNotMatch((await runOne(port, 'find_files', { glob: '**/*.ts' })).content, /leak/);
    });

    it('rejects globs that reach outside, and a bad max_results', async () => {
      assert.match((await runOne(port, 'find_files', { glob: '../**/*.ts' })).content, /must be relative to the workspace/);
      assert.match((await runOne(port, 'find_files', { glob: '/etc/*' })).content, /must be relative to the workspace/);
      assert.match((await runOne(port, 'find_files', { glob: '*', max_results: 5000 })).content, /max_results must be <= 1000/);
      assert.match((await runOne(port, 'find_files', {})).content, /missing required argument "glob"/);
    });
  });

  describe('search_text', () => {
    it('finds a literal, case-insensitively by default, as path:line: text; never in sensitive files', async () => {
      const r = await runOne(port, 'search_text', { query: 'todo' });
      assert.equal(r.content, [
        '3 matches (1 sensitive file not searched (read_file asks the user for them)):',
        'README.md:2: TODO: write docs',
        'build/out.js:1: TODO generated',
        'src/nested/deep.ts:1: export const deep = "TODO: fix";',
      ].join('\n'));
      assert.equal(r.asked.length, 0);
    });

    it('treats the query literally unless is_regex, and honours case_sensitive and glob', async () => {
      assert.match((await runOne(port, 'search_text', { query: 'a.', glob: '**/*.ts' })).content, /^No matches/);
      assert.equal((await runOne(port, 'search_text', { query: 'const [ab] =', is_regex: true, glob: 'src/*.ts' })).content,
        '2 matches:\nsrc/a.ts:1: const a = 1;\nsrc/a.ts:2: const b = 2;');
      assert.match((await runOne(port, 'search_text', { query: 'Todo', case_sensitive: true })).content, /^No matches for "Todo" \(1 sensitive file not searched/);
    });

    // The "!" sits inside the first 4000 characters, which are what a long line is matched on.
    const backtracking = `${'a'.repeat(3000)}!${'a'.repeat(47_000)}!\n`;

    it('a backtracking pattern ((a+)+$ on a 50,000-character line) ends promptly with a note, and never blocks the event loop', async () => {
      writeTree(root, { 'src/min.js': backtracking, 'src/z.ts': 'aaa\n' });
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 20);
      const started = Date.now();
      const r = await runOne(port, 'search_text', { query: '(a+)+$', is_regex: true, glob: 'src/**' }).finally(() => clearInterval(ticker));
      const took = Date.now() - started;
      assert.ok(took < 2500, `took ${took} ms`);
      assert.ok(ticks >= 10, `the event loop ran meanwhile (${ticks} ticks)`);
      assert.equal(r.state, 'done');
      assert.match(r.content, /^No matches for "\(a\+\)\+\$" \(the pattern took over 1 s on src\/min\.js and the search stopped there; results are partial\. Nested quantifiers such as \(a\+\)\+ backtrack without end: simplify the pattern\)\.$/);
    });

    it('Stop interrupts a search stuck inside one file', async () => {
      writeTree(root, { 'src/min.js': backtracking });
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 150);
      const started = Date.now();
      const r = await runOne(port, 'search_text', { query: '(a+)+$', is_regex: true }, { signal: stop.signal });
      assert.ok(Date.now() - started < 700, `took ${Date.now() - started} ms`);
      assert.deepEqual([r.state, r.content], ['failed', 'Error: Stopped by the user.']);
    });

    it('matches long lines on their start only and says so', async () => {
      writeTree(root, { 'src/long.js': `${'x'.repeat(5000)}NEEDLE\nNEEDLE at start\n` });
      const r = await runOne(port, 'search_text', { query: 'needle', glob: 'src/**' });
      assert.equal(r.content, '1 match (1 line longer than 4000 characters matched on its start only):\nsrc/long.js:2: NEEDLE at start');
    });

    it('caps the results', async () => {
      const r = await runOne(port, 'search_text', { query: 'TODO', max_results: 1 });
      assert.equal(r.content, '1 match (more than 1 match; narrow the query or the glob; 1 sensitive file not searched (read_file asks the user for them)):\nREADME.md:2: TODO: write docs');
    });

    it('skips binary and git-ignored files', async () => {
      port.gitIgnored = new Set(['build/out.js']);
      assert.doesNotMatch((await runOne(port, 'search_text', { query: 'TODO' })).content, /build/);
      assert.match((await runOne(port, 'search_text', { query: 'PNG' })).content, /^No matches/);
    });

    it('never reads files the host found through a symlink to outside', async () => {
      const outside = tempDir('out-');
      writeTree(outside, { 'leak.txt': 'TODO leaked secret' });
      fs.symlinkSync(outside, path.join(root, 'ext'));
      const r = await runOne(port, 'search_text', { query: 'leaked' });
      assert.match(r.content, /^No matches for "leaked"/);
    });

    it('scopes a glob to one folder of a multi-root workspace by its name', async () => {
      const other = tempDir('other-');
      writeTree(other, { 'src/a.ts': 'TODO other' });
      const multi = new FakeWorkspacePort([root, other], ['api', 'web']);
      assert.equal((await runOne(multi, 'find_files', { glob: 'web/**/*.ts' })).content, '1 file matches "web/**/*.ts":\nweb/src/a.ts');
      assert.equal((await runOne(multi, 'search_text', { query: 'todo other' })).content, '1 match (1 sensitive file not searched (read_file asks the user for them)):\nweb/src/a.ts:1: TODO other');
    });

    it('reports an invalid regular expression', async () => {
      const r = await runOne(port, 'search_text', { query: '(unclosed', is_regex: true });
      assert.equal(r.state, 'failed');
      assert.match(r.content, /Invalid regular expression "\(unclosed"/);
    });
  });
});
