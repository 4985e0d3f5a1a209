// What is captured before an answer's writes: every path a write reaches, once per answer (its state
// before the first write), whatever tool wrote and whenever it was approved; nothing for reads,
// rejected calls or paths the answer never wrote.
import assert from 'node:assert/strict';
import { CheckpointStore } from '../../../../src/chat/checkpoints/checkpointStore';
import { answer, workspace } from './helpers';

const decoded = async (store: CheckpointStore, hash: string) => Buffer.from((await store.readBlob(hash))!).toString('utf8');

describe('checkpoints: what an answer snapshots', () => {
  it('keeps each written file as it was before the first write of the answer, and what the answer left', async () => {
    const ws = workspace({ 'a.ts': 'a1\n', 'c.ts': 'c1\n', 'untouched.ts': 'u\n' });
    const { summary } = await answer(ws, 'm1', [
      ['edit_file', { path: 'a.ts', edits: [{ search: 'a1', replace: 'a2' }] }],
      ['create_file', { path: 'dir/b.ts', content: 'b\n' }],
      ['delete_file', { path: 'c.ts' }],
      ['edit_file', { path: 'a.ts', edits: [{ search: 'a2', replace: 'a3' }] }],
      ['read_file', { path: 'untouched.ts' }],
    ]);
    const c = (await ws.store.get('m1'))!;
    assert.deepEqual(c.entries.map((e) => [e.path, e.before.kind, e.after?.kind]), [
      ['a.ts', 'file', 'file'], ['dir', 'absent', 'directory'], ['dir/b.ts', 'absent', 'file'], ['c.ts', 'file', 'absent'],
    ], 'one entry per written path (and the folder the create made), none for the read');
    const a = c.entries[0];
    assert.equal(a.before.kind === 'file' && await decoded(ws.store, a.before.hash), 'a1\n', 'the first write decides: not the a2 in between');
    assert.equal(c.entries[3].before.kind === 'file' && await decoded(ws.store, c.entries[3].before.hash), 'c1\n');
    assert.deepEqual(summary, { files: [{ path: 'a.ts', change: 'edited' }, { path: 'dir/b.ts', change: 'created' }, { path: 'c.ts', change: 'deleted' }] });
    assert.equal(c.promptId, 'prompt-of-m1');
  });

  it('takes nothing for an answer that only reads, or whose writes were rejected', async () => {
    const ws = workspace({ 'a.ts': 'a\n' });
    await answer(ws, 'reads', [['read_file', { path: 'a.ts' }], ['list_directory', { path: '.' }]]);
    const { summary } = await answer(ws, 'rejected', [['edit_file', { path: 'a.ts', edits: [{ search: 'a', replace: 'b' }] }]], () => ({ approved: false }));
    assert.equal(await ws.store.get('reads'), undefined);
    assert.equal(await ws.store.get('rejected'), undefined);
    assert.equal(summary, undefined);
    assert.deepEqual(ws.port.writes, []);
  });

  it('a rename keeps both paths; a folder deleted with recursive keeps every file in it', async () => {
    const ws = workspace({ 'old.ts': 'o\n', 'lib/x.ts': 'x\n', 'lib/deep/y.ts': 'y\n' });
    await answer(ws, 'm', [['rename_file', { from: 'old.ts', to: 'new.ts' }], ['delete_file', { path: 'lib', recursive: true }]]);
    const c = (await ws.store.get('m'))!;
    const states = Object.fromEntries(c.entries.map((e) => [e.path, `${e.before.kind}->${e.after?.kind}`]));
    assert.deepEqual(states, {
      'old.ts': 'file->absent', 'new.ts': 'absent->file',
      lib: 'directory->absent', 'lib/x.ts': 'file->absent', 'lib/deep/y.ts': 'file->absent',
    });
  });

  it('notes a terminal command before it runs (it cannot be undone)', async () => {
    const ws = workspace({ 'a.ts': 'a\n' });
    let ranWith: string[] | undefined;
    ws.port.terminal = async (command) => {
      ranWith = (await ws.store.get('m'))?.commands;
      return { exitCode: 0, output: command, truncated: false, timedOut: false };
    };
    const { summary } = await answer(ws, 'm', [['run_in_terminal', { command: 'npm run build' }]]);
    assert.deepEqual(ranWith, ['npm run build'], 'on disk before the command started');
    assert.deepEqual(summary, { files: [], commands: 1 });
  });

  it('a file over the size limit is marked as not kept, and the write still runs', async () => {
    const ws = workspace({ 'big.txt': 'x'.repeat(5000) }, { maxBytes: 1000 });
    const { results } = await answer(ws, 'm', [['delete_file', { path: 'big.txt' }]]);
    assert.equal(results[0].state, 'done');
    assert.deepEqual((await ws.store.get('m'))!.entries[0].before, { kind: 'unsaved', size: 5000 });
    assert.equal(ws.read('big.txt'), undefined);
  });

  it('a snapshot that cannot be stored is reported, never blocks the approved write', async () => {
    const ws = workspace({ 'a.ts': 'a\n' });
    ws.store.putBlob = async () => { throw new Error('disk full'); };
    const { results } = await answer(ws, 'm', [['edit_file', { path: 'a.ts', edits: [{ search: 'a', replace: 'b' }] }]]);
    assert.equal(results[0].state, 'done');
    assert.equal(ws.read('a.ts'), 'b\n');
    assert.deepEqual((await ws.store.get('m'))!.entries[0].before, { kind: 'unsaved', size: 0 });
    assert.match(String(ws.errors[0]), /disk full/);
  });
});
