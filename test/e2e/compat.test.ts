import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ChatPanel } from '../harness/chatPanel';
import { chatRequests, connect, disconnect, e2eKey, type Connected } from './fixtures';

const refusedMaxTokens = {
  field: 'max_tokens',
  error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead." },
};

describe('self-healing compatibility and the request inspector', function () {
  let c: Connected;
  before(async () => (c = await connect('e2e-compat', {
    settings: { 'gatewayChat.models': { 'test/test-model': { params: { max_tokens: 256 } } } },
  })));
  after(async () => disconnect(c));

  const sent = () => chatRequests(c.gw).map((r) => r.body);

  it('a gateway refusing stream_options: sent again without it, the answer shows with a one-line notice', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { rejectFields: [{ field: 'stream_options' }], answer: { content: 'Healed answer.' } });
    await panel.send('Hello?');
    const answer = await panel.waitForAnswer();
    await answer.locator('[data-testid="message-content"]', { hasText: 'Healed answer.' }).waitFor();
    assert.deepEqual(sent().map((b) => 'stream_options' in b), [true, false], 'the first request had it, the retry not');
    assert.equal(await answer.locator('[data-testid="error"]').count(), 0, 'the refusal is not shown as an error');
    const notice = answer.locator('[data-testid="notice"]');
    assert.equal(await notice.count(), 1);
    assert.match(await notice.innerText(), /does not accept stream_options.*test\/test-model/);
  });

  it('remembers it: the next send is one request without stream_options, also after a window reload', async () => {
    const { gw, wb } = c;
    gw.requests.length = 0;
    await c.panel.send('Again?');
    const answer = await c.panel.waitForAnswer();
    assert.equal(sent().length, 1);
    assert.equal('stream_options' in sent()[0], false);
    assert.equal(await answer.locator('[data-testid="notice"]').count(), 0, 'nothing new to say');

    await wb.reload();
    c.panel = await ChatPanel.open(wb);
    await c.panel.view.locator('[data-testid="message"]', { hasText: 'Healed answer.' }).first().waitFor({ timeout: 30_000 });
    gw.requests.length = 0;
    await c.panel.send('After the reload?');
    await c.panel.waitForAnswer();
    assert.equal(sent().length, 1);
    assert.equal('stream_options' in sent()[0], false, 'kept in globalState');
  });

  it('says so when an answer from before the reload has no recording', async () => {
    const first = c.panel.messages('assistant').first();
    await first.hover();
    await first.locator('[data-testid="inspect"]').click();
    await c.wb.toast(/Nothing was recorded for this answer/).waitFor({ timeout: 15_000 });
  });

  it('renames max_tokens to max_completion_tokens when the gateway asks for it, and remembers that too', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { rejectFields: [refusedMaxTokens, { field: 'stream_options' }], answer: { content: 'Renamed fine.' } });
    gw.requests.length = 0;
    await panel.send('Count to three.');
    const answer = await panel.waitForAnswer();
    await answer.locator('[data-testid="message-content"]', { hasText: 'Renamed fine.' }).waitFor();
    assert.deepEqual(sent().map((b) => [b.max_tokens, b.max_completion_tokens, 'stream_options' in b]), [[256, undefined, false], [undefined, 256, false]]);
    assert.match(await answer.locator('[data-testid="notice"]').innerText(), /max_tokens.*max_completion_tokens/);

    gw.requests.length = 0;
    await panel.send('And to four?');
    await panel.waitForAnswer();
    assert.deepEqual(sent().map((b) => [b.max_tokens, b.max_completion_tokens]), [[undefined, 256]]);
  });

  it('inspects an answer: URL, redacted headers and the body in an editor; copies a runnable curl without the key', async () => {
    const { gw, wb, panel } = c;
    gw.route('test-model', { answer: { content: 'Inspect me.' } });
    await panel.send('What went over the wire?');
    const answer = await panel.waitForAnswer();
    await answer.hover();
    await answer.locator('[data-testid="inspect"]').click();
    await wb.page.locator('.tabs-container .tab.active[aria-label^="request-"]').waitFor({ timeout: 30_000 });
    await wb.editorLines().first().waitFor();
    const url = `${gw.url}/chat/completions`;
    // What is on screen (a markdown editor wraps long lines: joined back here).
    const top = (await wb.editorText()).replace(/\n/g, '');
    assert.ok(top.includes(`POST ${url}`), top);
    assert.ok(top.includes('authorization: Bearer ***'), 'the key is redacted');

    // The whole document, not only the lines on screen.
    await wb.page.evaluate(() => navigator.clipboard.writeText(''));
    await wb.editorLines().first().click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Control+C');
    const doc = await wb.clipboard();
    assert.ok(doc.includes(`POST ${url}`));
    assert.ok(doc.includes('"model": "test-model"'), 'the body, pretty-printed');
    assert.ok(doc.includes('"max_completion_tokens": 256'), 'as sent, after the remembered fixes');
    assert.ok(doc.includes('data: [DONE]'), 'the raw response');
    assert.equal(doc.includes(e2eKey), false, 'the key appears nowhere');

    await wb.page.evaluate(() => navigator.clipboard.writeText(''));
    await answer.hover();
    await answer.locator('[data-testid="copy-curl"]').click();
    const curl = await wb.clipboard();
    assert.ok(curl.startsWith(`curl '${url}'`), curl);
    assert.ok(curl.includes('"model":"test-model"'));
    assert.ok(curl.includes('$GATEWAY_API_KEY'));
    assert.equal(curl.includes(e2eKey), false, 'the key is not on the clipboard');

    // Pasted into a shell with the key in the environment, it sends the same request again
    // (asynchronously: the test gateway answers from this very process).
    const before = chatRequests(gw).at(-1)!.body;
    const { stdout } = await promisify(execFile)('sh', ['-c', curl], { env: { ...process.env, GATEWAY_API_KEY: e2eKey }, encoding: 'utf8', timeout: 20_000 });
    assert.match(stdout, /data: \[DONE\]/);
    assert.deepEqual(chatRequests(gw).at(-1)!.body, before);
    assert.equal(chatRequests(gw).at(-1)!.headers.authorization, `Bearer ${e2eKey}`);
  });

  it('"Forget Compatibility Fixes" forgets them: every field is sent again', async () => {
    const { gw, wb, panel } = c;
    await wb.runCommand('Gateway Chat: Forget Compatibility Fixes');
    await wb.answerQuickInput('All models');
    await wb.toast(/Forgotten/).waitFor({ timeout: 15_000 });
    gw.route('test-model', { rejectFields: [{ field: 'stream_options' }], answer: { content: 'Fresh start.' } });
    gw.requests.length = 0;
    await panel.send('Once more?');
    const answer = await panel.waitForAnswer();
    assert.deepEqual(sent().map((b) => [b.max_tokens, 'stream_options' in b]), [[256, true], [256, false]], 'both fixes forgotten, stream_options refused and healed again');
    assert.equal(await answer.locator('[data-testid="notice"]').count(), 1);
  });
});
