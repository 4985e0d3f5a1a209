// A tool call waiting for approval is settled, never left live, whichever way its turn ends: Stop from
// the palette or from a command's progress notification, a new chat, opening another conversation,
// the view closing and a window reload. Each leaves the call rejected in the transcript, its diff
// closed and the file untouched.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import type { Scenario } from '../gateway';
import { ChatPanel, until } from '../harness/chatPanel';
import { connect, disconnect, type Connected } from './fixtures';

const app = 'export const answer = 41;\n';
const edit: Scenario = { answer: { content: 'I will fix the answer.', toolCalls: [{ id: 'e1', name: 'edit_file', arguments: JSON.stringify({ path: 'src/app.ts', edits: [{ search: '41', replace: '42' }] }) }] } };

describe('tools: a pending approval is settled however its turn ends', function () {
  let c: Connected;
  before(async () => (c = await connect('e2e-approvals', { files: { 'src/app.ts': app } })));
  after(async () => disconnect(c));
  const appFile = () => fs.readFileSync(path.join(c.wb.server.workspace, 'src/app.ts'), 'utf8');
  const diffEditors = () => c.wb.page.locator('.editor-instance .monaco-diff-editor');
  const editCall = () => c.panel.view.locator('[data-testid="tool-call"][data-tool-name="edit_file"]').last();

  /** A fresh conversation, whose title is its first prompt. */
  async function newChat(): Promise<void> {
    await c.panel.view.locator('[data-testid="new-chat"]').click();
    await until('the transcript is empty', async () => (await c.panel.messages().count()) === 0);
  }

  /** The model asks to edit src/app.ts: the question is in the transcript and its diff is open. */
  async function pendingEdit(start: () => Promise<void>): Promise<void> {
    await newChat();
    c.gw.route('test-model', { sequence: [edit, { answer: { content: 'Left as it was.' } }] });
    await start();
    await editCall().locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    await diffEditors().first().waitFor({ timeout: 15_000 });
  }

  /** What every path must leave: the call rejected in the transcript, no question, no diff, the file as it was. */
  async function settled(call: Locator = editCall()): Promise<void> {
    await until('the call is rejected', async () => (await call.getAttribute('data-state')) === 'rejected');
    assert.equal(await call.locator('[data-testid="tool-approval"]').count(), 0, 'no live Approve / Reject');
    await until('the diff is closed', async () => (await diffEditors().count()) === 0);
    assert.equal(appFile(), app, 'nothing was written');
  }

  /** Opens a conversation from History by a text in its title. */
  async function openFromHistory(title: string): Promise<void> {
    const search = c.panel.view.locator('[data-testid="history-search"]');
    if (!(await search.isVisible())) await c.panel.view.locator('[data-testid="history"]').click();
    await search.fill('');
    const item = c.panel.view.locator('[data-testid="history-item"]', { hasText: title }).first();
    await item.locator('.history-open').click();
    await c.panel.view.locator('[data-testid="message"][data-role="user"]', { hasText: title }).waitFor();
  }

  it('Stop from the command palette', async () => {
    await pendingEdit(() => c.panel.send('Fix the answer (palette stop)'));
    await c.wb.runCommand('Gateway Chat: Stop Answering');
    await settled();
    await c.panel.waitForAnswer(['complete', 'interrupted'], 30_000, true);
  });

  it('Cancel on the progress notification of an editor command', async () => {
    const { wb, panel } = c;
    await wb.openFile('app.ts');
    await pendingEdit(async () => {
      await panel.expectAnswer();
      await wb.runCommand('Gateway Chat: Ask...');
      await wb.answerQuickInput('Fix the answer (notification cancel)');
    });
    const cancel = wb.page.locator('.notification-toast', { hasText: 'Gateway Chat' }).locator('.monaco-button', { hasText: 'Cancel' });
    await cancel.first().click({ timeout: 15_000 });
    await settled();
  });

  it('a new chat', async () => {
    await pendingEdit(() => c.panel.send('Fix the answer (new chat)'));
    await newChat();
    await until('the diff is closed', async () => (await diffEditors().count()) === 0);
    await openFromHistory('Fix the answer (new chat)');
    await settled();
  });

  it('opening another conversation from History', async () => {
    await pendingEdit(() => c.panel.send('Fix the answer (switch)'));
    await openFromHistory('Fix the answer (new chat)');
    await until('the diff is closed', async () => (await diffEditors().count()) === 0);
    await openFromHistory('Fix the answer (switch)');
    await settled();
  });

  it('the view closing (moved to the panel, which disposes it)', async () => {
    const { wb } = c;
    await pendingEdit(() => c.panel.send('Fix the answer (view closed)'));
    await wb.runCommand('View: Move View');
    // First which view (ours is "Chat" in the Gateway Chat container), then where to.
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Gateway Chat' }).filter({ hasText: /^Chat/ }).first().click({ timeout: 15_000 });
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'New Panel Entry' }).first().click({ timeout: 15_000 });
    c.panel = new ChatPanel(wb, wb.chatView());
    await c.panel.composer.waitFor({ timeout: 30_000 });
    await settled();
    await wb.runCommand('View: Reset View Locations');
    c.panel = await ChatPanel.open(wb);
  });

  it('a window reload', async () => {
    const { wb } = c;
    await pendingEdit(() => c.panel.send('Fix the answer (reload)'));
    await wb.reload();
    c.panel = await ChatPanel.open(wb);
    await c.panel.view.locator('[data-testid="message"][data-role="user"]', { hasText: 'Fix the answer (reload)' }).waitFor({ timeout: 30_000 });
    await settled();
    assert.match(await editCall().locator('[data-testid="tool-result"]').textContent() ?? '', /closed before it was approved/);
  });
});
