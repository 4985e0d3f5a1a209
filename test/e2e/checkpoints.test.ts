// Checkpoints: an answer that edits one file, creates another and deletes a third (each approved)
// lists them with "Restore checkpoint"; the checkpoint survives a window reload; restoring it puts the
// three files back and leaves a file the user changed meanwhile (one the answer never touched) alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Scenario } from '../gateway';
import { ChatPanel, until } from '../harness/chatPanel';
import { connect, disconnect, type Connected } from './fixtures';

const files = {
  'src/app.ts': 'export const version = 1;\n',
  'src/old.ts': 'export const old = true;\n',
  'notes.md': '# Notes\n',
};
const call = (id: string, name: string, args: unknown) => ({ id, name, arguments: JSON.stringify(args) });
const threeFiles: Scenario = { answer: { content: 'Changing three files.', toolCalls: [
  call('e1', 'edit_file', { path: 'src/app.ts', edits: [{ search: 'version = 1', replace: 'version = 2' }] }),
  call('c1', 'create_file', { path: 'src/new.ts', content: 'export const fresh = 1;\n' }),
  call('d1', 'delete_file', { path: 'src/old.ts' }),
] } };

describe('checkpoints: restore a multi-file answer', function () {
  let c: Connected;
  before(async () => (c = await connect('e2e-checkpoints', { files })));
  after(async () => disconnect(c));
  const file = (rel: string) => path.join(c.wb.server.workspace, rel);
  const read = (rel: string) => (fs.existsSync(file(rel)) ? fs.readFileSync(file(rel), 'utf8') : undefined);

  it('puts back exactly what the answer changed, after a reload, and leaves the user\'s unrelated edit alone', async () => {
    const { gw, wb } = c;
    gw.route('test-model', { sequence: [threeFiles, { answer: { content: 'Three files changed.' } }] });
    await c.panel.send('Change three files');
    for (const id of ['e1', 'c1', 'd1']) {
      const toolCall = c.panel.view.locator(`[data-testid="tool-call"][data-call-id="${id}"]`);
      await toolCall.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
      await toolCall.locator('[data-testid="approve"]').click();
    }
    await c.panel.waitForAnswer();
    assert.deepEqual([read('src/app.ts'), read('src/new.ts'), read('src/old.ts')], ['export const version = 2;\n', 'export const fresh = 1;\n', undefined]);
    const listed = async () => c.panel.view.locator('[data-testid="checkpoint-file"]').evaluateAll((items) =>
      items.map((li) => `${(li as HTMLElement).dataset.change} ${li.textContent?.slice(2)}`));
    assert.deepEqual(await listed(), ['edited src/app.ts', 'created src/new.ts', 'deleted src/old.ts']);
    await wb.screenshot('checkpoint-files');

    await wb.reload();
    c.panel = await ChatPanel.open(wb);
    const restore = c.panel.view.locator('[data-testid="restore-checkpoint"]');
    await restore.waitFor({ timeout: 30_000 });
    assert.equal(await restore.count(), 1, 'one answer changed files');
    assert.deepEqual(await listed(), ['edited src/app.ts', 'created src/new.ts', 'deleted src/old.ts']);

    fs.writeFileSync(file('notes.md'), '# Notes\nThe user wrote this after the answer.\n');
    await restore.click();
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Restore the files only' }).first().click({ timeout: 15_000 });
    await until('the three files are back', async () => read('src/app.ts') === files['src/app.ts'] && read('src/new.ts') === undefined && read('src/old.ts') === files['src/old.ts']);
    assert.equal(read('notes.md'), '# Notes\nThe user wrote this after the answer.\n', 'a file the answer never touched is left alone');
    await c.panel.view.locator('[data-testid="checkpoint-restored"]').waitFor({ timeout: 10_000 });
    assert.equal(await restore.count(), 0, 'a restored checkpoint is not offered again');
    await wb.toast(/Restored 3 files/).first().waitFor({ timeout: 10_000 });
  });

  it('a rewind puts the files back and the prompt into the composer, to edit and send again', async () => {
    const { gw, wb } = c;
    gw.route('test-model', { sequence: [{ answer: { toolCalls: [call('c2', 'create_file', { path: 'draft.md', content: 'draft' })] } }, { answer: { content: 'Drafted.' } }] });
    await c.panel.send('Write a draft');
    const toolCall = c.panel.view.locator('[data-testid="tool-call"][data-call-id="c2"]');
    await toolCall.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    await toolCall.locator('[data-testid="approve"]').click();
    await c.panel.waitForAnswer();
    assert.equal(read('draft.md'), 'draft');
    await c.panel.view.locator('[data-testid="restore-checkpoint"]').click();
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Restore the files and rewind the conversation' }).first().click({ timeout: 15_000 });
    await until('the draft is gone', async () => read('draft.md') === undefined);
    await until('the prompt is back in the composer', async () => (await c.panel.composer.inputValue()) === 'Write a draft');
    assert.equal(await c.panel.messages('user').filter({ hasText: 'Write a draft' }).count(), 0, 'the rewound turn left the transcript');
    assert.equal(await c.panel.messages('user').filter({ hasText: 'Change three files' }).count(), 1, 'the turns before it stay');
  });

  it('a file the user changed after the answer shows a diff and is overwritten only when the user says so', async () => {
    const { gw, wb } = c;
    gw.route('test-model', { sequence: [{ answer: { toolCalls: [
      call('e3', 'edit_file', { path: 'src/app.ts', edits: [{ search: 'version = 1', replace: 'version = 3' }] }),
      call('e4', 'edit_file', { path: 'notes.md', edits: [{ search: '# Notes', replace: '# Notes (by the model)' }] }),
    ] } }, { answer: { content: 'Edited.' } }] });
    await c.panel.send('Edit two files');
    for (const id of ['e3', 'e4']) {
      const toolCall = c.panel.view.locator(`[data-testid="tool-call"][data-call-id="${id}"]`);
      await toolCall.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
      await toolCall.locator('[data-testid="approve"]').click();
    }
    await c.panel.waitForAnswer();
    const notesBefore = read('notes.md')!.replace('# Notes (by the model)', '# Notes');
    fs.writeFileSync(file('src/app.ts'), 'export const version = 3; // the user was here\n');
    await c.panel.view.locator('[data-testid="restore-checkpoint"]').click();
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Restore the files only' }).first().click({ timeout: 15_000 });
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'src/app.ts was changed after this answer' });
    await dialog.waitFor({ timeout: 15_000 });
    await wb.page.locator('.editor-instance .monaco-diff-editor').first().waitFor({ timeout: 10_000 });
    await dialog.locator('.monaco-button', { hasText: 'Keep mine' }).click();
    await until('the other file is restored', async () => read('notes.md') === notesBefore);
    assert.equal(read('src/app.ts'), 'export const version = 3; // the user was here\n', 'kept, as the user chose');
  });
});
