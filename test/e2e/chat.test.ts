import assert from 'node:assert/strict';
import { startGateway, type TestGateway } from '../gateway';
import { ChatPanel } from '../harness/chatPanel';
import { vsixPath } from '../harness/paths';
import { Workbench } from '../harness/workbench';

const key = 'sk-e2e-secret-key-123456';

describe('chat panel: streaming against the test gateway', function () {
  let gw: TestGateway;
  let wb: Workbench;
  let panel: ChatPanel;

  before(async () => {
    gw = await startGateway({ apiKey: key });
    gw.setModels([{ id: 'test-model', owned_by: 'test' }, { id: 'deepseek-ai/DeepSeek-R1', owned_by: 'test' }]);
    wb = await Workbench.open({
      name: 'e2e-chat',
      vsix: vsixPath,
      env: { GATEWAY_CHAT_E2E_KEY: key },
      settings: {
        'gatewayChat.endpoints': [{ id: 'test', name: 'Test gateway', baseUrl: gw.url, apiKeyEnv: 'GATEWAY_CHAT_E2E_KEY' }],
        'gatewayChat.defaultModel': 'test/test-model',
      },
      files: { 'src/app.ts': 'export function add(a: number, b: number) {\n  return a + b;\n}\n' },
    });
    panel = await ChatPanel.open(wb);
  });
  after(async () => {
    await wb?.close();
    await gw?.close();
  });
  beforeEach(() => gw.reset());

  it('streams a markdown answer with highlighted code and records a correct request', async () => {
    gw.route('test-model', {
      answer: { content: 'Here is **bold** text.\n\n```ts\nconst x: number = 1;\n```\n\nDone.', usage: { prompt_tokens: 11, completion_tokens: 22, total_tokens: 33 } },
      stream: { pieces: 12, delayMs: 20 },
    });
    await panel.send('Say hello');
    const answer = await panel.waitForAnswer();
    const content = answer.locator('[data-testid="message-content"]');
    assert.equal(await content.locator('strong').innerText(), 'bold');
    await content.locator('pre code.hljs .hljs-keyword').first().waitFor({ timeout: 5000 });
    assert.match(await answer.locator('[data-testid="usage"]').innerText(), /prompt 11 · completion 22/);
    const chat = gw.requests.find((r) => r.path.endsWith('/chat/completions'))!;
    assert.equal(chat.headers.authorization, `Bearer ${key}`);
    assert.equal(chat.body.model, 'test-model');
    assert.equal(chat.body.stream, true);
    assert.deepEqual(chat.body.stream_options, { include_usage: true });
    assert.deepEqual(chat.body.messages, [{ role: 'user', content: 'Say hello' }]);
    await wb.screenshot('chat-streamed-answer');
  });

  it('shows reasoning in a block that collapses when the answer starts, with its duration', async () => {
    gw.route('test-model', { answer: { reasoning: 'Let me think about it step by step.', content: 'The answer is 42.' }, stream: { pieces: 6, delayMs: 30 } });
    await panel.send('What is the answer?');
    const answer = await panel.waitForAnswer();
    const reasoning = answer.locator('[data-testid="reasoning"]');
    assert.equal(await reasoning.locator('.reasoning-text').textContent(), 'Let me think about it step by step.');
    assert.equal(await reasoning.getAttribute('open'), null, 'collapsed once the answer started');
    assert.match(await reasoning.locator('summary').innerText(), /Thought for \d+\.\d s/);
    assert.equal(await answer.locator('[data-testid="message-content"]').innerText(), 'The answer is 42.');
  });

  it('stops mid-stream at once and keeps the partial answer', async () => {
    gw.route('test-model', { answer: { content: 'word '.repeat(200) }, stream: { pieces: 200, delayMs: 50 } });
    await panel.send('Write a lot');
    await panel.view.locator('[data-testid="stop"]').waitFor({ state: 'visible' });
    await panel.lastAssistant().locator('[data-testid="message-content"]', { hasText: 'word word' }).waitFor();
    await panel.view.locator('[data-testid="stop"]').click();
    const answer = await panel.waitForAnswer('interrupted', 5000);
    const text = await answer.locator('[data-testid="message-content"]').innerText();
    assert.ok(text.startsWith('word word'), text);
    assert.ok(text.length < 'word '.repeat(200).length - 10, 'stopped before the end');
    await answer.locator('[data-testid="continue"]').waitFor();
    assert.equal(await panel.view.locator('[data-testid="send"]').isVisible(), true, 'send is back');
  });

  it('explains a 401 in words and gives the prompt back to the composer', async () => {
    gw.route('test-model', { status: 401, error: { message: 'Incorrect API key provided: sk-e2e***', type: 'invalid_request_error', code: 'invalid_api_key' } });
    await panel.send('this prompt must not be lost');
    const answer = await panel.waitForAnswer('error');
    const error = answer.locator('[data-testid="error"]');
    assert.match(await error.innerText(), /rejected the API key \(HTTP 401\)/);
    assert.match(await error.innerText(), /Incorrect API key provided/);
    assert.equal(await panel.composer.inputValue(), 'this prompt must not be lost');
    await error.locator('[data-testid="retry"]').waitFor();
  });

  it('retries a 429 after a visible countdown and then answers', async () => {
    gw.route('test-model', { sequence: [
      { status: 429, headers: { 'retry-after': '2' }, error: { message: 'Rate limit reached', type: 'rate_limit' } },
      { answer: { content: 'Worth the wait.' } },
    ] });
    await panel.composer.fill('');
    await panel.send('Again');
    await panel.lastAssistant().locator('[data-testid="retry-countdown"]').waitFor({ timeout: 10_000 });
    assert.match(await panel.lastAssistant().locator('[data-testid="retry-countdown"]').innerText(), /Retrying in [12] s/);
    const answer = await panel.waitForAnswer('complete', 15_000);
    assert.equal(await answer.locator('[data-testid="message-content"]').innerText(), 'Worth the wait.');
  });

  it('names the URL it called when the gateway answers 404', async () => {
    gw.route('test-model', { status: 404, error: { message: 'The model `test-model` does not exist', code: 'model_not_found' } });
    await panel.send('Hello 404');
    const answer = await panel.waitForAnswer('error');
    const text = await answer.locator('[data-testid="error"]').innerText();
    assert.ok(text.includes(`The request went to ${gw.url}/chat/completions`), text);
    assert.match(text, /does not exist \(model_not_found\)/);
  });

  it('cancels a retry countdown and gives the prompt back', async () => {
    gw.route('test-model', { status: 429, headers: { 'retry-after': '30' }, error: { message: 'Too many requests' } });
    await panel.composer.fill('');
    await panel.send('Wait for me');
    const cancel = panel.lastAssistant().locator('[data-testid="cancel-retry"]');
    await cancel.waitFor({ timeout: 10_000 });
    assert.match(await panel.lastAssistant().locator('[data-testid="retry-countdown"]').innerText(), /Retrying in (30|29|28) s \(attempt 1\)/);
    await cancel.click();
    const answer = await panel.waitForAnswer('error', 5000);
    assert.match(await answer.locator('[data-testid="error"]').innerText(), /Stopped\./);
    assert.equal(await panel.composer.inputValue(), 'Wait for me');
    assert.equal(gw.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 1, 'no retry after the cancel');
    await panel.composer.fill('');
  });

  it('keeps an interrupted stream and continues it', async () => {
    gw.route('test-model', { sequence: [
      { answer: { content: 'The first half of the answer' }, stream: { pieces: 4, disconnectAfter: { events: 3 } } },
      { answer: { content: ' and the second half.' } },
    ] });
    await panel.send('Tell me everything');
    const answer = await panel.waitForAnswer('interrupted');
    const partial = await answer.locator('[data-testid="message-content"]').innerText();
    assert.ok(partial.length > 0 && 'The first half of the answer'.startsWith(partial), partial);
    await answer.locator('[data-testid="continue"]').click();
    await panel.view.locator('[data-testid="stop"]').waitFor({ state: 'hidden' });
    await panel.waitForAnswer('complete', 30_000, true);
    assert.equal(await panel.lastAssistant().locator('[data-testid="message-content"]').innerText(), `${partial} and the second half.`);
    const last = gw.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
    assert.equal(last.body.messages.at(-2).content, partial);
  });
});
