import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

const math = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function sub(a: number, b: number) {\n  return a - b;\n}\n';
const broken = '{\n  "name": "demo",,\n  "version": 1\n}\n';
const geometry = 'export const unit = 1;\n\nexport function area(w: number, h: number) {\n  const a = w * h;\n  return a;\n}\n';
const template = '---\ntitle: Security review\ndescription: Look for injection\n---\nReview this {{language}} code in {{file}} for {{input}}:\n\n{{selection}}\n';

describe('editor commands: the selection in, the answer back into the code', function () {
  let c: Connected;
  before(async () => {
    c = await connect('e2e-editor', {
      files: { 'src/math.ts': math, 'src/geometry.ts': geometry, 'config/data.json': broken, '.gateway-chat/prompts/security.md': template },
      settings: {
        'gatewayChat.commandModels': { document: 'test/doc-model' },
        'gatewayChat.prompts': { document: 'Document this {{language}} from {{file}} tersely.' },
      },
    });
  });
  after(async () => disconnect(c));
  const lastUserMessage = () => chatRequests(c.gw).at(-1)!.body.messages.at(-1).content as string;

  it('explains the selection from the editor context menu', async () => {
    const { wb, panel, gw } = c;
    await wb.openFile('math.ts');
    await wb.selectLines(1, 3);
    gw.route('test-model', { answer: { content: 'It adds.' } });
    await wb.editorLines().first().click({ button: 'right' });
    await panel.expectAnswer();
    // Clicking the submenu entry opens it with its first item (Explain Selection) focused; Enter runs it.
    // (Moving the mouse into a submenu races its open/close timers.)
    await wb.page.locator('.monaco-menu .action-item', { hasText: 'Gateway Chat' }).first().locator('.action-menu-item').first().click();
    const explain = wb.page.locator('.monaco-menu .monaco-menu .action-item', { hasText: 'Explain Selection' });
    await explain.waitFor();
    await wb.page.locator('.monaco-menu .monaco-menu .action-item.focused', { hasText: 'Explain Selection' }).waitFor({ timeout: 5000 });
    await wb.page.keyboard.press('Enter');
    await panel.waitForAnswer();
    const sent = lastUserMessage();
    assert.match(sent, /^Explain what this typescript code from src\/math\.ts does/);
    assert.ok(sent.includes('src/math.ts:1-3\n```typescript\nexport function add(a: number, b: number) {\n  return a + b;\n}\n```'), sent);
    const chip = panel.messages('user').last().locator('[data-testid="attachment"]');
    assert.equal(await chip.innerText(), 'math.ts:1-3', 'a compact chip, not a wall of code');
  });

  it('refactors through a diff: Apply changes exactly the selected range, one undo restores it', async () => {
    const { wb, gw } = c;
    await wb.openFile('math.ts');
    await wb.selectLines(5, 7);
    gw.route('test-model', { answer: { content: 'Shorter:\n\n```ts\nexport const sub = (a: number, b: number) => a - b;\n```\n' } });
    await wb.runCommand('Gateway Chat: Refactor Selection');
    const toast = wb.toast(/Apply the proposed change to math\.ts\?/);
    await toast.waitFor({ timeout: 30_000 });
    await wb.page.locator('.editor-instance .monaco-diff-editor').first().waitFor();
    await toast.locator('.monaco-button', { hasText: /^Apply$/ }).click();
    await wb.page.locator('.editor-instance .monaco-diff-editor').waitFor({ state: 'detached', timeout: 10_000 });
    await wb.page.locator('.view-line', { hasText: 'export const sub = (a: number, b: number) => a - b;' }).waitFor({ timeout: 10_000 });
    assert.equal(await wb.editorText(), 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport const sub = (a: number, b: number) => a - b;\n');
    await wb.undo();
    await wb.page.locator('.view-line', { hasText: 'export function sub' }).waitFor({ timeout: 10_000 });
    assert.equal(await wb.editorText(), math);
  });

  it('refuses to apply when the document changed while the answer streamed', async () => {
    const { wb, gw } = c;
    await wb.openFile('math.ts');
    await wb.selectLines(1, 3);
    gw.route('test-model', { answer: { content: '```ts\nexport const add = (a: number, b: number) => a + b;\n```' }, stream: { pieces: 20, delayMs: 150 } });
    await wb.runCommand('Gateway Chat: Refactor Selection');
    // The command opens the panel (taking focus); type into the editor while the answer streams.
    await c.panel.view.locator('[data-testid="message"][data-role="assistant"][data-status="streaming"]').waitFor({ timeout: 15_000 });
    await wb.editorLines().first().click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.type('// edited meanwhile\n');
    await wb.page.locator('.view-line', { hasText: '// edited meanwhile' }).waitFor({ timeout: 5000 });
    await wb.toast(/math\.ts changed since this change was proposed; nothing was applied/).waitFor({ timeout: 30_000 });
    assert.ok((await wb.editorText()).startsWith('export function add(a: number, b: number) {'), 'the code was not replaced');
    // The typed line stays (unsaved); the later tests select lines above it.
    await wb.runCommand('Notifications: Clear All Notifications');
  });

  it('fixes with the diagnostics of the range in the message, from the lightbulb', async () => {
    const { wb, gw } = c;
    await wb.openFile('data.json');
    await wb.page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    gw.route('test-model', { answer: { content: '```json\n{\n  "name": "demo",\n  "version": 1\n}\n```' } });
    await wb.page.locator('.view-line', { hasText: '"name": "demo",,' }).click();
    await wb.page.keyboard.press('Control+.');
    await wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Fix with Gateway Chat' }).click({ timeout: 15_000 });
    const toast = wb.toast(/Apply the proposed change to data\.json\?/);
    await toast.waitFor({ timeout: 30_000 });
    const sent = lastUserMessage();
    assert.match(sent, /^Fix the problems in this json code from config\/data\.json/);
    assert.match(sent, /Problems reported in this code:\n- line 2: error \(json[^)]*\): /);
    assert.ok(sent.includes('config/data.json:2-2\n```json\n  "name": "demo",,\n```'), sent);
    await toast.locator('.monaco-button', { hasText: /^Discard$/ }).click();
    await wb.page.locator('.editor-instance .monaco-diff-editor').waitFor({ state: 'detached', timeout: 10_000 });
    assert.ok((await wb.editorText()).includes('"name": "demo",,'), 'Discard changes nothing');
  });

  it('writes tests to a new file next to the source after confirming its path', async () => {
    const { wb, gw } = c;
    await wb.openFile('math.ts');
    await wb.selectLines(1, 3);
    gw.route('test-model', { answer: { content: '```ts\nimport { add } from "./math";\ntest("adds", () => expect(add(1, 2)).toBe(3));\n```\nRun with `npx jest`.' } });
    await wb.runCommand('Gateway Chat: Write Tests for Selection');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    assert.equal(await input.inputValue(), 'src/math.test.ts');
    await input.press('Enter'); // on the input itself: focus may be elsewhere while it stays open
    const file = path.join(wb.server.workspace, 'src', 'math.test.ts');
    for (let i = 0; i < 50 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(fs.readFileSync(file, 'utf8'), 'import { add } from "./math";\ntest("adds", () => expect(add(1, 2)).toBe(3));\n');
    await wb.page.locator('.tabs-container .tab.active[aria-label^="math.test.ts"]').waitFor({ timeout: 10_000 }); // it opens the new file
  });

  it('asks from the palette with the selection attached', async () => {
    const { wb, gw } = c;
    await wb.openFile('math.ts');
    await wb.selectLines(5, 7);
    gw.route('test-model', { answer: { content: 'Yes.' } });
    await c.panel.expectAnswer();
    await wb.runCommand('Gateway Chat: Ask...');
    await wb.answerQuickInput('Is this pure?');
    await c.panel.waitForAnswer();
    // Earlier tests edit math.ts; what matters is the question, the path and range, and the fenced code.
    assert.match(lastUserMessage(), /^Is this pure\?\n\nsrc\/math\.ts:5-\d+\n```typescript\n[\s\S]+\n```$/);
  });

  it('runs a user template from .gateway-chat/prompts with its placeholders filled', async () => {
    const { wb, gw } = c;
    await wb.openFile('math.ts');
    await wb.selectLines(1, 3);
    gw.route('test-model', { answer: { content: 'No injection risk.' } });
    await c.panel.expectAnswer();
    await wb.runCommand('Gateway Chat: Run Prompt...');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Security review' }).click({ timeout: 15_000 });
    await wb.answerQuickInput('SQL injection');
    await c.panel.waitForAnswer();
    assert.equal(lastUserMessage(), 'Review this typescript code in src/math.ts for SQL injection:\n\nexport function add(a: number, b: number) {\n  return a + b;\n}\n');
  });

  it('documents the function around the cursor, with the prompt and model the settings give the command', async () => {
    const { wb, gw, panel } = c;
    await wb.openFile('geometry.ts');
    await wb.editorLines().first().click();
    await wb.page.keyboard.press('Control+Home');
    for (let i = 0; i < 4; i++) await wb.page.keyboard.press('ArrowDown');
    // No selection: the block comes from the language's symbols, which the breadcrumbs show once ready.
    await wb.page.locator('.breadcrumbs-control .monaco-breadcrumb-item', { hasText: 'area' }).waitFor({ timeout: 60_000 });
    const documented = '/** The area of a w-by-h rectangle. */\nexport function area(w: number, h: number) {\n  const a = w * h;\n  return a;\n}';
    gw.route('doc-model', { answer: { content: '```ts\n' + documented + '\n```' } });
    await panel.expectAnswer();
    await wb.runCommand('Gateway Chat: Document Selection');
    const toast = wb.toast(/Apply the proposed change to geometry\.ts\?/);
    await toast.waitFor({ timeout: 30_000 });
    const request = chatRequests(gw).at(-1)!.body;
    assert.equal(request.model, 'doc-model', 'gatewayChat.commandModels.document picks the model');
    assert.equal(request.messages.at(-1).content,
      'Document this typescript from src/geometry.ts tersely.\n\nsrc/geometry.ts:3-6\n```typescript\nexport function area(w: number, h: number) {\n  const a = w * h;\n  return a;\n}\n```');
    await toast.locator('.monaco-button', { hasText: /^Apply$/ }).click();
    await wb.page.locator('.editor-instance .monaco-diff-editor').waitFor({ state: 'detached', timeout: 10_000 });
    await wb.page.locator('.view-line', { hasText: 'The area of a w-by-h rectangle' }).waitFor({ timeout: 10_000 });
    assert.equal(await wb.editorText(), 'export const unit = 1;\n\n' + documented + '\n');
  });
});
