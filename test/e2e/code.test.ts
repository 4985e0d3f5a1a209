import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

const source = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport const answer = 41;\n';
const png1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('code in the panel: context in, code blocks out', function () {
  let c: Connected;
  before(async () => {
    c = await connect('e2e-code', { files: { 'src/math.ts': source } });
    await c.wb.openFile('math.ts');
  });
  after(async () => disconnect(c));

  it('attaches the editor selection as a chip and sends it as fenced code with path and lines', async () => {
    const { wb, panel, gw } = c;
    await wb.selectLines(1, 3);
    await panel.view.locator('[data-testid="attach-selection"]').click();
    const chip = panel.view.locator('.composer [data-testid="attachment"]');
    await chip.waitFor();
    assert.match(await chip.innerText(), /math\.ts:1-3/);
    gw.route('test-model', { answer: { content: 'It adds two numbers.' } });
    await panel.send('What does this do?');
    await panel.waitForAnswer();
    const sent = chatRequests(gw).at(-1)!.body.messages.at(-1).content;
    assert.equal(sent, 'What does this do?\n\nsrc/math.ts:1-3\n```typescript\nexport function add(a: number, b: number) {\n  return a + b;\n}\n```');
    assert.match(await panel.messages('user').last().locator('[data-testid="attachment"]').innerText(), /math\.ts:1-3/);
  });

  it('completes @ with workspace files and attaches the chosen one', async () => {
    const { panel, gw } = c;
    await panel.composer.fill('');
    await panel.composer.pressSequentially('Explain @mat');
    const suggestion = panel.view.locator('[data-testid="file-suggestion"]', { hasText: 'math.ts' });
    await suggestion.waitFor({ timeout: 10_000 });
    await panel.composer.press('Enter');
    await panel.view.locator('.composer [data-testid="attachment"]', { hasText: 'math.ts' }).waitFor();
    assert.equal(await panel.composer.inputValue(), 'Explain ');
    gw.route('test-model', { answer: { content: 'A math module.' } });
    await panel.expectAnswer();
    await panel.composer.press('Enter');
    await panel.waitForAnswer();
    const sent: string = chatRequests(gw).at(-1)!.body.messages.at(-1).content;
    assert.ok(sent.startsWith('Explain \n\nsrc/math.ts\n```typescript\nexport function add'), sent);
  });

  it('sends a pasted image as an image_url data URL', async () => {
    const { panel, gw } = c;
    await panel.composer.evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, png1x1);
    await panel.view.locator('.composer [data-testid="attachment"]', { hasText: 'dot.png' }).waitFor();
    gw.route('test-model', { answer: { content: 'A single pixel.' } });
    await panel.send('What is in this image?');
    await panel.waitForAnswer();
    const content = chatRequests(gw).at(-1)!.body.messages.at(-1).content;
    assert.deepEqual(content, [
      { type: 'text', text: 'What is in this image?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${png1x1}`, detail: 'auto' } },
    ]);
  });

  it('inserts a code block at the cursor', async () => {
    const { wb, panel, gw } = c;
    gw.route('test-model', { answer: { content: 'Add this:\n\n```ts\n// inserted by the model\n```\n' } });
    await panel.send('Give me a comment');
    const answer = await panel.waitForAnswer();
    await wb.editorLines().first().click();
    await wb.page.keyboard.press('Control+Home');
    await answer.locator('[data-testid="insert"]').click();
    await wb.page.locator('.view-line', { hasText: '// inserted by the model' }).waitFor({ timeout: 10_000 });
    assert.ok((await wb.editorText()).startsWith('// inserted by the model\nexport function add'));
    await wb.undo();
    await wb.page.locator('.view-line', { hasText: '// inserted by the model' }).waitFor({ state: 'detached' });
  });

  it('applies a code block to the selection through a diff, and one undo restores it', async () => {
    const { wb, panel, gw } = c;
    gw.route('test-model', { answer: { content: '```ts\nexport const answer = 42;\n```' } });
    await panel.send('Fix the answer');
    const answer = await panel.waitForAnswer();
    await wb.selectLines(5, 5);
    await answer.locator('[data-testid="apply"]').click();
    await wb.page.locator('.editor-instance .monaco-diff-editor').first().waitFor({ timeout: 15_000 });
    const toast = wb.toast(/Apply the proposed change to math\.ts\?/);
    await toast.waitFor();
    await toast.locator('.monaco-button', { hasText: /^Apply$/ }).click();
    await wb.page.locator('.editor-instance .monaco-diff-editor').waitFor({ state: 'detached', timeout: 10_000 });
    await wb.page.locator('.view-line', { hasText: 'export const answer = 42;' }).waitFor({ timeout: 10_000 });
    assert.equal(await wb.editorText(), source.replace('41', '42').trimEnd() + '\n');
    await wb.undo();
    await wb.page.locator('.view-line', { hasText: 'export const answer = 41;' }).waitFor({ timeout: 10_000 });
    assert.equal(await wb.editorText(), source.trimEnd() + '\n');
  });

  it('saves a code block as a new file', async () => {
    const { wb, panel, gw } = c;
    gw.route('test-model', { answer: { content: '```python\nprint("hi")\n```' } });
    await panel.send('A python script');
    const answer = await panel.waitForAnswer();
    await answer.locator('[data-testid="save-code"]').click();
    const target = path.join(wb.server.workspace, 'hello.py');
    await wb.answerQuickInput(target);
    for (let i = 0; i < 50 && !fs.existsSync(target); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(fs.readFileSync(target, 'utf8'), 'print("hi")\n');
  });
});
