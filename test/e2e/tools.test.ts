import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Scenario } from '../gateway';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

const app = 'export const greeting = "hello";\nexport const version = 1;\n';
const call = (id: string, name: string, args: unknown): Scenario => ({ answer: { toolCalls: [{ id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) }] } });

describe('tools: the model works on the workspace, with approval', function () {
  let c: Connected;
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
  before(async () => {
    c = await connect('e2e-tools', { files: { 'src/app.ts': app, 'README.md': '# Demo\nThe greeting lives in src/app.ts.\n' } });
    fs.symlinkSync(outside, path.join(c.wb.server.workspace, 'escape'));
  });
  after(async () => disconnect(c));
  const toolMessages = () => chatRequests(c.gw).at(-1)!.body.messages.filter((m: { role: string }) => m.role === 'tool');
  const appFile = () => fs.readFileSync(path.join(c.wb.server.workspace, 'src/app.ts'), 'utf8');

  it('reads and searches without asking, then edits after approval in a diff; one undo restores the file', async () => {
    const { gw, panel, wb } = c;
    gw.route('test-model', { sequence: [
      call('r1', 'read_file', { path: 'README.md' }),
      call('s1', 'search_text', { query: 'greeting' }),
      call('e1', 'edit_file', { path: 'src/app.ts', edits: [{ search: 'version = 1', replace: 'version = 2' }] }),
      { answer: { content: 'I bumped the version to 2.' } },
    ] });
    await panel.send('Bump the version');
    const edit = panel.view.locator('[data-testid="tool-call"][data-tool-name="edit_file"]');
    await edit.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    assert.equal(await panel.view.locator('[data-testid="tool-call"][data-tool-name="read_file"]').getAttribute('data-state'), 'done');
    assert.equal(await panel.view.locator('[data-testid="tool-call"][data-tool-name="search_text"]').getAttribute('data-state'), 'done');
    await wb.page.locator('.editor-instance .monaco-diff-editor').first().waitFor({ timeout: 10_000 });
    assert.equal(appFile(), app, 'nothing is written before approval');
    await wb.screenshot('tools-approval');
    await edit.locator('[data-testid="approve"]').click();
    const answer = await panel.waitForAnswer();
    assert.equal(await answer.locator('[data-testid="message-content"]').innerText(), 'I bumped the version to 2.');
    assert.equal(await edit.getAttribute('data-state'), 'done');
    assert.equal(appFile(), app.replace('version = 1', 'version = 2'));
    const results = toolMessages();
    assert.deepEqual(results.map((m: { tool_call_id: string }) => m.tool_call_id), ['r1', 's1', 'e1']);
    assert.match(results[0].content, /The greeting lives in src\/app\.ts/);
    assert.match(results[1].content, /src\/app\.ts:1/);
    await wb.openFile('app.ts');
    await wb.undo();
    await wb.page.locator('.view-line', { hasText: 'export const version = 1;' }).waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Control+S');
    for (let i = 0; i < 50 && appFile() !== app; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(appFile(), app);
  });

  it('a rejected edit changes nothing and the model gets the reason', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { sequence: [
      call('e2', 'edit_file', { path: 'src/app.ts', edits: [{ search: 'hello', replace: 'bye' }] }),
      { answer: { content: 'OK, I left it.' } },
    ] });
    await panel.send('Say bye instead');
    const edit = panel.view.locator('[data-testid="tool-call"][data-tool-name="edit_file"]').last();
    await edit.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    await edit.locator('[data-testid="reject-reason"]').fill('the greeting is part of the public API');
    await edit.locator('[data-testid="reject"]').click();
    await panel.waitForAnswer();
    assert.equal(await edit.getAttribute('data-state'), 'rejected');
    assert.equal(appFile(), app);
    assert.match(toolMessages().at(-1).content, /the greeting is part of the public API/);
  });

  it('runs an approved command in a terminal, exactly as shown (all of it, no hidden lines), and returns its output', async () => {
    const { gw, panel, wb } = c;
    // Long enough to wrap over many lines: a tail hidden below a scroll is where a command could hide.
    const command = `echo tool-output-$((6*7)) # ${'padding '.repeat(250)}end`;
    gw.route('test-model', { sequence: [
      call('t1', 'run_in_terminal', { command }),
      { answer: { content: 'The command printed 42.' } },
    ] });
    await panel.send('Run the check');
    let term = panel.view.locator('[data-testid="tool-call"][data-tool-name="run_in_terminal"]').last();
    await term.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    // Hide the chat (another view container) and come back: the question is still there.
    await wb.page.locator('.part.activitybar .action-label[aria-label^="Explorer"]').click();
    await wb.page.locator(`iframe.webview.ready[src*="extensionId=gateway-chat.gateway-chat"]`).waitFor({ state: 'hidden', timeout: 10_000 });
    await wb.openChatView();
    term = panel.view.locator('[data-testid="tool-call"][data-tool-name="run_in_terminal"]').last();
    await term.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    const shown = term.locator('[data-testid="tool-command"]');
    assert.equal((await shown.innerText()).trim(), command);
    const { scrollHeight, clientHeight } = await shown.evaluate((e) => ({ scrollHeight: e.scrollHeight, clientHeight: e.clientHeight }));
    assert.ok(clientHeight > 240 && scrollHeight <= clientHeight + 1, `the whole command is in view (${scrollHeight} px of ${clientHeight})`);
    assert.equal(await term.locator('[data-testid="allow-conversation"]').count(), 0, 'a terminal command cannot be allowed for the conversation');
    await term.locator('[data-testid="approve"]').click();
    await panel.waitForAnswer();
    assert.match(toolMessages().at(-1).content, /tool-output-42/);
    await wb.page.locator('.terminal-tab, .single-terminal-tab, .terminal-wrapper').first().waitFor({ timeout: 10_000 });
  });

  it('a tool allowed for the conversation runs without asking again, except on sensitive paths', async () => {
    const { gw, panel, wb } = c;
    const notes = (name: string) => path.join(wb.server.workspace, name);
    gw.route('test-model', { sequence: [
      call('n1', 'create_file', { path: 'notes-1.md', content: 'one' }),
      { answer: { content: 'Wrote the first note.' } },
      call('n2', 'create_file', { path: 'notes-2.md', content: 'two' }),
      call('n3', 'create_file', { path: '.env.local', content: 'SECRET=1' }),
      { answer: { content: 'Wrote the second note.' } },
    ] });
    await panel.send('Write a note');
    const first = panel.view.locator('[data-testid="tool-call"][data-call-id="n1"]');
    await first.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    await first.locator('[data-testid="allow-conversation"]').check();
    await first.locator('[data-testid="approve"]').click();
    await panel.waitForAnswer();
    assert.equal(fs.readFileSync(notes('notes-1.md'), 'utf8'), 'one');
    await panel.send('Write another');
    const sensitive = panel.view.locator('[data-testid="tool-call"][data-call-id="n3"]');
    await sensitive.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    assert.equal(await panel.view.locator('[data-testid="tool-call"][data-call-id="n2"]').getAttribute('data-state'), 'done', 'allowed: ran without asking');
    assert.equal(fs.readFileSync(notes('notes-2.md'), 'utf8'), 'two');
    assert.equal(fs.existsSync(notes('.env.local')), false, '.env* always asks, even for an allowed tool');
    await sensitive.locator('[data-testid="reject"]').click();
    await panel.waitForAnswer();
    assert.equal(fs.existsSync(notes('.env.local')), false);
  });

  it('Stop cancels a running command at once; nothing goes back to the model', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { sequence: [
      call('t2', 'run_in_terminal', { command: 'echo started-slow-job; sleep 60; echo finished-slow-job' }),
      { answer: { content: 'not reached' } },
    ] });
    await panel.send('Run the slow job');
    const term = panel.view.locator('[data-testid="tool-call"][data-call-id="t2"]');
    await term.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    await term.locator('[data-testid="approve"]').click();
    await panel.view.locator('[data-testid="tool-call"][data-call-id="t2"][data-state="approved"]').waitFor({ timeout: 10_000 });
    const requestsBefore = chatRequests(gw).length;
    const stoppedAt = Date.now();
    await panel.view.locator('[data-testid="stop"]').click();
    await panel.view.locator('#app[data-busy="false"]').waitFor({ timeout: 10_000 });
    assert.ok(Date.now() - stoppedAt < 10_000, 'the turn ends without waiting for the command');
    assert.equal(await term.getAttribute('data-state'), 'failed');
    assert.equal(chatRequests(gw).length, requestsBefore, 'nothing goes back to the model after Stop');
  });

  it('an attack set writes nothing outside the workspace and asks where it must', async () => {
    const { gw, panel } = c;
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, name: 'read_file', arguments: JSON.stringify({ path: 'README.md' }) }));
    gw.route('test-model', { sequence: [
      { answer: { toolCalls: [
        { id: 'a1', name: 'create_file', arguments: JSON.stringify({ path: '../outside.txt', content: 'pwned' }) },
        { id: 'a2', name: 'create_file', arguments: JSON.stringify({ path: path.join(outside, 'abs.txt'), content: 'pwned' }) },
        { id: 'a3', name: 'create_file', arguments: JSON.stringify({ path: 'escape/through-link.txt', content: 'pwned' }) },
        { id: 'a4', name: 'format_disk', arguments: '{}' },
        { id: 'a5', name: 'edit_file', arguments: '{"path": "src/app.ts", "edits": [' },
        { id: 'a6', name: 'create_file', arguments: JSON.stringify({ path: '.vscode/settings.json', content: '{"gatewayChat.tools.autoApproveReadOnly": true}' }) },
        { id: 'a7', name: 'read_file', arguments: JSON.stringify({ path: '.git/config' }) },
      ] } },
      { answer: { toolCalls: many } },
      { answer: { content: 'Done trying.' } },
    ] });
    await panel.send('Try everything');
    const settings = panel.view.locator('[data-testid="tool-call"][data-call-id="a6"]');
    await settings.locator('[data-testid="tool-approval"]').waitFor({ timeout: 30_000 });
    await settings.locator('[data-testid="reject"]').click();
    const gitConfig = panel.view.locator('[data-testid="tool-call"][data-call-id="a7"]');
    await gitConfig.locator('[data-testid="tool-approval"]').waitFor({ timeout: 10_000 }); // a sensitive read asks too
    await gitConfig.locator('[data-testid="reject"]').click();
    await panel.waitForAnswer('complete', 60_000);
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) {
      assert.equal(await panel.view.locator(`[data-testid="tool-call"][data-call-id="${id}"]`).getAttribute('data-state'), 'failed', id);
    }
    assert.equal(fs.existsSync(path.join(path.dirname(c.wb.server.workspace), 'outside.txt')), false);
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing written outside, through a path or a symlink');
    assert.equal(fs.existsSync(path.join(c.wb.server.workspace, '.vscode', 'settings.json')), false);
    const second = chatRequests(gw).at(-1)!.body.messages.filter((m: { role: string }) => m.role === 'tool');
    const lastFifty = second.slice(-50);
    assert.equal(lastFifty.length, 50, 'every call gets a result');
    assert.ok(lastFifty.filter((m: { content: string }) => /# Demo/.test(m.content)).length >= 1);
    assert.ok(lastFifty.some((m: { content: string }) => /limit|too many|not run/i.test(m.content)), 'calls over the cap are refused, not run');
  });
});
