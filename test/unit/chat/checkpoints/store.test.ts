// Checkpoints on disk: they survive a reload (a new store on the same folder), stay under the size
// limit with the oldest going first, and a broken index is set aside, never deleted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Checkpoint } from '../../../../src/chat/checkpoints/checkpoint';
import { CheckpointStore, evict } from '../../../../src/chat/checkpoints/checkpointStore';
import { tempDir } from '../../tools/fakePort';
import { answer, workspace } from './helpers';

const folder = { name: 'ws', root: '/ws' };
const withBlobs = (id: string, seq: number, blobs: [string, number][]): Checkpoint => ({
  id, conversationId: 'c', promptId: 'p', seq, createdAt: seq, commands: [],
  entries: blobs.map(([hash, size], i) => ({ folder, path: `${id}-${i}`, display: `${id}-${i}`, before: { kind: 'file', hash: hash.padEnd(64, '0'), size } })),
});

describe('checkpoints: the store', () => {
  it('a reload finds every checkpoint and its content', async () => {
    const ws = workspace({ 'a.ts': 'before\n' });
    await answer(ws, 'm1', [['edit_file', { path: 'a.ts', edits: [{ search: 'before', replace: 'after' }] }]]);
    const again = new CheckpointStore(ws.storeDir);
    const c = (await again.get('m1'))!;
    assert.equal(c.entries[0].before.kind, 'file');
    const hash = c.entries[0].before.kind === 'file' ? c.entries[0].before.hash : '';
    assert.equal(Buffer.from((await again.readBlob(hash))!).toString(), 'before\n');
    const next = await again.create({ id: 'm2', conversationId: 'conv', promptId: 'p' });
    assert.ok(next.seq > c.seq, 'later checkpoints stay later after a reload');
    assert.deepEqual(fs.readdirSync(ws.storeDir).filter((f) => f.endsWith('.tmp')), [], 'no temp files left');
  });

  it('lets the oldest checkpoints go first while over the limit; shared content stays while used', () => {
    const list = [withBlobs('old', 1, [['a', 40]]), withBlobs('mid', 2, [['b', 40], ['s', 10]]), withBlobs('new', 3, [['s', 10], ['c', 40]])];
    assert.deepEqual(evict(list, 200).map((c) => c.id), [], 'under the limit: nothing goes');
    assert.deepEqual(evict(list, 100).map((c) => c.id), ['old'], '130 bytes (s counted once): the oldest goes');
    assert.deepEqual(evict(list, 50).map((c) => c.id), ['old', 'mid']);
    assert.deepEqual(evict(list, 10, 'new').map((c) => c.id), ['old', 'mid'], 'the checkpoint being written never goes');
  });

  it('deletes the content of evicted checkpoints from disk, and keeps what a newer one shares', async () => {
    const ws = workspace({ 'a.ts': 'a'.repeat(600), 'b.ts': 'b'.repeat(600), 'shared.ts': 's'.repeat(100) }, { maxBytes: 1000 });
    await answer(ws, 'first', [['delete_file', { path: 'a.ts' }], ['delete_file', { path: 'shared.ts' }]]);
    ws.write('shared.ts', 's'.repeat(100));
    await answer(ws, 'second', [['delete_file', { path: 'b.ts' }], ['delete_file', { path: 'shared.ts' }]]);
    assert.equal(await ws.store.get('first'), undefined, 'the oldest went: 1300 bytes > 1000');
    assert.ok(await ws.store.get('second'));
    const blobs = fs.readdirSync(path.join(ws.storeDir, 'blobs'));
    assert.equal(blobs.length, 2, 'b and the shared file stay, a is gone');
    assert.equal((await new CheckpointStore(ws.storeDir).get('first')), undefined, 'gone from the index on disk too');
  });

  it('at load, drops content no checkpoint names (a window closed between writing it and the index)', async () => {
    const ws = workspace({ 'a.ts': 'a\n' });
    await answer(ws, 'm', [['delete_file', { path: 'a.ts' }]]);
    const orphan = path.join(ws.storeDir, 'blobs', 'f'.repeat(64));
    fs.writeFileSync(orphan, 'left behind');
    const again = new CheckpointStore(ws.storeDir);
    assert.ok(await again.get('m'));
    assert.equal(fs.existsSync(orphan), false);
    assert.equal(fs.readdirSync(path.join(ws.storeDir, 'blobs')).length, 1, "the checkpoint's own content stays");
  });

  it('removes restored checkpoints with their content', async () => {
    const ws = workspace({ 'a.ts': 'a\n' });
    await answer(ws, 'm', [['delete_file', { path: 'a.ts' }]]);
    await ws.store.remove(['m']);
    assert.equal(await ws.store.get('m'), undefined);
    assert.deepEqual(fs.readdirSync(path.join(ws.storeDir, 'blobs')), []);
  });

  it('sets a broken index aside and starts again; a hand-edited entry reaching outside is dropped', async () => {
    const dir = tempDir('ckpt-bad-');
    fs.writeFileSync(path.join(dir, 'index.json'), '{"version":1,');
    const errors: unknown[] = [];
    assert.deepEqual(await new CheckpointStore(dir, { onError: (_w, e) => errors.push(e) }).ofConversation('c'), []);
    assert.equal(errors.length, 1);
    assert.ok(fs.readdirSync(dir).some((f) => f.startsWith('index.json.corrupt-')), 'kept for a look, not deleted');
    const evil = withBlobs('evil', 1, [['a', 1]]);
    evil.entries[0].path = '../../etc/passwd';
    fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ version: 1, nextSeq: 2, checkpoints: [evil, withBlobs('ok', 2, [['b', 1]])] }));
    assert.deepEqual((await new CheckpointStore(dir).ofConversation('c')).map((c) => c.id), ['ok']);
  });
});
