import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import type { ConversationRecord } from '../../../src/shared/conversation';

function conversation(id: string, title: string, text = 'hello', updatedAt = Date.now()): ConversationRecord {
  return {
    version: 1, id, title, createdAt: updatedAt, updatedAt, model: 'relay/m',
    messages: [{ id: `${id}-u`, role: 'user', content: text, status: 'complete', createdAt: updatedAt }],
  };
}

describe('HistoryStore', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'history-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('saves one JSON file per conversation and lists them newest first', async () => {
    const store = new HistoryStore(root);
    await store.save(conversation('a', 'First', 'x', 1000));
    await store.save(conversation('b', 'Second', 'y', 2000));
    assert.deepEqual(fs.readdirSync(path.join(root, 'conversations')).sort(), ['a.json', 'b.json']);
    assert.deepEqual((await store.list()).map((e) => e.id), ['b', 'a']);
    const again = new HistoryStore(root);
    assert.equal((await again.load('a'))?.title, 'First');
    assert.deepEqual((await again.list()).map((e) => [e.id, e.messageCount]), [['b', 1], ['a', 1]]);
  });

  it('leaves no temp files behind and never a half-written file', async () => {
    const store = new HistoryStore(root);
    const c = conversation('a', 'T');
    for (let i = 0; i < 20; i++) {
      c.messages[0].content += ' more';
      void store.save(c);
    }
    await store.flush();
    const files = fs.readdirSync(path.join(root, 'conversations'));
    assert.deepEqual(files, ['a.json']);
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'conversations', 'a.json'), 'utf8')).messages[0].content, 'hello' + ' more'.repeat(20));
  });

  it('debounces saves while streaming and flush writes the latest state', async () => {
    const store = new HistoryStore(root, { debounceMs: 10_000 });
    const c = conversation('s', 'Streaming');
    store.saveSoon(c);
    c.messages[0].content = 'latest';
    store.saveSoon(c);
    assert.equal(fs.existsSync(path.join(root, 'conversations', 's.json')), false, 'nothing written before the debounce');
    await store.flush();
    assert.equal((await new HistoryStore(root).load('s'))?.messages[0].content, 'latest');
  });

  it('sets a corrupt file aside with a notice, never deletes it, and the others still load', async () => {
    const corrupt: string[] = [];
    const store = new HistoryStore(root, { onCorrupt: (p) => corrupt.push(p) });
    await store.save(conversation('good', 'Good'));
    await store.save(conversation('bad', 'Bad'));
    fs.writeFileSync(path.join(root, 'conversations', 'bad.json'), '{"id": "bad", "messa');
    const fresh = new HistoryStore(root, { onCorrupt: (p) => corrupt.push(p) });
    assert.equal(await fresh.load('bad'), undefined);
    assert.equal(corrupt.length, 1);
    assert.match(corrupt[0], /bad\.json\.corrupt-\d+$/);
    assert.equal(fs.readFileSync(corrupt[0], 'utf8'), '{"id": "bad", "messa', 'the bytes are kept');
    assert.deepEqual((await fresh.list()).map((e) => e.id), ['good']);
    assert.equal((await fresh.load('good'))?.title, 'Good');
  });

  it('rebuilds a lost or broken index from the conversation files', async () => {
    const store = new HistoryStore(root);
    await store.save(conversation('a', 'A', 'x', 1));
    await store.save(conversation('b', 'B', 'y', 2));
    fs.writeFileSync(path.join(root, 'conversations-index.json'), 'garbage');
    assert.deepEqual((await new HistoryStore(root).list()).map((e) => e.id), ['b', 'a']);
    fs.rmSync(path.join(root, 'conversations-index.json'));
    assert.deepEqual((await new HistoryStore(root).list()).map((e) => e.id), ['b', 'a']);
  });

  it('searches titles and message text, renames and deletes', async () => {
    const store = new HistoryStore(root);
    await store.save(conversation('a', 'Rust lifetimes', 'borrow checker question'));
    await store.save(conversation('b', 'Python', 'asyncio 事件循环'));
    assert.deepEqual((await store.search('rust')).map((e) => e.id), ['a']);
    assert.deepEqual((await store.search('BORROW checker')).map((e) => e.id), ['a']);
    assert.deepEqual((await store.search('事件循环')).map((e) => e.id), ['b']);
    assert.deepEqual((await store.search('nothing-like-this')).map((e) => e.id), []);
    await store.rename('b', 'Async Python');
    assert.equal((await store.list()).find((e) => e.id === 'b')?.title, 'Async Python');
    await store.delete('a');
    assert.deepEqual((await store.list()).map((e) => e.id), ['b']);
    assert.equal(fs.existsSync(path.join(root, 'conversations', 'a.json')), false);
  });

  it('reads each conversation once for searching, and again only when it changed', async () => {
    const store = new HistoryStore(root);
    await store.save(conversation('a', 'Notes', 'first words', 1000));
    let loads = 0;
    const load = store.load.bind(store);
    store.load = (id) => (loads++, load(id));
    assert.deepEqual((await store.search('first')).map((e) => e.id), ['a']);
    assert.deepEqual((await store.search('words')).map((e) => e.id), ['a']);
    assert.equal(loads, 1, 'typing a query does not re-read every conversation');
    await store.save(conversation('a', 'Notes', 'second draft', 2000));
    assert.deepEqual((await store.search('second')).map((e) => e.id), ['a']);
    assert.deepEqual((await store.search('first')).map((e) => e.id), []);
    assert.equal(loads, 2);
  });

  it('reports a conversation it could not write, from save and saveSoon alike', async () => {
    const failures: string[] = [];
    const store = new HistoryStore(root, { debounceMs: 5, onWriteError: (id) => failures.push(id) });
    const broken = { ...conversation('c', 'Broken'), options: { hook: () => undefined } } as unknown as ConversationRecord;
    await assert.rejects(store.save(broken));
    store.saveSoon(broken);
    for (let i = 0; i < 50 && failures.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(failures, ['c', 'c']);
  });

  it('two windows on one folder: interleaved saves and a delete leave nothing unreachable from either', async () => {
    const a = new HistoryStore(root);
    const b = new HistoryStore(root);
    await a.save(conversation('a1', 'A one', 'x', 1));
    assert.deepEqual((await b.list()).map((e) => e.id), ['a1'], 'b has read the index');
    await a.save(conversation('a2', 'A two', 'x', 2));
    await b.save(conversation('b1', 'B one', 'x', 3));
    await a.save(conversation('a3', 'A three', 'x', 4));
    await b.save(conversation('a1', 'A one, renamed in b', 'x', 5));
    const all = ['a1', 'a3', 'b1', 'a2'];
    for (const store of [a, b, new HistoryStore(root)]) {
      assert.deepEqual((await store.list()).map((e) => e.id), all);
      assert.equal((await store.list())[0].title, 'A one, renamed in b');
      assert.deepEqual((await store.search('three')).map((e) => e.id), ['a3']);
    }
    await a.delete('b1');
    assert.deepEqual((await b.list()).map((e) => e.id), ['a1', 'a3', 'a2'], 'a conversation deleted in one window is gone from the other');
  });

  it('sets aside a conversation of the wrong shape (messages: [null]); search and list still work', async () => {
    const corrupt: string[] = [];
    const store = new HistoryStore(root, { onCorrupt: (p) => corrupt.push(p) });
    await store.save(conversation('good', 'Good', 'needle'));
    await store.save(conversation('bad', 'Bad'));
    await store.save(conversation('worse', 'Worse'));
    const bad = { ...conversation('bad', 'Bad', 'needle'), messages: [null] };
    fs.writeFileSync(path.join(root, 'conversations', 'bad.json'), JSON.stringify(bad));
    fs.writeFileSync(path.join(root, 'conversations', 'worse.json'), JSON.stringify({ ...conversation('worse', 'Worse'), title: 42 }));
    for (const s of [store, new HistoryStore(root, { onCorrupt: (p) => corrupt.push(p) })]) {
      assert.deepEqual((await s.search('needle')).map((e) => e.id), ['good']);
      assert.deepEqual((await s.list()).map((e) => e.id), ['good']);
    }
    assert.equal(corrupt.length, 2);
    assert.equal(fs.readFileSync(corrupt.find((p) => p.includes('bad.json'))!, 'utf8'), JSON.stringify(bad), 'the bytes are kept');
    assert.equal(await store.load('bad'), undefined);
  });

  it('an index entry of the wrong shape is not trusted', async () => {
    const store = new HistoryStore(root);
    await store.save(conversation('a', 'A'));
    fs.writeFileSync(path.join(root, 'conversations-index.json'), JSON.stringify([null, { id: 'a' }]));
    assert.deepEqual((await new HistoryStore(root).list()).map((e) => [e.id, e.title]), [['a', 'A']]);
  });

  it('refuses ids that could escape its folder', async () => {
    const store = new HistoryStore(root);
    await assert.rejects(store.save(conversation('../evil', 'x')));
    assert.equal(await store.load('../../etc/passwd'), undefined);
  });
});
