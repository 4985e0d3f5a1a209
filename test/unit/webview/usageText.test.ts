import assert from 'node:assert/strict';
import { formatCost, totalsText, usageText } from '../../../src/webview/transcript/usageText';

describe('usage line: cost', () => {
  it('formats a cost with sensible precision', () => {
    assert.equal(formatCost(0.0012345), '$0.0012');
    assert.equal(formatCost(0.5), '$0.50');
    assert.equal(formatCost(0.0123), '$0.012');
    assert.equal(formatCost(12.345, '¥'), '¥12.35');
    assert.equal(formatCost(0), '$0');
    assert.equal(formatCost(0.000000042), '$0.000000042');
  });

  it('shows the answer cost after the token counts', () => {
    assert.equal(usageText({ promptTokens: 10, completionTokens: 5, cost: 0.0034, currency: '$' }), 'prompt 10 · completion 5 · $0.0034');
    assert.equal(usageText({ promptTokens: 10, completionTokens: 5 }), 'prompt 10 · completion 5', 'no prices, no cost');
  });

  it('adds the costs of a conversation, per currency', () => {
    const a = (usage: object) => ({ role: 'assistant', usage });
    assert.equal(totalsText([a({ promptTokens: 10, completionTokens: 5 })]), 'Conversation: 10 prompt + 5 completion tokens');
    assert.equal(totalsText([
      a({ promptTokens: 10, completionTokens: 5, cost: 0.001, currency: '$' }),
      { role: 'user' },
      a({ promptTokens: 20, completionTokens: 5 }),
      a({ promptTokens: 10, completionTokens: 5, cost: 0.002, currency: '$' }),
      a({ promptTokens: 1, completionTokens: 1, cost: 0.5, currency: '¥' }),
    ]), 'Conversation: 41 prompt + 16 completion tokens · $0.0030 + ¥0.50');
  });
});
