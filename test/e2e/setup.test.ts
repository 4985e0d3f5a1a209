import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startGateway, type TestGateway } from '../gateway';
import { ChatPanel } from '../harness/chatPanel';
import { vsixPath } from '../harness/paths';
import { Workbench } from '../harness/workbench';

const key = 'sk-setup-right-key-0001';

describe('first run: setting up a gateway from the panel', function () {
  let gw: TestGateway;
  let wb: Workbench;
  let panel: ChatPanel;

  before(async () => {
    gw = await startGateway({ apiKey: key });
    gw.setModels([{ id: 'gpt-4o-mini' }, { id: 'deepseek-ai/DeepSeek-R1' }]);
    wb = await Workbench.open({ name: 'e2e-setup', vsix: vsixPath, files: { 'src/area.ts': 'export function area(w: number, h: number) {\n  return w * h;\n}\n' } });
    panel = await ChatPanel.open(wb);
  });
  after(async () => {
    await wb?.close();
    await gw?.close();
  });

  const userSettings = () => JSON.parse(fs.readFileSync(path.join(wb.server.userDataDir, 'User', 'settings.json'), 'utf8'));

  it('previews the exact request URL as the base URL is typed', async () => {
    const setup = panel.view.locator('[data-testid="setup"]');
    await setup.waitFor();
    await setup.locator('[data-testid="setup-base-url"]').fill(`${gw.url}/`);
    assert.equal(await setup.locator('[data-testid="setup-url-preview"]').innerText(), `${gw.url}/chat/completions`);
    await setup.locator('[data-testid="setup-base-url"]').fill(`${gw.url}/chat/completions`);
    assert.equal(await setup.locator('[data-testid="setup-url-preview"]').innerText(), `${gw.url}/chat/completions`);
  });

  it('saves the endpoint to user settings, never the key', async () => {
    const setup = panel.view.locator('[data-testid="setup"]');
    await setup.locator('[data-testid="setup-id"]').fill('relay');
    await setup.locator('[data-testid="setup-name"]').fill('Relay');
    await setup.locator('[data-testid="setup-headers"]').fill('X-Org: team-7');
    await setup.locator('[data-testid="setup-save"]').click();
    let endpoints: unknown;
    for (let i = 0; i < 50 && !endpoints; i++) {
      endpoints = userSettings()['gatewayChat.endpoints'];
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(endpoints, [{ id: 'relay', name: 'Relay', baseUrl: `${gw.url}/chat/completions`, headers: { 'X-Org': 'team-7' } }]);
  });

  it('tests the connection: a wrong key is explained, the right one lists the models', async () => {
    const setup = panel.view.locator('[data-testid="setup"]');
    await setup.locator('[data-testid="setup-key"]').click();
    await wb.answerQuickInput('sk-wrong-key');
    await setup.locator('[data-testid="setup-key-state"]', { hasText: 'Key stored' }).waitFor({ timeout: 10_000 });
    await setup.locator('[data-testid="setup-test"]').click();
    const result = setup.locator('[data-testid="setup-result"].failed');
    await result.waitFor({ timeout: 15_000 });
    assert.match(await result.innerText(), /rejected the API key \(HTTP 401\)/);

    await setup.locator('[data-testid="setup-key"]').click();
    await wb.answerQuickInput(key);
    await wb.toast(/API key saved for relay/).waitFor({ timeout: 10_000 });
    await setup.locator('[data-testid="setup-test"]').click();
    await setup.locator('[data-testid="setup-result"].ok').waitFor({ timeout: 15_000 });
    assert.equal(await setup.locator('[data-testid="setup-result"]').innerText(), 'Connected: the gateway lists 2 models.');
    const models = gw.requests.filter((r) => r.path.endsWith('/models'));
    assert.equal(models.at(-1)?.headers.authorization, `Bearer ${key}`);
    assert.equal(models.at(-1)?.headers['x-org'], 'team-7', 'custom headers go to /models too');
    assert.ok(!JSON.stringify(userSettings()).includes(key), 'the key is not in settings');
    await wb.screenshot('setup-connected');
  });

  it('lists the models grouped by endpoint, filters them and takes a typed model', async () => {
    await panel.view.locator('[data-testid="model-picker"]').click();
    const options = panel.view.locator('[data-testid="model-option"]');
    await options.first().waitFor({ timeout: 15_000 });
    assert.deepEqual(await options.allInnerTexts(), ['deepseek-ai/DeepSeek-R1', 'gpt-4o-mini']);
    await panel.view.locator('[data-testid="model-search"]').fill('deepseek');
    assert.deepEqual(await options.allInnerTexts(), ['deepseek-ai/DeepSeek-R1', 'Use "deepseek" on Relay']);
    await options.first().click();
    await wb.page.locator('.statusbar-item', { hasText: 'deepseek-ai/DeepSeek-R1' }).waitFor({ timeout: 10_000 });
    assert.equal(userSettings()['gatewayChat.defaultModel'], 'relay/deepseek-ai/DeepSeek-R1');
  });

  it('chats with the model it just set up', async () => {
    gw.route('deepseek-ai/DeepSeek-R1', { answer: { content: 'Set up and working.' } });
    await panel.send('ping');
    const answer = await panel.waitForAnswer();
    assert.equal(await answer.locator('[data-testid="message-content"]').innerText(), 'Set up and working.');
    const chat = gw.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
    assert.equal(chat.path, '/v1/chat/completions', 'the pasted /chat/completions was not doubled');
    assert.equal(chat.headers['x-org'], 'team-7');
  });

  it('the Getting Started walkthrough: its steps tick when the user really connects and picks a model, the others wait', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.answerQuickInput('Get started with Gateway Chat');
    const step = (id: string) => wb.page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);
    await step('connect').waitFor({ timeout: 15_000 });
    assert.equal(await wb.page.locator('button.getting-started-step[data-step-id*="gatewayChat.start#"]').count(), 4);
    const checked = async (id: string) => (await step(id).getAttribute('aria-checked')) === 'true';
    // Opening a walkthrough page is no event: nothing ticks until the user does it with the page open.
    assert.deepEqual(await Promise.all(['connect', 'pickModel', 'askSelection', 'approveTool'].map(checked)), [false, false, false, false]);

    await panel.view.locator('[data-testid="setup-test"]').click();
    await wb.page.locator('button.getting-started-step[data-step-id$="#connect"][aria-checked="true"]').waitFor({ timeout: 15_000 });
    await panel.view.locator('[data-testid="model-picker"]').click();
    await panel.view.locator('[data-testid="model-option"]').first().click();
    await wb.page.locator('button.getting-started-step[data-step-id$="#pickModel"][aria-checked="true"]').waitFor({ timeout: 15_000 });
    assert.deepEqual(await Promise.all(['connect', 'pickModel', 'askSelection', 'approveTool'].map(checked)), [true, true, false, false]);
    await wb.screenshot('walkthrough');
  });

  it('the walkthrough: asking with no code does not tick "ask about the selection"; approving a tool call and asking about selected code tick theirs', async () => {
    const model = userSettings()['gatewayChat.defaultModel'].replace(/^relay\//, '');
    // VS Code remembers a ticked step: the walkthrough, opened again, shows what happened meanwhile.
    const ticked = async (id: string) => {
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.answerQuickInput('Get started with Gateway Chat');
      await wb.page.locator(`button.getting-started-step[data-step-id$="#${id}"][aria-checked="true"]`).waitFor({ timeout: 15_000 });
    };
    const checked = async (id: string) => (await wb.page.locator(`button.getting-started-step[data-step-id$="#${id}"]`).getAttribute('aria-checked')) === 'true';

    gw.route(model, { answer: { content: 'Nothing selected, fine.' } });
    await panel.expectAnswer();
    await wb.runCommand('Gateway Chat: Ask...');
    await wb.answerQuickInput('What is a pure function?');
    await panel.waitForAnswer();

    gw.route(model, { sequence: [
      { answer: { toolCalls: [{ id: 'w1', name: 'run_in_terminal', arguments: JSON.stringify({ command: 'echo walkthrough-step' }) }] } },
      { answer: { content: 'Ran it.' } },
    ] });
    await panel.send('Run the echo');
    const call = panel.view.locator('[data-testid="tool-call"][data-tool-name="run_in_terminal"]').last();
    await call.locator('[data-testid="approve"]').click({ timeout: 30_000 });
    await panel.waitForAnswer();
    await ticked('approveTool');
    assert.equal(await checked('askSelection'), false, 'an Ask with no code in it is not the step');

    await wb.openFile('area.ts');
    await wb.selectLines(1, 3);
    gw.route(model, { answer: { content: 'It multiplies.' } });
    await panel.expectAnswer();
    await wb.runCommand('Gateway Chat: Ask...');
    await wb.answerQuickInput('What does this do?');
    await panel.waitForAnswer();
    await ticked('askSelection');
  });
});
