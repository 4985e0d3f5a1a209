import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import type { ConversationRecord } from '../../../src/shared/conversation';
import { prng } from '../llm/helpers';
import { conversationAt, conversationId, versionOf } from './historyVersions';

// Reliability matrix: the history store (plain Node) when the process dies, the disk fills up or a file is bad.
describe('faults: history store', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-history-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const fileOf = (id: string) => path.join(root, 'conversations', `${id}.json`);
  const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

  it('killed at 100 random points during saves: the file is always a whole old or new version', async () => {
    const bundle = path.join(root, 'saver.cjs');
    buildSync({ entryPoints: [path.join(__dirname, 'historySaver.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
    const data = path.join(root, 'data');
    const rand = prng(20240611);
    let last = -1;
    const seen = new Set<number>();
    for (let kill = 0; kill < 100; kill++) {
      const child = spawn(process.execPath, [bundle, data, String(last + 1)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => resolve());
        child.on('exit', () => reject(new Error('the saver died before saving')));
      });
      // The kill point: up to 20 ms into the saving loop, i.e. anywhere inside or between a few saves.
      await new Promise((resolve) => setTimeout(resolve, rand() * 20));
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      const version = versionOf(readJson(path.join(data, 'conversations', `${conversationId}.json`)));
      assert.ok(version >= last, `went back from v${last} to v${version}`);
      const index = readJson(path.join(data, 'conversations-index.json')) as { id: string }[];
      assert.ok(Array.isArray(index), 'the index parses too');
      last = version;
      seen.add(version);
    }
    const corrupt: string[] = [];
    const store = new HistoryStore(data, { onCorrupt: (p) => corrupt.push(p) });
    assert.equal(versionOf((await store.load(conversationId))!), last);
    assert.deepEqual(corrupt, []);
    assert.ok(seen.size > 20, `kills landed at many different points (${seen.size} versions)`);
  });

  describe('disk full', () => {
    const realWriteFile = fsp.writeFile;
    afterEach(() => (fsp.writeFile = realWriteFile));
    const diskFull = () => {
      fsp.writeFile = (async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }) as typeof fsp.writeFile;
    };

    it('a save that hits ENOSPC is reported, the file on disk stays whole, and the conversation in memory is kept', async () => {
      const reported: [string, unknown][] = [];
      const store = new HistoryStore(root, { debounceMs: 1, onWriteError: (id, e) => reported.push([id, e]) });
      const c = conversationAt(1);
      await store.save(c);
      diskFull();
      c.messages.push({ id: 'new', role: 'assistant', content: 'an answer the disk had no room for', status: 'complete', createdAt: 1 } as ConversationRecord['messages'][number]);
      await assert.rejects(store.save(c), { code: 'ENOSPC' });
      assert.deepEqual(reported.map(([id, e]) => [id, (e as NodeJS.ErrnoException).code]), [[conversationId, 'ENOSPC']]);
      store.saveSoon(c);
      for (let i = 0; i < 200 && reported.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(reported.length, 2, 'a debounced save that failed is reported as well');
      assert.equal(versionOf(readJson(fileOf(conversationId))), 1, 'the old version is still whole');
      assert.deepEqual(fs.readdirSync(path.join(root, 'conversations')), [`${conversationId}.json`], 'no temp file left taking space');
      assert.equal(c.messages.at(-1)!.content, 'an answer the disk had no room for', 'nothing lost in memory');
      fsp.writeFile = realWriteFile;
      await store.save(c);
      assert.equal((await new HistoryStore(root).load(conversationId))!.messages.length, c.messages.length, 'saved once there is room again');
    });

    // historyStore.flush() starts the pending saves with `void this.serial(...)` and no catch: a failure is
    // neither passed to onWriteError nor handled (an unhandled rejection). Reported, not fixed here: the
    // store is being changed elsewhere. Un-skip once flush() reports like save() and saveSoon() do.
    it('a debounced save flushed (window closing) that hits ENOSPC is reported too', async () => {
      const reported: string[] = [];
      const store = new HistoryStore(root, { debounceMs: 10_000, onWriteError: (id) => reported.push(id) });
      diskFull();
      store.saveSoon(conversationAt(1));
      await store.flush();
      assert.deepEqual(reported, [conversationId]);
    });
  });

  describe('bad files are set aside, never deleted', () => {
    const bad: [string, string][] = [
      ['truncated JSON', '{"id": "bad", "messages": [{"id": "m1", "con'],
      ['not JSON at all', '\u0000\u0000\u0000binary'],
      ['empty', ''],
      ['JSON of another shape', '{"id": "bad", "messages": "none"}'],
      ['another conversation', JSON.stringify(conversationAt(3))],
    ];
    for (const [what, bytes] of bad) {
      it(`a corrupt file (${what}): set aside with its bytes, the others still load`, async () => {
        const store = new HistoryStore(root);
        await store.save({ ...conversationAt(1), id: 'good' });
        await store.save({ ...conversationAt(2), id: 'bad' });
        fs.writeFileSync(fileOf('bad'), bytes);
        const corrupt: string[] = [];
        const fresh = new HistoryStore(root, { onCorrupt: (p) => corrupt.push(p) });
        assert.equal(await fresh.load('bad'), undefined);
        assert.equal(corrupt.length, 1);
        assert.equal(fs.readFileSync(corrupt[0], 'utf8'), bytes, 'kept byte for byte');
        assert.deepEqual((await fresh.list()).map((e) => e.id), ['good']);
        assert.equal((await fresh.load('good'))?.id, 'good');
      });
    }

    describe('an oversized file (too big to read into one string)', () => {
      const realReadFile = fsp.readFile;
      afterEach(() => (fsp.readFile = realReadFile));
      // A real one would be over 512 MB; Node refuses to make such a string, which is what is simulated.
      const tooBigToRead = (file: string) => {
        fsp.readFile = (async (p: unknown, o: unknown) => {
          if (String(p) === file) throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
          return realReadFile(p as string, o as BufferEncoding);
        }) as typeof fsp.readFile;
      };

      it('found while rebuilding the index: set aside, not deleted, the others listed', async () => {
        const store = new HistoryStore(root);
        await store.save({ ...conversationAt(1), id: 'good' });
        await store.save({ ...conversationAt(2), id: 'huge' });
        fs.rmSync(path.join(root, 'conversations-index.json'));
        tooBigToRead(fileOf('huge'));
        const corrupt: string[] = [];
        const fresh = new HistoryStore(root, { onCorrupt: (p) => corrupt.push(p) });
        assert.deepEqual((await fresh.list()).map((e) => e.id), ['good']);
        assert.equal(corrupt.length, 1);
        assert.deepEqual(readJson(corrupt[0]), { ...conversationAt(2), id: 'huge' }, 'the bytes are all there');
      });

      // load() takes any read failure for a missing file: the oversized one stays in place and stays listed,
      // a conversation that never opens. Reported, not fixed here (historyStore.ts is being changed elsewhere).
      it('opened from the list: set aside, not deleted, and no longer listed', async () => {
        const store = new HistoryStore(root);
        await store.save({ ...conversationAt(1), id: 'good' });
        await store.save({ ...conversationAt(2), id: 'huge' });
        tooBigToRead(fileOf('huge'));
        const corrupt: string[] = [];
        const fresh = new HistoryStore(root, { onCorrupt: (p) => corrupt.push(p) });
        assert.equal(await fresh.load('huge'), undefined);
        fsp.readFile = realReadFile;
        const kept = fs.readdirSync(path.join(root, 'conversations')).filter((n) => n.startsWith('huge.json'));
        assert.equal(kept.length, 1, 'not deleted');
        assert.deepEqual(corrupt.length, 1, 'set aside and reported');
        assert.deepEqual((await fresh.list()).map((e) => e.id), ['good']);
      });
    });
  });
});
