// What the tools and checkpoints read: the user's unsaved edits when there are some, else the disk,
// even while a clean editor of the file still shows what was there before a change on disk (git, a
// script, another editor) until VS Code's file watcher catches up. A restore compares against this:
// a stale buffer would hide the user's change and let the restore overwrite it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { VsCodeWorkspacePort } from '../../../src/host/tools/workspacePort';

describe('workspace port: reading a file that is open in an editor', () => {
  const port = new VsCodeWorkspacePort();
  const rel = 'port-read.txt';
  let abs: string;
  const read = async () => Buffer.from((await port.readFile({ folder: port.folders()[0], path: rel }, { maxBytes: 1000 })).bytes).toString('utf8');

  before(() => {
    abs = path.join(port.folders()[0].root, rel);
    fs.writeFileSync(abs, 'before\n');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    fs.rmSync(abs, { force: true });
  });

  it('reads a change made on disk at once, though the clean editor still shows the old text', async () => {
    const doc = await vscode.workspace.openTextDocument(abs);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.getText(), 'before\n');
    fs.writeFileSync(abs, 'changed on disk\n');
    const seen = read();
    assert.equal(doc.getText(), 'before\n', 'the editor has not caught up yet (the case this test is about)');
    assert.equal(await seen, 'changed on disk\n');
  });

  it('reads the unsaved edits of a dirty editor', async () => {
    const doc = await vscode.workspace.openTextDocument(abs);
    for (let i = 0; i < 100 && doc.getText() !== 'changed on disk\n'; i++) await new Promise((r) => setTimeout(r, 50));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), 'unsaved ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.isDirty, true);
    assert.equal(await read(), doc.getText());
    assert.ok((await read()).startsWith('unsaved '));
  });
});
