// What a restore does: created files go, deleted ones come back, edited ones get their old content;
// restoring an earlier answer undoes the later ones too (each path as the earliest found it); a path
// no answer wrote is never in the plan; a file changed since the answers is a conflict, asked about.
import assert from 'node:assert/strict';
import type { Checkpoint } from '../../../../src/chat/checkpoints/checkpoint';
import { chainFrom } from '../../../../src/chat/checkpoints/restorePlan';
import { answer, apply, plan, workspace, type Workspace } from './helpers';

const edit = (path: string, search: string, replace: string): [string, unknown] => ['edit_file', { path, edits: [{ search, replace }] }];
const ops = (p: Awaited<ReturnType<typeof plan>>) => Object.fromEntries(p.steps.map((s) => [s.path, `${s.op}${s.conflict ? ' conflict' : ''}`]));
const all = (ws: Workspace): Promise<Checkpoint[]> => ws.store.ofConversation('conv');

describe('checkpoints: restore plans', () => {
  it('puts back one answer: the created file goes, the deleted one returns, the edited one gets its old text', async () => {
    const ws = workspace({ 'edit.ts': 'v1\n', 'gone.ts': 'keep me\n', 'other.ts': 'o\n' });
    await answer(ws, 'm1', [edit('edit.ts', 'v1', 'v2'), ['create_file', { path: 'new.ts', content: 'n\n' }], ['delete_file', { path: 'gone.ts' }]]);
    ws.write('other.ts', 'the user was here\n');
    const p = await plan(ws, chainFrom(await all(ws), 'm1', false));
    assert.deepEqual(ops(p), { 'new.ts': 'delete', 'edit.ts': 'write', 'gone.ts': 'write' }, 'deletes first; other.ts is not in the plan');
    await apply(ws, p);
    assert.equal(ws.read('edit.ts'), 'v1\n');
    assert.equal(ws.read('new.ts'), undefined);
    assert.equal(ws.read('gone.ts'), 'keep me\n');
    assert.equal(ws.read('other.ts'), 'the user was here\n', "the user's unrelated edit is untouched");
  });

  it('a folder the answer created goes with its file, unless something else was put in it since', async () => {
    const ws = workspace({});
    await answer(ws, 'm1', [['create_file', { path: 'gen/deep/out.ts', content: 'o' }]], undefined, 'p1');
    assert.deepEqual(ops(await plan(ws, chainFrom(await all(ws), 'm1', false))), { gen: 'delete', 'gen/deep': 'delete', 'gen/deep/out.ts': 'delete' });
    ws.write('gen/mine.ts', 'the user put this here');
    const p = await plan(ws, chainFrom(await all(ws), 'm1', false));
    assert.deepEqual(ops(p), { gen: 'delete conflict', 'gen/deep': 'delete', 'gen/deep/out.ts': 'delete' });
    await apply(ws, p, false);
    assert.equal(ws.read('gen/mine.ts'), 'the user put this here');
    assert.equal(ws.read('gen/deep/out.ts'), undefined);
  });

  it('restoring an earlier answer undoes the later ones too, back to how the earliest found each file', async () => {
    const ws = workspace({ 'a.ts': 'a1\n', 'b.ts': 'b1\n' });
    await answer(ws, 'm1', [edit('a.ts', 'a1', 'a2')], undefined, 'p1');
    await answer(ws, 'm2', [edit('a.ts', 'a2', 'a3'), edit('b.ts', 'b1', 'b2'), ['create_file', { path: 'c.ts', content: 'c' }]], undefined, 'p2');
    await answer(ws, 'm3', [['rename_file', { from: 'c.ts', to: 'd.ts' }]], undefined, 'p3');
    const later = await plan(ws, chainFrom(await all(ws), 'm2', false));
    assert.deepEqual(ops(later), { 'a.ts': 'write', 'b.ts': 'write', 'c.ts': 'keep', 'd.ts': 'delete' });
    const fromFirst = await plan(ws, chainFrom(await all(ws), 'm1', false));
    await apply(ws, fromFirst);
    assert.deepEqual([ws.read('a.ts'), ws.read('b.ts'), ws.read('c.ts'), ws.read('d.ts')], ['a1\n', 'b1\n', undefined, undefined]);
  });

  it('from the middle of a turn: only that answer on, unless the whole turn is rewound', async () => {
    const ws = workspace({ 'a.ts': 'a1\n', 'b.ts': 'b1\n' });
    await answer(ws, 'step1', [edit('a.ts', 'a1', 'a2')], undefined, 'turn');
    await answer(ws, 'step2', [edit('b.ts', 'b1', 'b2')], undefined, 'turn');
    const list = await all(ws);
    assert.deepEqual(chainFrom(list, 'step2', false).map((c) => c.id), ['step2']);
    assert.deepEqual(chainFrom(list, 'step2', true).map((c) => c.id), ['step1', 'step2']);
    assert.deepEqual(chainFrom(list, 'unknown', true), []);
  });

  it('a file changed after the answer is a conflict; one still as the answer left it is not', async () => {
    const ws = workspace({ 'mine.ts': 'm1\n', 'theirs.ts': 't1\n' });
    await answer(ws, 'm', [edit('mine.ts', 'm1', 'm2'), edit('theirs.ts', 't1', 't2'), ['create_file', { path: 'made.ts', content: 'x' }]]);
    ws.write('mine.ts', 'm2 plus the user\n');
    ws.write('made.ts', 'x plus the user');
    const p = await plan(ws, chainFrom(await all(ws), 'm', false));
    assert.deepEqual(ops(p), { 'made.ts': 'delete conflict', 'mine.ts': 'write conflict', 'theirs.ts': 'write' });
    await apply(ws, p, false);
    assert.equal(ws.read('mine.ts'), 'm2 plus the user\n', 'a conflict is not overwritten unless the user says so');
    assert.equal(ws.read('made.ts'), 'x plus the user');
    assert.equal(ws.read('theirs.ts'), 't1\n');
  });

  it('unsaved editor text counts as the user changing the file', async () => {
    const ws = workspace({ 'a.ts': 'a1\n' });
    await answer(ws, 'm', [edit('a.ts', 'a1', 'a2')]);
    ws.port.dirty.set(`${ws.root}/a.ts`, 'a2 typed, not saved\n');
    assert.deepEqual(ops(await plan(ws, chainFrom(await all(ws), 'm', false))), { 'a.ts': 'write conflict' });
  });

  it('a file put back by hand is left alone; one too large to keep is reported, not guessed', async () => {
    const ws = workspace({ 'a.ts': 'a1\n', 'big.txt': 'x'.repeat(3000) }, { maxBytes: 1000 });
    await answer(ws, 'm', [edit('a.ts', 'a1', 'a2'), ['delete_file', { path: 'big.txt' }]]);
    ws.write('a.ts', 'a1\n');
    const p = await plan(ws, chainFrom(await all(ws), 'm', false));
    assert.deepEqual(ops(p), { 'a.ts': 'keep', 'big.txt': 'lost' });
  });

  it('lists the terminal commands of the chain: they cannot be undone', async () => {
    const ws = workspace({ 'a.ts': 'a1\n' });
    await answer(ws, 'm1', [edit('a.ts', 'a1', 'a2')]);
    await answer(ws, 'm2', [['run_in_terminal', { command: 'rm -rf build' }]]);
    assert.deepEqual((await plan(ws, chainFrom(await all(ws), 'm1', false))).commands, ['rm -rf build']);
    assert.deepEqual((await plan(ws, chainFrom(await all(ws), 'm2', false))).steps, []);
  });
});
