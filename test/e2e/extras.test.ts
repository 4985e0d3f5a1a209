import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ChatPanel, waitForCount } from '../harness/chatPanel';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

// A real 16:9 PNG, as an image model would return it: the saved file must hold exactly its bytes.
const pngBytes = solidPng(160, 90, [230, 120, 40]);
const png = `data:image/png;base64,${pngBytes.toString('base64')}`;
const person = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  required: ['name', 'age'],
};
const optionFields = ['response_format', 'web_search_options', 'extra_body', 'n', 'logprobs', 'top_logprobs'];

describe('option bar: JSON output, web search with citations, images out', function () {
  let c: Connected;
  before(async () => (c = await connect('e2e-extras', {
    settings: { 'gatewayChat.jsonSchemas': { person, broken: { type: 'nonsense' } } },
    files: { 'schemas/order.schema.json': JSON.stringify({ type: 'object', properties: { id: { type: 'string' } } }) },
  })));
  after(async () => disconnect(c));

  const chip = (id: string) => c.panel.view.locator(`[data-testid="${id}"]`);

  /** Opens an option's menu and picks the entry labelled exactly `label`. */
  async function pick(id: string, label: string): Promise<void> {
    await chip(id).click();
    const menu = c.panel.view.locator('.option', { has: chip(id) });
    await menu.locator('[data-testid="option-choice"]').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
  }

  async function ask(prompt: string) {
    await c.panel.send(prompt);
    const answer = await c.panel.waitForAnswer();
    return { answer, body: chatRequests(c.gw).at(-1)!.body };
  }

  it('sends none of the options while the bar is off', async () => {
    c.gw.route('test-model', { answer: { content: 'plain' } });
    const { body } = await ask('plain question');
    for (const f of optionFields) assert.equal(f in body, false, `${f} is not sent`);
    for (const id of ['option-json', 'option-web-search', 'option-image', 'option-candidates', 'option-logprobs']) {
      assert.equal(await chip(id).getAttribute('data-on'), 'false', id);
    }
  });

  it('JSON object: sends response_format json_object and shows the answer as a JSON tree with copy', async () => {
    await pick('option-json', 'JSON object');
    assert.equal(await chip('option-json').getAttribute('data-on'), 'true');
    c.gw.route('test-model', { answer: { content: '```json\n{"name":"Ada","languages":["en","fr"],"age":36}\n```' } });
    const { answer, body } = await ask('Describe Ada as JSON');
    assert.deepEqual(body.response_format, { type: 'json_object' });
    for (const f of optionFields.filter((f) => f !== 'response_format')) assert.equal(f in body, false, `${f} is not sent`);
    const tree = answer.locator('[data-testid="json-tree"]');
    await tree.waitFor();
    assert.deepEqual(await tree.locator('.json-key').allInnerTexts(), ['name', 'languages', '0', '1', 'age']);
    assert.equal(await answer.locator('[data-testid="message-content"]').isVisible(), false, 'the tree replaces the text');
    await answer.locator('[data-testid="json-copy"]').click();
    assert.equal(await c.wb.clipboard(), JSON.stringify({ name: 'Ada', languages: ['en', 'fr'], age: 36 }, null, 2));
    // Composer, option bar and its open menu's ticks, the answer's toolbar and the JSON tree: every
    // icon on screen has its glyph in the cut-down icon font.
    const icons = await c.panel.iconsWithoutGlyph();
    assert.ok(icons.count >= 20, `${icons.count} icons`);
    assert.deepEqual(icons.missing, []);
    assert.ok(icons.fontLoaded, 'the icon font loads');
    await answer.locator('[data-testid="json-mode-text"]').click();
    await answer.locator('[data-testid="message-content"] pre').waitFor();
    await c.wb.screenshot('extras-json-tree');
  });

  it('JSON schema from settings: sends json_schema with it and shows where the answer breaks it', async () => {
    const { wb, panel } = c;
    await pick('option-json', 'Schema...');
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'order' }).waitFor({ timeout: 15_000 }); // workspace *.schema.json files are offered too
    await wb.answerQuickInput('person');
    await chip('option-json').filter({ hasText: 'JSON: person' }).waitFor();
    c.gw.route('test-model', { answer: { content: '{"name": 42}' } });
    const { answer, body } = await ask('Who is Ada?');
    assert.deepEqual(body.response_format, { type: 'json_schema', json_schema: { name: 'person', schema: person, strict: true } });
    const violations = answer.locator('[data-testid="json-violation"]');
    await violations.first().waitFor();
    assert.deepEqual((await violations.allInnerTexts()).sort(), ['$.name: must be string', "$: must have required property 'age'"]);
    assert.equal(await panel.view.locator('[data-testid="json-tree"]').last().isVisible(), true);
  });

  it('refuses a schema that does not compile and changes nothing', async () => {
    await pick('option-json', 'Schema...');
    await c.wb.answerQuickInput('broken');
    await c.wb.toast(/"broken" is not a usable JSON schema/).waitFor({ timeout: 15_000 });
    assert.equal(await chip('option-json').innerText(), 'JSON: person');
  });

  it('web search: sends web_search_options and shows numbered citations with their sources', async () => {
    const { gw, wb } = c;
    await pick('option-json', 'Off');
    await pick('option-web-search', 'high');
    const text = 'Rust is fast. It is also memory safe.';
    gw.route('test-model', {
      answer: {
        content: text,
        annotations: [
          { type: 'url_citation', url_citation: { url: 'https://www.rust-lang.org/', title: 'Rust Programming Language', start_index: 0, end_index: 13 } },
          { type: 'url_citation', url_citation: { url: 'https://blog.example.com/memory-safety', title: 'Memory safety', start_index: 14, end_index: text.length } },
        ],
      },
    });
    const { answer, body } = await ask('Is Rust fast?');
    assert.deepEqual(body.web_search_options, { search_context_size: 'high' });
    assert.equal('response_format' in body, false, 'JSON is off again');
    const content = answer.locator('[data-testid="message-content"]');
    await content.locator('[data-testid="citation-marker"]').first().waitFor();
    assert.equal(await content.innerText(), 'Rust is fast.[1] It is also memory safe.[2]');
    const sources = answer.locator('[data-testid="citation"]');
    await waitForCount(sources, 2);
    assert.match(await sources.nth(0).innerText(), /\[1\]\s*Rust Programming Language\s*www\.rust-lang\.org/);
    assert.match(await sources.nth(1).innerText(), /\[2\]\s*Memory safety\s*blog\.example\.com/);
    await wb.screenshot('extras-citations');

    const dialog = wb.page.locator('.monaco-dialog-box');
    await sources.nth(1).locator('button').click();
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /https:\/\/blog\.example\.com\/memory-safety/);
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await content.locator('[data-testid="citation-marker"]').first().click();
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /https:\/\/www\.rust-lang\.org\//);
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
  });

  it('images: sends extra_body.google.image_config, shows the image, opens it larger and saves it', async () => {
    const { gw, wb, panel } = c;
    await pick('option-web-search', 'Off');
    await pick('option-image', '16:9');
    await pick('option-image', '2K');
    await chip('option-image').filter({ hasText: 'Image 16:9 · 2K' }).waitFor();
    gw.route('test-model', { answer: { content: 'Here is your cat.', images: [png] } });
    const { answer, body } = await ask('Draw a cat');
    assert.deepEqual(body.extra_body, { google: { image_config: { aspect_ratio: '16:9', image_size: '2K' } } });
    assert.equal('web_search_options' in body, false);
    const image = answer.locator('[data-testid="answer-image"]');
    await image.waitFor();
    assert.equal(await image.getAttribute('src'), png);
    assert.equal(await answer.locator('img').count(), 1, 'shown once');

    await image.click();
    const viewer = panel.view.locator('[data-testid="image-viewer"]');
    await viewer.waitFor();
    assert.equal(await viewer.locator('img').getAttribute('src'), png);
    await wb.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    await answer.locator('[data-testid="save-image"]').click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    const target = path.join(wb.server.workspace, 'image-1.png');
    for (let i = 0; i < 100 && !(await input.inputValue()).endsWith('image-1.png'); i++) await wb.page.waitForTimeout(100);
    assert.match(await input.inputValue(), /image-1\.png$/, 'a free name in the workspace by default');
    await wb.answerQuickInput(target);
    for (let i = 0; i < 100 && !fs.existsSync(target); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(fs.readFileSync(target), pngBytes);
  });

  it('keeps the options with the conversation across a window reload', async () => {
    const { wb } = c;
    await pick('option-logprobs', 'Top 3 alternatives');
    await pick('option-web-search', 'low');
    // The conversation is written shortly after a change; reload once the options are on disk.
    const saved = () => fs.readdirSync(wb.server.userDataDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.includes(`gateway-chat.gateway-chat${path.sep}conversations${path.sep}`) && f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(wb.server.userDataDir, f), 'utf8')).options);
    const expected = { image: { aspectRatio: '16:9', imageSize: '2K' }, logprobs: { top: 3 }, webSearch: { contextSize: 'low' } };
    const matches = () => saved().some((o) => JSON.stringify(o && Object.fromEntries(Object.entries(o).sort())) === JSON.stringify(expected));
    for (let i = 0; i < 100 && !matches(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(matches(), `the options reached the disk: ${JSON.stringify(saved())}`);
    await wb.reload();
    c.panel = await ChatPanel.open(wb);
    await c.panel.view.locator('[data-testid="message"]', { hasText: 'Here is your cat.' }).waitFor({ timeout: 15_000 });
    const state = async (id: string) => [await chip(id).getAttribute('data-on'), await chip(id).innerText()];
    assert.deepEqual(await state('option-image'), ['true', 'Image 16:9 · 2K']);
    assert.deepEqual(await state('option-web-search'), ['true', 'Web search: low']);
    assert.deepEqual(await state('option-logprobs'), ['true', 'Logprobs: top 3']);
    assert.deepEqual(await state('option-json'), ['false', 'JSON']);
    assert.deepEqual(await state('option-candidates'), ['false', 'Candidates']);
    // The saved answer still shows its image, and the next request carries the options.
    await c.panel.lastAssistant().locator('[data-testid="answer-image"]').waitFor();
    c.gw.route('test-model', { answer: { content: 'ok' } });
    const { body } = await ask('again');
    assert.deepEqual(body.web_search_options, { search_context_size: 'low' });
    assert.equal(body.logprobs, true);
    assert.equal(body.top_logprobs, 3);
    assert.deepEqual(body.extra_body, { google: { image_config: { aspect_ratio: '16:9', image_size: '2K' } } });
  });
});

/** An 8-bit RGB PNG of one colour. */
function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
