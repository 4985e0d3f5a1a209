import assert from 'node:assert/strict';
import { answerCost, priceAnswer } from '../../../src/chat/answers/cost';
import type { UsageInfo } from '../../../src/shared/conversation';

describe('cost of an answer', () => {
  const prices = { input: 2, cachedInput: 0.5, output: 8 };

  it('prices uncached prompt, cached prompt and completion tokens per million', () => {
    const got = answerCost({ promptTokens: 1000, cachedTokens: 400, completionTokens: 250 }, prices);
    // 600 * 2 + 400 * 0.5 + 250 * 8 = 1200 + 200 + 2000 = 3400 per million
    assert.equal(got?.cost, 0.0034);
    assert.equal(got?.currency, '$');
  });

  it('charges cached tokens at the input price when no cached price is set', () => {
    assert.equal(answerCost({ promptTokens: 1000, cachedTokens: 400, completionTokens: 0 }, { input: 2, output: 8 })?.cost, 0.002);
  });

  it('uses the currency given with the prices', () => {
    assert.deepEqual(answerCost({ promptTokens: 1_000_000, completionTokens: 0 }, { input: 4, output: 16, currency: '¥' }), { cost: 4, currency: '¥' });
  });

  it('gives no cost when a price or a token count is unknown', () => {
    assert.equal(answerCost({ promptTokens: 10, completionTokens: 5 }, undefined), undefined);
    assert.equal(answerCost({ promptTokens: 10, completionTokens: 5 }, { input: 1 }), undefined);
    assert.equal(answerCost({ promptTokens: 10, completionTokens: 5 }, { output: 1 }), undefined);
    assert.equal(answerCost({ durationMs: 20 }, prices), undefined, 'the gateway sent no usage');
    assert.equal(answerCost(undefined, prices), undefined);
  });

  it('never counts more cached tokens than prompt tokens', () => {
    assert.equal(answerCost({ promptTokens: 100, cachedTokens: 500, completionTokens: 0 }, { input: 10, cachedInput: 1, output: 0 })?.cost, 0.0001);
  });

  it('sets cost and currency on the usage it prices, and leaves unpriced usage alone', () => {
    const usage: UsageInfo = { promptTokens: 1000, completionTokens: 1000 };
    priceAnswer(usage, { input: 1, output: 3, currency: '€' });
    assert.deepEqual(usage, { promptTokens: 1000, completionTokens: 1000, cost: 0.004, currency: '€' });
    const unpriced: UsageInfo = { promptTokens: 1 };
    priceAnswer(unpriced, prices);
    assert.deepEqual(unpriced, { promptTokens: 1 });
  });
});
