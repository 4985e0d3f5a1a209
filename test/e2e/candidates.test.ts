import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { ChatPanel, until, waitForCount } from '../harness/chatPanel';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

const first = 'First answer: count with a **Map**.';
const second = 'Second answer: count with a plain object.';
const lp = (p: number) => Math.log(p);

const candidateText = async (candidate: Locator) => ((await candidate.locator('.candidate-content').textContent()) ?? '').trim();

describe('n candidates and token probabilities in the panel', function () {
  let c: Connected;
  before(async () => (c = await connect('e2e-candidates', {
    settings: {
      'gatewayChat.models': {
        'test/test-model': { params: { n: 2 } },
        'test/logprob-model': { params: { logprobs: true, top_logprobs: 2 } },
      },
    },
  })));
  after(async () => disconnect(c));

  it('streams two candidates side by side on a wide panel and as tabs on a narrow one', async () => {
    const { gw, panel, wb } = c;
    gw.route('test-model', { answer: { choices: [{ content: first }, { content: second, finishReason: 'length' }] }, stream: { pieces: 8, delayMs: 120 } });
    await panel.send('How do I count words in JavaScript?');
    const answer = panel.lastAssistant();
    const candidates = answer.locator('[data-testid="candidate"]');
    // Both stream live: the second candidate shows text while the answer is still streaming.
    await until('the second candidate streams', async () => (await candidates.count()) === 2 && (await candidateText(candidates.nth(1))).length > 0);
    assert.equal(await answer.getAttribute('data-status'), 'streaming');
    await panel.waitForAnswer();
    assert.equal(chatRequests(gw).at(-1)!.body.n, 2, 'the request asked for two candidates');

    await waitForCount(candidates, 2);
    assert.equal(await candidateText(candidates.nth(0)), first.replace(/\*\*/g, ''));
    assert.equal(await candidates.nth(0).locator('strong').textContent(), 'Map', 'each candidate is rendered markdown');
    assert.equal(await candidateText(candidates.nth(1)), second);
    assert.deepEqual(await candidates.evaluateAll((n) => n.map((e) => [e.getAttribute('data-index'), e.getAttribute('data-chosen')])), [['0', 'true'], ['1', 'false']]);
    assert.match(await candidates.nth(1).locator('[data-testid="candidate-finish"]').textContent() ?? '', /length/, 'a finish reason other than stop is shown');
    assert.equal(await candidates.nth(0).locator('[data-testid="candidate-finish"]').isVisible(), false);

    // The side bar is narrow: one candidate at a time, behind tabs.
    const tabs = answer.locator('[data-testid="candidate-tab"]');
    await tabs.first().waitFor();
    assert.equal(await candidates.nth(0).isVisible(), true);
    assert.equal(await candidates.nth(1).isVisible(), false);
    await tabs.nth(1).click();
    await candidates.nth(1).waitFor({ state: 'visible' });
    assert.equal(await candidates.nth(0).isVisible(), false);

    // Widened, the panel shows them side by side.
    const sidebar = (await wb.page.locator('.part.sidebar').boundingBox())!;
    await wb.page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + sidebar.height / 2);
    await wb.page.mouse.down();
    await wb.page.mouse.move(sidebar.x + 1000, sidebar.y + sidebar.height / 2, { steps: 10 });
    await wb.page.mouse.up();
    await until('both candidates show', async () => (await candidates.nth(0).isVisible()) && (await candidates.nth(1).isVisible()));
    assert.equal(await tabs.first().isVisible(), false, 'no tabs when there is room');
    const [a, b] = [(await candidates.nth(0).boundingBox())!, (await candidates.nth(1).boundingBox())!];
    assert.ok(b.x >= a.x + a.width - 1 && Math.abs(a.y - b.y) < 2, 'side by side');
  });

  it('continues the conversation with the candidate the user picks', async () => {
    const { gw, panel, wb } = c;
    const answer = panel.lastAssistant();
    const candidates = answer.locator('[data-testid="candidate"]');
    await candidates.nth(1).locator('[data-testid="choose-candidate"]').click();
    await answer.locator('[data-testid="candidate"][data-index="1"][data-chosen="true"]').waitFor();
    assert.equal(await candidates.nth(0).getAttribute('data-chosen'), 'false');
    assert.equal(await candidates.nth(1).locator('[data-testid="choose-candidate"]').isDisabled(), true);

    await answer.locator('.message-footer [data-testid="copy"]').click();
    assert.equal(await wb.clipboard(), second, 'copy takes the chosen candidate');

    gw.route('test-model', { answer: { choices: [{ content: 'Then sort the entries.' }, { content: 'Then print them.' }] } });
    await panel.send('And then?');
    await panel.waitForAnswer();
    assert.deepEqual(chatRequests(gw).at(-1)!.body.messages, [
      { role: 'user', content: 'How do I count words in JavaScript?' },
      { role: 'assistant', content: second },
      { role: 'user', content: 'And then?' },
    ]);
  });

  it('keeps the candidates and the choice across a window reload', async () => {
    const { wb } = c;
    await wb.reload();
    c.panel = await ChatPanel.open(wb);
    const answer = c.panel.messages('assistant').first();
    const candidates = answer.locator('[data-testid="candidate"]');
    await waitForCount(candidates, 2, 30_000);
    assert.equal(await candidateText(candidates.nth(0)), first.replace(/\*\*/g, ''));
    assert.equal(await candidateText(candidates.nth(1)), second);
    assert.deepEqual(await candidates.evaluateAll((n) => n.map((e) => e.getAttribute('data-chosen'))), ['false', 'true']);
    assert.equal(await c.panel.lastAssistant().locator('[data-testid="candidate"]').count(), 2);
  });

  it('shows each token\'s probability and alternatives when logprobs are requested', async () => {
    const { gw, panel } = c;
    await panel.view.locator('[data-testid="new-chat"]').click();
    await panel.messages().first().waitFor({ state: 'detached' });
    await panel.view.locator('[data-testid="model-picker"]').click();
    await panel.view.locator('[data-testid="model-search"]').fill('logprob-model');
    await panel.view.locator('[data-testid="model-option"]', { hasText: 'logprob-model' }).first().click();
    await c.wb.page.locator('.statusbar-item', { hasText: 'logprob-model' }).waitFor({ timeout: 10_000 });
    gw.route('logprob-model', {
      answer: {
        content: 'Hello world',
        logprobs: [
          { token: 'Hello', logprob: lp(0.9), top_logprobs: [{ token: 'Hello', logprob: lp(0.9) }, { token: 'Hi', logprob: lp(0.08) }] },
          { token: ' world', logprob: lp(0.25), top_logprobs: [{ token: ' there', logprob: lp(0.6) }, { token: ' world', logprob: lp(0.25) }] },
        ],
      },
      stream: { pieces: 2 },
    });
    await panel.send('Greet me');
    const answer = await panel.waitForAnswer();
    const body = chatRequests(gw).at(-1)!.body;
    assert.equal(body.logprobs, true);
    assert.equal(body.top_logprobs, 2);
    assert.equal('n' in body, false, 'n belongs to the other model');

    await answer.locator('[data-testid="logprobs-toggle"]').click();
    const tokens = answer.locator('[data-testid="token"]');
    await waitForCount(tokens, 2);
    assert.deepEqual(await tokens.allTextContents(), ['Hello', ' world']);
    const tip = answer.locator('[data-testid="token-tip"]');
    await tokens.nth(1).hover();
    await tip.waitFor({ state: 'visible' });
    assert.match(await tip.innerText(), /25\.0%/);
    assert.match(await tip.innerText(), /" there"\s*60\.0%/);
    // The keyboard reaches it too: focus shows the tip of the focused token.
    await panel.composer.hover();
    await tip.waitFor({ state: 'hidden' });
    await tokens.nth(0).focus();
    await tip.waitFor({ state: 'visible' });
    assert.match(await tip.innerText(), /"Hello"\s*90\.0%[\s\S]*"Hi"\s*8\.0%/);
  });
});
