// What the model is told, in real VS Code against the loopback gateway: the global and the model's
// prompt, the conversation's instructions and the project's rules files reach the request in one
// system message in that order, show as chips above the answer (saved with it), and an
// untrusted workspace sends no rules.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { until } from '../harness/chatPanel';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

const files = {
  'AGENTS.md': '# Agents\nAGENTS RULE: answer briefly.\n',
  '.gateway-chat/rules/typescript.md': '---\napplyTo: "src/**/*.ts"\n---\nTYPESCRIPT RULE: prefer readonly.\n',
  'src/app.ts': 'export const answer = 42;\n',
};
const settings = {
  'gatewayChat.systemPrompt': 'GLOBAL PROMPT: you are careful.',
  'gatewayChat.models': { 'test/test-model': { systemPrompt: 'MODEL PROMPT: you are terse.', systemPromptMode: 'append' } },
};

type WireMessage = { role: string; content: string };
const systemOf = (c: Connected): string => {
  const messages: WireMessage[] = chatRequests(c.gw).at(-1)!.body.messages;
  const system = messages.filter((m) => m.role === 'system');
  assert.equal(system.length, 1, 'one system message');
  assert.equal(messages[0].role, 'system', 'first');
  return system[0].content;
};

/** Each text occurs, in this order. */
function assertOrder(text: string, parts: string[]): void {
  const at = parts.map((p) => text.indexOf(p));
  assert.ok(at.every((i) => i >= 0), `all of ${JSON.stringify(parts)} in ${JSON.stringify(text)}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, `in order: ${JSON.stringify(text)}`);
}

const chipTexts = async (c: Connected) =>
  c.panel.lastAssistant().locator('[data-testid="context-sources"] [data-testid="context-source"]').allInnerTexts();

describe('instructions and project rules', function () {
  // Each test builds on the one before (the same conversation): a retry would repeat half a story.
  this.retries(0);
  let c: Connected;
  before(async () => {
    c = await connect('e2e-instructions', { files, settings });
  });
  after(async () => disconnect(c));

  it('sends the global and model prompts, the conversation instructions and the rules in one system message, in order, and shows them as chips', async () => {
    const { panel, gw, wb } = c;
    gw.route('test-model', { answer: { content: 'Noted.' } });
    await panel.view.locator('[data-testid="instructions-toggle"]').click();
    await panel.view.locator('[data-testid="instructions"]').fill('CONVERSATION: reply in English.');
    await panel.send('Hello');
    await panel.waitForAnswer();
    const system = systemOf(c);
    assertOrder(system, ['GLOBAL PROMPT: you are careful.', 'MODEL PROMPT: you are terse.', 'CONVERSATION: reply in English.', 'AGENTS.md', 'AGENTS RULE: answer briefly.']);
    assert.doesNotMatch(system, /TYPESCRIPT RULE/, 'an applyTo rule waits for a matching file');
    assert.deepEqual(await chipTexts(c), ['System prompt', 'Model prompt', 'Instructions', 'AGENTS.md']);

    // A prompt's chip shows its text; a rule's chip opens the file.
    const answer = panel.lastAssistant();
    await answer.locator('[data-testid="context-source"][data-origin="conversation"]').click();
    assert.equal(await answer.locator('[data-testid="context-source-text"]').innerText(), 'CONVERSATION: reply in English.');
    await answer.locator('[data-testid="context-source"][data-kind="rule"]').click();
    await wb.page.locator('.tabs-container .tab.active[aria-label^="AGENTS.md"]').waitFor({ timeout: 15_000 });
  });

  it('an applyTo rule goes along once a matching file is attached, after the other rules; the attachment is a chip too', async () => {
    const { panel, gw, wb } = c;
    await wb.openFile('app.ts');
    await panel.view.locator('[data-testid="attach-selection"]').click();
    await panel.view.locator('.composer [data-testid="attachment"]', { hasText: 'app.ts' }).waitFor();
    gw.route('test-model', { answer: { content: 'Looks fine.' } });
    await panel.send('Review this');
    await panel.waitForAnswer();
    assertOrder(systemOf(c), ['MODEL PROMPT', 'CONVERSATION', 'AGENTS RULE: answer briefly.', '.gateway-chat/rules/typescript.md', 'TYPESCRIPT RULE: prefer readonly.']);
    assert.deepEqual(await chipTexts(c), ['System prompt', 'Model prompt', 'Instructions', 'AGENTS.md', '.gateway-chat/rules/typescript.md', 'app.ts']);
  });

  it('a changed rules file is read again at the next send', async () => {
    const { panel, gw, wb } = c;
    fs.writeFileSync(path.join(wb.server.workspace, 'AGENTS.md'), 'AGENTS RULE v2: answer in one line.\n');
    gw.route('test-model', { answer: { content: 'One line.' } });
    await panel.send('Again');
    await panel.waitForAnswer();
    const system = systemOf(c);
    assert.match(system, /AGENTS RULE v2: answer in one line\./);
    assert.doesNotMatch(system, /answer briefly/);
  });

  it('a new chat keeps the instructions; an earlier conversation opened from History shows its saved chips', async () => {
    const { panel, gw } = c;
    await panel.view.locator('[data-testid="new-chat"]').click();
    await until('the new chat is empty', async () => (await panel.messages().count()) === 0);
    gw.route('test-model', { answer: { content: 'Fresh.' } });
    await panel.send('New topic');
    await panel.waitForAnswer();
    assert.match(systemOf(c), /CONVERSATION: reply in English\./);
    assert.deepEqual(await chipTexts(c), ['System prompt', 'Model prompt', 'Instructions', 'AGENTS.md']);

    // Opening reads the conversation from its file: the chips are what was saved with each answer.
    await panel.view.locator('[data-testid="history"]').click();
    await panel.view.locator('[data-testid="history-item"]', { hasText: 'Hello' }).first().locator('.history-open').click();
    await panel.view.locator('[data-testid="message"][data-role="user"]', { hasText: 'Hello' }).waitFor();
    await until('the saved chips show', async () => (await chipTexts(c)).length === 6);
    assert.deepEqual(await chipTexts(c), ['System prompt', 'Model prompt', 'Instructions', 'AGENTS.md', '.gateway-chat/rules/typescript.md', 'app.ts']);
  });

  it('the model settings form sets the role: "user" puts the text in front of the first user message', async () => {
    const { panel, gw } = c;
    await panel.view.locator('[data-testid="model-settings"]').click();
    const prompt = panel.view.locator('[data-testid="setting-system-prompt"]');
    await until('the form shows the model prompt', async () => (await prompt.inputValue()) === 'MODEL PROMPT: you are terse.');
    assert.equal(await panel.view.locator('[data-testid="setting-system-prompt-mode"]').inputValue(), 'append');
    await panel.view.locator('[data-testid="setting-system-role"]').selectOption('user');
    await panel.view.locator('[data-testid="settings-save"]').click();
    await until('the form saved', async () => /user settings/.test(await panel.view.locator('[data-testid="settings-status"]').innerText()));
    await panel.view.locator('[data-testid="settings-close"]').click();
    gw.route('test-model', { answer: { content: 'As you wish.' } });
    await panel.send('Which role?');
    await panel.waitForAnswer();
    const messages: WireMessage[] = chatRequests(gw).at(-1)!.body.messages;
    assert.equal(messages.some((m) => m.role === 'system'), false, 'no system message');
    assert.equal(messages[0].role, 'user');
    assertOrder(messages[0].content, ['GLOBAL PROMPT', 'MODEL PROMPT', 'CONVERSATION', 'AGENTS RULE v2', 'TYPESCRIPT RULE', 'Hello']);
    assert.equal(messages.at(-1)!.content, 'Which role?');
  });
});

describe('project rules in Restricted Mode', function () {
  let c: Connected;
  before(async () => {
    c = await connect('e2e-instructions-untrusted', { untrusted: true, files, settings });
  });
  after(async () => disconnect(c));

  it('sends the prompts but no rules file, and shows no rule chip', async () => {
    const { panel, gw } = c;
    gw.route('test-model', { answer: { content: 'Hi.' } });
    await panel.send('Hello');
    await panel.waitForAnswer();
    const system = systemOf(c);
    assertOrder(system, ['GLOBAL PROMPT', 'MODEL PROMPT']);
    assert.doesNotMatch(system, /AGENTS|TYPESCRIPT RULE/);
    assert.deepEqual(await chipTexts(c), ['System prompt', 'Model prompt']);
  });
});
