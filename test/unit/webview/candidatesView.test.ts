// The panel's candidates and token-probability views, in jsdom.
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { MessageRecord } from '../../../src/shared/conversation';
import { CandidatesView } from '../../../src/webview/answers/candidatesView';
import * as logprobs from '../../../src/webview/answers/logprobsView';
import { installWebviewGlobals } from './webviewGlobals';

const dom = new JSDOM('<!doctype html><body></body>');

describe('webview: candidates and token probabilities', () => {
  // The views build their nodes with the global document, as in the webview.
  let restore: () => void;
  before(() => (restore = installWebviewGlobals(dom.window)));
  after(() => restore());

  const message = (over: Partial<MessageRecord>): MessageRecord => ({ id: 'a1', role: 'assistant', content: '', status: 'complete', createdAt: 0, ...over });
  const texts = (root: HTMLElement) => [...root.querySelectorAll('[data-testid="candidate"] .candidate-content')].map((n) => n.textContent?.trim());

  it('streams each choice into its own candidate and marks the chosen one when the answer settles', () => {
    const chosen: number[] = [];
    const view = new CandidatesView('a1', {}, (i) => chosen.push(i));
    view.append(0, 'Use **a Map**', '');
    view.append(1, 'Use an', 'thinking');
    view.append(1, ' object', '');
    assert.deepEqual(texts(view.root), ['Use a Map', 'Use an object']);
    const buttons = [...view.root.querySelectorAll<HTMLButtonElement>('[data-testid="choose-candidate"]')];
    assert.ok(buttons.every((b) => b.disabled), 'nothing to choose while it streams');
    view.update(message({ content: 'Use **a Map**', chosen: 0, candidates: [{ content: 'Use **a Map**', finishReason: 'stop' }, { content: 'Use an object', reasoning: 'thinking', finishReason: 'length' }] }));
    const panes = [...view.root.querySelectorAll<HTMLElement>('[data-testid="candidate"]')];
    assert.deepEqual(panes.map((p) => [p.dataset.index, p.dataset.chosen]), [['0', 'true'], ['1', 'false']]);
    assert.equal(panes[0].querySelector('strong')?.textContent, 'a Map', 'rendered as markdown');
    assert.equal(panes[1].querySelector<HTMLElement>('[data-testid="candidate-finish"]')?.hidden, false, 'a finish reason other than stop shows');
    assert.equal(panes[0].querySelector<HTMLElement>('[data-testid="candidate-finish"]')?.hidden, true);
    buttons[1].click();
    assert.deepEqual(chosen, [1]);
  });

  it('leaves finished candidates alone when the message updates again', () => {
    const view = new CandidatesView('a2', {}, () => undefined);
    const m = message({ id: 'a2', chosen: 0, candidates: [{ content: 'one\n\ntwo' }, { content: 'three' }] });
    view.update(m);
    const first = view.root.querySelector('[data-testid="candidate"] p');
    view.update({ ...m, chosen: 1, content: 'three' });
    assert.equal(view.root.querySelector('[data-testid="candidate"] p'), first, 'the same nodes: not re-rendered');
    assert.deepEqual([...view.root.querySelectorAll<HTMLElement>('[data-testid="candidate"]')].map((p) => p.dataset.chosen), ['false', 'true']);
  });

  it('shows tokens shaded by probability, with percentages and alternatives on focus', () => {
    assert.equal(logprobs.percent(Math.log(0.9234)), '92.3%');
    assert.equal(logprobs.percent(0), '100%');
    assert.equal(logprobs.percent(-20), '<0.1%');
    const view = new logprobs.LogprobsView();
    const message = Object.assign(dom.window.document.createElement('div'), { className: 'message' });
    message.append(view.root);
    dom.window.document.body.append(message);
    view.set([
      { token: 'Hello', logprob: Math.log(0.9), top: [{ token: 'Hello', logprob: Math.log(0.9) }, { token: 'Hi', logprob: Math.log(0.08) }] },
      { token: ' world', logprob: Math.log(0.3), top: [] },
    ]);
    assert.equal(view.root.hidden, true);
    view.toggle.click();
    assert.equal(view.toggle.getAttribute('aria-pressed'), 'true');
    const tokens = [...view.root.querySelectorAll<HTMLElement>('[data-testid="token"]')];
    assert.deepEqual(tokens.map((t) => [t.textContent, t.dataset.band, t.tabIndex]), [['Hello', '4', 0], [' world', '1', -1]]);
    tokens[0].focus();
    const tip = view.root.querySelector<HTMLElement>('[data-testid="token-tip"]')!;
    assert.equal(tip.hidden, false);
    assert.equal(tip.querySelector('[data-testid="token-probability"]')?.textContent, '90.0%');
    assert.deepEqual([...tip.querySelectorAll('[data-testid="token-alternative"]')].map((n) => n.textContent), ['"Hello" 90.0%', '"Hi" 8.0%']);
    assert.equal(tokens[0].getAttribute('aria-describedby'), tip.id);
    assert.ok(message.classList.contains('showing-tip'), 'the message lets the tip overflow it (panel.css)');
    tokens[0].dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    assert.equal(dom.window.document.activeElement, tokens[1], 'arrows move between tokens');
    assert.equal(tip.querySelector('[data-testid="token-probability"]')?.textContent, '30.0%');
    tokens[1].dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    assert.equal(tip.hidden, true);
    assert.ok(!message.classList.contains('showing-tip'), 'and clips again once it is hidden');
  });
});
