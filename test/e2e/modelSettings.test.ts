import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

/** What the gateway counts for every answer here: 1000 uncached + 200 cached prompt tokens, 300 completion tokens. */
const usage = { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 200 } };
const globs = {
  'test/test-*': { params: { top_k: 40 } },
  'other/*': { params: { temperature: 1 } },
};

describe('per-model settings form: the gear by the model picker', function () {
  let c: Connected;
  let form: Locator;
  before(async () => {
    c = await connect('e2e-model-settings', { settings: { 'gatewayChat.models': globs } });
    form = c.panel.view.locator('[data-testid="model-settings-form"]');
  });
  after(async () => disconnect(c));

  const userSettings = () => JSON.parse(fs.readFileSync(path.join(c.wb.server.userDataDir, 'User', 'settings.json'), 'utf8'));
  const models = () => userSettings()['gatewayChat.models'] as Record<string, unknown>;
  const setting = (name: string) => form.locator(`[data-testid="setting-${name}"]`);

  /** Saves and waits until the user settings file holds `expected` for the model (VS Code writes it before answering). */
  async function save(expected: unknown): Promise<void> {
    await form.locator('[data-testid="settings-save"]').click();
    await form.locator('[data-testid="settings-status"]', { hasText: 'Saved to your user settings.' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(models()['test/test-model'], expected);
  }

  /** Sends a prompt and returns the request body the gateway recorded for it. */
  async function ask(prompt: string, answer: string, stream = {}): Promise<Record<string, unknown>> {
    const { gw, panel } = c;
    gw.route('test-model', { answer: { content: answer, usage }, stream: { usage: 'final-chunk', ...stream } });
    const before = chatRequests(gw).length;
    await panel.send(prompt);
    const done = await panel.waitForAnswer();
    assert.equal(await done.locator('[data-testid="message-content"]').innerText(), answer);
    assert.equal(chatRequests(gw).length, before + 1);
    return chatRequests(gw).at(-1)!.body;
  }

  it('opens the current model\'s settings, showing what a glob contributes', async () => {
    await c.panel.view.locator('[data-testid="model-settings"]').click();
    await form.locator('h2', { hasText: 'test/test-model' }).waitFor({ timeout: 15_000 });
    assert.equal(await setting('temperature').inputValue(), '', 'nothing set for the model itself');
    const note = form.locator('.field:has([data-testid="setting-top_k"]) [data-testid="setting-inherited"]');
    assert.equal(await note.innerText(), 'inherited from test/test-*: 40');
    assert.equal(await setting('top_k').inputValue(), '', 'the inherited value is not copied into the model\'s entry');
  });

  it('shows invalid input at the field and saves nothing', async () => {
    await setting('temperature').fill('warm');
    await setting('extra-body').fill('{"extra_body": ');
    await form.locator('[data-testid="settings-save"]').click();
    const error = (name: string) => form.locator(`[data-testid="setting-error"][data-field="${name}"]`);
    assert.equal(await error('temperature').innerText(), 'Not a number.');
    assert.match(await error('extra-body').innerText(), /^Not valid JSON/);
    assert.equal(await error('max_tokens').isVisible(), false);
    assert.match(await form.locator('[data-testid="settings-status"]').innerText(), /Nothing was saved/);
    assert.deepEqual(models(), globs);
  });

  it('saves parameters, an extra body, a removed field and prices into the user settings', async () => {
    await setting('temperature').fill('0.3');
    await setting('max_tokens').fill('256');
    await setting('extra-body').fill('{"extra_body":{"enable_thinking":true}}');
    await setting('omit').fill('stream_options');
    await setting('price-input').fill('2');
    await setting('price-cached').fill('0.5');
    await setting('price-output').fill('8');
    await setting('currency').fill('$');
    await save({
      params: { temperature: 0.3, max_tokens: 256 },
      body: { extra_body: { enable_thinking: true } },
      omit: ['stream_options'],
      prices: { input: 2, cachedInput: 0.5, output: 8, currency: '$' },
    });
    assert.deepEqual(models()['test/test-*'], globs['test/test-*'], 'glob entries stay as they were');
    assert.deepEqual(models()['other/*'], globs['other/*']);
    assert.equal(await form.locator('[data-testid="setting-error"]:visible').count(), 0);
  });

  it('sends exactly what is set: no unset parameter, no removed field', async () => {
    const body = await ask('Hello there', 'Hi.');
    assert.equal(body.temperature, 0.3);
    assert.equal(body.max_tokens, 256);
    assert.deepEqual(body.extra_body, { enable_thinking: true });
    assert.equal(body.top_k, 40, 'the glob still applies');
    assert.equal('stream_options' in body, false);
    const sent = Object.keys(body).filter((k) => !['model', 'messages', 'stream', 'tools'].includes(k)).sort();
    assert.deepEqual(sent, ['extra_body', 'max_tokens', 'temperature', 'top_k'], 'top_p, seed, stop, penalties ... are not sent');
  });

  it('shows the cost from the gateway\'s usage and the prices, and the conversation total', async () => {
    // (1000 * 2 + 200 * 0.5 + 300 * 8) / 1e6 = 0.0045
    const line = await c.panel.lastAssistant().locator('[data-testid="usage"]').innerText();
    assert.match(line, /prompt 1200 · completion 300 · cached 200/);
    assert.match(line, /\$0\.0045$/);
    assert.match(await c.panel.view.locator('[data-testid="usage-total"]').innerText(), /· \$0\.0045$/);
  });

  it('a cleared field is removed from the settings and from the next request', async () => {
    await setting('temperature').fill('');
    await save({
      params: { max_tokens: 256 },
      body: { extra_body: { enable_thinking: true } },
      omit: ['stream_options'],
      prices: { input: 2, cachedInput: 0.5, output: 8, currency: '$' },
    });
    const body = await ask('Again', 'Hi again.');
    assert.equal('temperature' in body, false);
    assert.equal(body.max_tokens, 256);
    assert.match(await c.panel.view.locator('[data-testid="usage-total"]').innerText(), /· \$0\.0090$/, 'two priced answers');
  });

  it('streaming off sends stream: false and the answer still shows', async () => {
    assert.equal(await setting('enable_thinking').inputValue(), 'true', 'the saved extra_body.enable_thinking shows in its own field');
    await setting('stream').selectOption('off');
    await save({
      params: { max_tokens: 256, stream: false },
      body: { extra_body: { enable_thinking: true } },
      omit: ['stream_options'],
      prices: { input: 2, cachedInput: 0.5, output: 8, currency: '$' },
    });
    const body = await ask('No stream please', 'One JSON answer.');
    assert.equal(body.stream, false);
    assert.equal('stream_options' in body, false);
    assert.match(await c.panel.lastAssistant().locator('[data-testid="usage"]').innerText(), /\$0\.0045$/);
  });

  it('reasoning turned off for the model: its reasoning fields are not sent, and the answer says so', async () => {
    await setting('capability-reasoning').selectOption('off');
    await save({
      params: { max_tokens: 256, stream: false },
      body: { extra_body: { enable_thinking: true } },
      omit: ['stream_options'],
      capabilities: { reasoning: false },
      prices: { input: 2, cachedInput: 0.5, output: 8, currency: '$' },
    });
    const body = await ask('Think less', 'Fine.');
    assert.equal('extra_body' in body, false, 'extra_body held only enable_thinking');
    assert.equal(await c.panel.lastAssistant().locator('[data-testid="notice"]').innerText(),
      'Reasoning parameters were not sent: reasoning is turned off for this model in its settings.');
  });
});
