import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ChatPanel, waitForCount } from '../harness/chatPanel';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

describe('conversations: edit, regenerate, copy, history, export', function () {
  let c: Connected;
  before(async () => (c = await connect('e2e-conversation', {
    settings: { 'gatewayChat.models': { 'test/test-*': { params: { temperature: 0.3, seed: 7 }, omit: ['stream_options'] } } },
  })));
  after(async () => disconnect(c));

  it('edits a prompt and resends: the later turns are replaced', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { sequence: [{ answer: { content: 'Paris.' } }, { answer: { content: 'About 2.1 million.' } }, { answer: { content: 'Berlin.' } }] });
    await panel.send('Capital of France?');
    await panel.waitForAnswer();
    await panel.send('Population?');
    await panel.waitForAnswer();
    const first = panel.messages('user').first();
    await first.hover();
    await first.locator('[data-testid="edit"]').click();
    await first.locator('[data-testid="edit-input"]').fill('Capital of Germany?');
    await panel.expectAnswer();
    await first.locator('[data-testid="edit-send"]').click();
    await panel.waitForAnswer();
    await panel.view.locator('[data-testid="message"]', { hasText: 'Berlin.' }).waitFor();
    assert.deepEqual(await panel.messages().locator('[data-testid="message-content"]').allInnerTexts(), ['Capital of Germany?', 'Berlin.']);
    assert.deepEqual(chatRequests(gw).at(-1)!.body.messages, [{ role: 'user', content: 'Capital of Germany?' }]);
  });

  it('sends the per-model settings: parameters set, omitted fields gone', () => {
    const body = chatRequests(c.gw).at(-1)!.body;
    assert.equal(body.temperature, 0.3);
    assert.equal(body.seed, 7);
    assert.equal('stream_options' in body, false);
    assert.equal('top_p' in body, false, 'unset means not sent');
  });

  it('regenerates the last answer', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { answer: { content: 'Berlin, again.' } });
    await panel.lastAssistant().locator('[data-testid="regenerate"]').click();
    await panel.view.locator('[data-testid="message"][data-status="complete"]', { hasText: 'Berlin, again.' }).waitFor();
    assert.equal(await panel.messages('assistant').count(), 1);
    assert.deepEqual(chatRequests(gw).at(-1)!.body.messages, [{ role: 'user', content: 'Capital of Germany?' }]);
  });

  it('copies a message to the clipboard', async () => {
    await c.panel.lastAssistant().locator('.message-footer [data-testid="copy"]').click();
    assert.equal(await c.wb.clipboard(), 'Berlin, again.');
  });

  it('keeps the conversation and the draft across a window reload', async () => {
    const { wb } = c;
    await c.panel.composer.fill('a draft I have not sent');
    // The draft is saved after a short pause in typing; reload once it is on disk.
    const drafts = () => fs.readdirSync(wb.server.userDataDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith(`gateway-chat.gateway-chat${path.sep}draft.json`))
      .map((f) => fs.readFileSync(path.join(wb.server.userDataDir, f), 'utf8'));
    for (let i = 0; i < 100 && !drafts().some((d) => d.includes('a draft I have not sent')); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(drafts().some((d) => d.includes('a draft I have not sent')), 'the draft reached the disk');
    await wb.reload();
    c.panel = await ChatPanel.open(wb);
    await c.panel.view.locator('[data-testid="message"]', { hasText: 'Berlin, again.' }).waitFor({ timeout: 15_000 });
    assert.equal(await c.panel.composer.inputValue(), 'a draft I have not sent');
    await c.panel.composer.fill('');
  });

  it('finds conversations in the history by their text and opens them', async () => {
    const { gw, panel } = c;
    await panel.view.locator('[data-testid="new-chat"]').click();
    await panel.messages().first().waitFor({ state: 'detached' });
    gw.route('test-model', { answer: { content: 'Use asyncio.gather for that.' } });
    await panel.send('How do I run coroutines concurrently in Python?');
    await panel.waitForAnswer();
    await panel.view.locator('[data-testid="history"]').click();
    const items = panel.view.locator('[data-testid="history-item"]');
    await waitForCount(items, 2);
    assert.match(await items.first().innerText(), /How do I run coroutines/, 'newest first');
    await panel.view.locator('[data-testid="history-search"]').fill('berlin');
    await waitForCount(items, 1); // found by the answer text, not only the title
    assert.match(await items.first().innerText(), /Capital of Germany\?/);
    await items.first().locator('.history-open').click();
    await panel.view.locator('[data-testid="message"]', { hasText: 'Berlin, again.' }).waitFor();
  });

  it('renames and deletes conversations from the history (deleting asks first)', async () => {
    const { panel, wb } = c;
    await panel.view.locator('[data-testid="history"]').click();
    await panel.view.locator('[data-testid="history-search"]').fill('');
    const items = panel.view.locator('[data-testid="history-item"]');
    await waitForCount(items, 2);
    const python = items.filter({ hasText: 'coroutines' });
    await python.locator('[data-testid="history-rename"]').click();
    await wb.answerQuickInput('Python concurrency');
    await items.filter({ hasText: 'Python concurrency' }).waitFor();
    await items.filter({ hasText: 'Python concurrency' }).locator('[data-testid="history-delete"]').click();
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Delete the conversation "Python concurrency"\?/);
    await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
    await waitForCount(items, 1);
    assert.match(await items.first().innerText(), /Capital of Germany/);
    await panel.view.locator('[data-testid="history-close"]').click();
  });

  it('exports the conversation as Markdown to a file the user picks', async () => {
    const { wb } = c;
    await wb.runCommand('Gateway Chat: Export Chat');
    await wb.answerQuickInput('Markdown');
    const target = path.join(wb.server.workspace, 'exported-chat.md');
    await wb.answerQuickInput(target);
    for (let i = 0; i < 50 && !fs.existsSync(target); i++) await new Promise((r) => setTimeout(r, 100));
    const md = fs.readFileSync(target, 'utf8');
    assert.match(md, /^# Capital of Germany\?/);
    assert.match(md, /## You\n\nCapital of Germany\?/);
    assert.match(md, /Berlin, again\./);
  });

  it('opens a 600-message conversation from the history: the newest at once, then every message in order, and it goes on at the end', async () => {
    const { gw, panel, wb } = c;
    // Saved by an earlier session: the history lists what is in its folder.
    const now = Date.now();
    const messages = Array.from({ length: 600 }, (_, i) => ({
      id: `long-${i}`, role: i % 2 ? 'assistant' : 'user', content: `Long conversation, message ${i}.`, status: 'complete', createdAt: now - (600 - i) * 1000,
    }));
    const folder = path.join(wb.server.userDataDir, 'User', 'globalStorage', 'gateway-chat.gateway-chat', 'conversations');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'long-conversation.json'), JSON.stringify({ version: 1, id: 'long-conversation', title: 'A long one', createdAt: now - 600_000, updatedAt: now + 60_000, messages }));
    await panel.view.locator('[data-testid="history"]').click();
    const item = panel.view.locator('[data-testid="history-item"]', { hasText: 'A long one' });
    await item.locator('.history-open').click();
    await panel.view.locator('[data-testid="message"]', { hasText: 'Long conversation, message 599.' }).waitFor();
    await waitForCount(panel.messages(), 600, 60_000);
    // textContent: off-screen messages skip rendering (content-visibility), so their innerText is empty.
    const texts = await panel.messages().locator('[data-testid="message-content"]').allTextContents();
    assert.deepEqual(texts.map((t) => t.trim()), messages.map((m) => m.content));
    const first = panel.messages().first();
    await first.scrollIntoViewIfNeeded();
    await first.getByText('Long conversation, message 0.').waitFor({ state: 'visible' });
    gw.route('test-model', { answer: { content: 'And one more.' } });
    await panel.send('Still there?');
    await panel.waitForAnswer();
    assert.deepEqual((await panel.messages().locator('[data-testid="message-content"]').allTextContents()).slice(-3).map((t) => t.trim()), ['Long conversation, message 599.', 'Still there?', 'And one more.']);
    const sent = (chatRequests(gw).at(-1)!.body.messages as { role: string; content: unknown }[]).filter((m) => m.role !== 'system');
    assert.deepEqual(sent.map((m) => m.content), [...messages.map((m) => m.content), 'Still there?'], 'the whole conversation went to the model');
  });
});
