// The context window in real VS Code: a conversation driven past a small `contextWindow` keeps
// working. Requests stay under budget (counted with the extension's own tokenizer), a summary shows
// in the transcript and can be undone, the meter moves after answers and as the draft grows, and a
// gateway refusing for length is healed once. One VS Code for the whole file.
import assert from 'node:assert/strict';
import { until, waitForCount } from '../harness/chatPanel';
import { countRequestTokens } from '../../src/chat/context/tokens';
import { promptBudget, resolveBudget } from '../../src/chat/context/window';
import { summaryInstruction } from '../../src/chat/context/summarise';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

const window = 1200;
const settings = { contextWindow: window };
const budget = promptBudget(resolveBudget({ settings }))!;
const note = (i: number) => `Note ${i}: ${'the parser keeps a stack of open brackets and pops one at each close. '.repeat(12)}`;

describe('the context window: compaction keeps a long conversation going', function () {
  let c: Connected;
  before(async () => {
    c = await connect('e2e-context', {
      settings: {
        'gatewayChat.models': { 'test/test-model': settings },
        'gatewayChat.compaction.model': 'test/summary-model',
        'gatewayChat.tools.enabled': false,
      },
    });
    c.gw.route('test-model', { answer: { content: 'Noted.' } });
    c.gw.route('summary-model', { answer: { content: 'Summary: the user wrote notes about a bracket parser.' } });
  });
  after(async () => disconnect(c));

  const isSummary = (body: any) => String(body?.messages?.at(-1)?.content ?? '').startsWith(summaryInstruction);
  const sent = () => chatRequests(c.gw).map((r) => r.body);
  const meter = () => c.panel.view.locator('[data-testid="context-meter"]');
  const ratio = async () => Number(await meter().getAttribute('data-ratio'));

  it('drives past the window: every request stays under budget, a summary shows, the meter moves', async () => {
    const { panel } = c;
    const ratios: number[] = [];
    for (let i = 0; i < 10 && !(await panel.view.locator('[data-testid="summary"]').count()); i++) {
      const before = ratios.at(-1);
      await panel.send(note(i));
      await panel.waitForAnswer();
      await until('the meter is measured again', async () => (await meter().getAttribute('data-ratio')) !== null && (await ratio()) !== before);
      ratios.push(await ratio());
    }
    const summary = panel.view.locator('[data-testid="summary"]').first();
    await summary.waitFor({ timeout: 5_000 });
    assert.match(await summary.innerText(), /Summary of \d+ earlier messages/);
    assert.match(await summary.textContent() ?? '', /bracket parser/, 'the summary text is in the DOM (collapsed)');
    assert.ok(ratios[1] > ratios[0], `the meter rose after an answer: ${ratios.join(', ')}`);
    assert.match(await meter().innerText(), /^\d+(\.\d)?k? \/ 1\.2k$/);
    const summaries = sent().filter(isSummary);
    assert.equal(summaries.length, 1, 'one summarising request');
    assert.equal(summaries[0].model, 'summary-model', 'gatewayChat.compaction.model wrote it');
    for (const body of sent().filter((b) => !isSummary(b))) {
      const tokens = await countRequestTokens(body);
      assert.ok(tokens <= budget, `a request of ${tokens} tokens went over the budget of ${budget}`);
    }
    assert.ok(JSON.stringify(sent().at(-1)).includes('bracket parser'), 'the summary went with the request');
    assert.ok(await panel.view.locator('[data-testid="message"][data-summarised="true"]').count() > 0, 'the originals stay, marked');
    assert.match(await panel.lastAssistant().locator('[data-testid="notice"]').innerText(), /summarised/);
  });

  it('the meter follows the draft', async () => {
    const before = await ratio();
    await c.panel.composer.fill(note(99).repeat(3));
    await until('the draft is counted', async () => (await ratio()) > before);
    await c.panel.composer.fill('');
    await until('the draft is gone from the count', async () => Math.abs((await ratio()) - before) < 0.001);
  });

  it('undo: the summary expands back and its messages are no longer marked', async () => {
    const { panel } = c;
    const summary = panel.view.locator('[data-testid="summary"]').last();
    await summary.hover();
    await summary.locator('[data-testid="undo-summary"]').click();
    await waitForCount(panel.view.locator('[data-testid="message"][data-summarised="true"]'), 0);
    await until('the summary says it was undone', async () => /undone/.test(await panel.view.locator('[data-testid="summary"]').last().innerText()));
  });

  it('a gateway refusing for length: compacted once, sent once more, said in a notice', async () => {
    const { gw, panel } = c;
    // The gateway's real limit is smaller than the window settings claim: a request the extension
    // thinks fits (up to ~900 tokens, several thousand characters) is refused.
    gw.route('test-model', { contextLimit: { chars: 1500, window: 300 }, answer: { content: 'Healed after compaction.' } });
    gw.requests.length = 0;
    await panel.send('A short question after all those notes?');
    const answer = await panel.waitForAnswer('complete', 60_000);
    await answer.locator('[data-testid="message-content"]', { hasText: 'Healed after compaction.' }).waitFor();
    const main = sent().filter((b) => !isSummary(b));
    const sizes = main.map((b) => JSON.stringify(b).length);
    assert.ok(sizes.at(-1)! <= 1500, `the last request fits: ${sizes.join(', ')}`);
    assert.equal(sizes.filter((s) => s > 1500).length, 1, `refused once, healed once: ${sizes.join(', ')}`);
    // textContent: the answer may be scrolled out of view (off-screen messages are not laid out).
    assert.match(await answer.locator('[data-testid="notice"]').allTextContents().then((t) => t.join('\n')), /refused the conversation as too long for the model \(300 tokens\)/);
    // The window it named is remembered: the next send goes under it the first time.
    gw.requests.length = 0;
    await panel.send('One more short question.');
    await panel.waitForAnswer();
    assert.ok(sent().filter((b) => !isSummary(b)).every((b) => JSON.stringify(b).length <= 1500), 'no refusal this time');
  });

  it('Gateway Chat: Compact Conversation summarises on demand', async () => {
    const { wb, panel } = c;
    const before = await panel.view.locator('[data-testid="summary"]').count();
    await wb.runCommand('Gateway Chat: Compact Conversation');
    await until('a new summary shows', async () => (await panel.view.locator('[data-testid="summary"]').count()) > before, 30_000);
  });
});
