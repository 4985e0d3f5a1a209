// A conversation with a model set to Anthropic Messages and one set to the Responses API: reasoning, a tool
// call and usage shown for each, the requests in each format, and the relay's balance in the header.
import assert from 'node:assert/strict';
import { encryptedOf, signatureOf, startGateway, type Scenario, type TestGateway } from '../gateway';
import { ChatPanel, until } from '../harness/chatPanel';
import { vsixPath } from '../harness/paths';
import { Workbench } from '../harness/workbench';

const key = 'sk-e2e-wire-key-123456';

const toolLoop = (reasoning: string, final: string, usage: Record<string, unknown>): Scenario => ({
  answer: { reasoning, toolCalls: [{ id: 'call_read', name: 'read_file', arguments: '{"path":"src/app.ts"}' }], usage },
  afterToolResult: { answer: { reasoning: 'The file says it.', content: final } },
  stream: { pieces: 4, delayMs: 10 },
});

describe('wire formats: Anthropic Messages and the Responses API in the panel', function () {
  let gw: TestGateway;
  let wb: Workbench;
  let panel: ChatPanel;

  before(async () => {
    gw = await startGateway({ apiKey: key });
    gw.setModels([{ id: 'claude-wire', owned_by: 'test' }, { id: 'gpt-5-codex', owned_by: 'test' }]);
    gw.setBalance({ limitUsd: 20, usedUsd: 7.66 });
    wb = await Workbench.open({
      name: 'e2e-wire-formats',
      vsix: vsixPath,
      env: { GATEWAY_CHAT_E2E_KEY: key },
      settings: {
        'gatewayChat.endpoints': [{ id: 'test', name: 'Test gateway', baseUrl: gw.url, apiKeyEnv: 'GATEWAY_CHAT_E2E_KEY' }],
        'gatewayChat.defaultModel': 'test/claude-wire',
        'gatewayChat.models': {
          'test/claude-wire': { api: 'anthropic', params: { reasoning_effort: 'low' } },
          'test/gpt-5-codex': { api: 'responses', params: { reasoning_effort: 'medium' } },
        },
      },
      files: { 'src/app.ts': 'export const version = 7;\n' },
    });
    panel = await ChatPanel.open(wb);
  });
  after(async () => {
    await wb?.close();
    await gw?.close();
  });

  it('the balance the relay reports is in the header as soon as the panel opens', async () => {
    const balance = panel.view.locator('[data-testid="balance"]');
    await balance.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await balance.innerText(), /\$12\.34/);
    assert.ok(gw.requests.some((r) => r.path === '/v1/dashboard/billing/subscription'));
  });

  it('anthropic: thinking, a tool call and cache usage shown; the signed thinking goes back with the tool result', async () => {
    const since = gw.requests.length;
    gw.route('claude-wire', toolLoop('I should read the file.', 'The version is 7.', { prompt_tokens: 1000, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 600, cache_write_tokens: 300 } }));
    await panel.send('Which version?');
    const final = await panel.waitForAnswer();
    assert.equal(await final.locator('[data-testid="message-content"]').innerText(), 'The version is 7.');
    const first = panel.messages('assistant').first();
    assert.equal(await first.locator('[data-testid="tool-call"][data-tool-name="read_file"]').getAttribute('data-state'), 'done');
    assert.equal(await first.locator('[data-testid="reasoning"] .reasoning-text').textContent(), 'I should read the file.');
    assert.match(await first.locator('[data-testid="usage"]').innerText(), /prompt 1000 · completion 20 · cached 600 · cache write 300/);

    const sent = gw.requests.slice(since).filter((r) => r.path === '/v1/messages');
    assert.equal(sent.length, 2);
    assert.equal(sent[0].headers['x-api-key'], key);
    assert.equal(sent[0].headers['anthropic-version'], '2023-06-01');
    assert.deepEqual(sent[0].body.thinking, { type: 'enabled', budget_tokens: 2048 });
    assert.deepEqual(sent[1].body.messages[1].content[0], { type: 'thinking', thinking: 'I should read the file.', signature: signatureOf('I should read the file.') });
    assert.equal(sent[1].body.messages[2].content[0].type, 'tool_result');
    assert.equal(gw.requests.slice(since).filter((r) => r.path.endsWith('/chat/completions')).length, 0);
  });

  it('responses: reasoning summary, a tool call and usage shown; the encrypted reasoning goes back as input', async () => {
    await panel.view.locator('[data-testid="new-chat"]').click();
    await panel.messages().first().waitFor({ state: 'detached' });
    await panel.view.locator('[data-testid="model-picker"]').click();
    await panel.view.locator('[data-testid="model-search"]').fill('gpt-5-codex');
    await panel.view.locator('[data-testid="model-option"]', { hasText: 'gpt-5-codex' }).first().click();
    await wb.page.locator('.statusbar-item', { hasText: 'gpt-5-codex' }).waitFor({ timeout: 10_000 });
    const since = gw.requests.length;
    gw.route('gpt-5-codex', toolLoop('Read it first.', 'Version 7.', { prompt_tokens: 800, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 512 }, completion_tokens_details: { reasoning_tokens: 16 } }));
    await panel.send('Which version, again?');
    const final = await panel.waitForAnswer();
    assert.equal(await final.locator('[data-testid="message-content"]').innerText(), 'Version 7.');
    const first = panel.messages('assistant').first();
    assert.equal(await first.locator('[data-testid="tool-call"][data-tool-name="read_file"]').getAttribute('data-state'), 'done');
    assert.equal(await first.locator('[data-testid="reasoning"] .reasoning-text').textContent(), 'Read it first.');
    assert.match(await first.locator('[data-testid="usage"]').innerText(), /prompt 800 · completion 30 · cached 512 · reasoning 16/);

    const sent = gw.requests.slice(since).filter((r) => r.path === '/v1/responses');
    assert.equal(sent.length, 2);
    assert.equal(sent[0].body.store, false);
    assert.deepEqual(sent[0].body.reasoning, { effort: 'medium', summary: 'auto' });
    const input = sent[1].body.input as Record<string, unknown>[];
    assert.ok(input.some((i) => i.type === 'reasoning' && i.encrypted_content === encryptedOf('Read it first.')));
    assert.ok(input.some((i) => i.type === 'function_call_output' && String(i.output).includes('export const version = 7;')));
  });

  it('a click on the balance reads it again', async () => {
    gw.setBalance({ limitUsd: 20, usedUsd: 10 });
    const balance = panel.view.locator('[data-testid="balance"]');
    await balance.click();
    await until('the new balance shows', async () => /\$10\.00/.test(await balance.innerText()));
  });
});
