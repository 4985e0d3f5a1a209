import assert from 'node:assert/strict';
import { fixesFor, mergeFixes, parseFix, wantsResponsesApi } from '../../../src/chat/request/compatibility';
import { settingsFor } from '../../../src/chat/request/modelSettings';
import { editedEntry } from '../../../src/chat/request/modelSettingsEdit';
import { answerCost } from '../../../src/chat/answers/cost';
import { entryFromForm, formFromEntry } from '../../../src/shared/modelSettingsForm';
import { isFormSettings } from '../../../src/shared/modelSettingsShape';

describe('wire format settings: api, promptCache, cacheWrite', () => {
  it('the form shows and saves api, promptCache and the cache-write price; an unknown api is refused', () => {
    const entry = { api: 'anthropic', promptCache: false, prices: { input: 3, cacheWrite: 3.75 } };
    const form = formFromEntry(entry);
    assert.deepEqual([form.api, form['prompt-cache'], form['price-cache-write']], ['anthropic', 'off', '3.75']);
    const back = entryFromForm(form);
    assert.ok(back.ok);
    assert.deepEqual(back.ok && [back.settings.api, back.settings.promptCache, back.settings.prices], ['anthropic', false, { input: 3, cacheWrite: 3.75 }]);
    assert.ok(isFormSettings({ api: 'responses', promptCache: true, prices: { cacheWrite: 1 } }));
    assert.equal(isFormSettings({ api: 'grpc' }), false);
    assert.equal(isFormSettings({ promptCache: 'yes' }), false);
    assert.deepEqual(editedEntry({ api: 'responses', other: 1 }, {}), { other: 1 }, 'a cleared api leaves the entry');
  });

  it('settings merge: the more specific entry names the api', () => {
    const s = settingsFor({ '*/claude-*': { api: 'anthropic', promptCache: true }, 'relay/claude-x': { api: 'chat' } }, 'relay/claude-x');
    assert.deepEqual([s.api, s.promptCache], ['chat', true]);
  });

  it('"use the Responses API" refusals, in the words gateways use, move a chat request there', () => {
    const chat = { model: 'm', messages: [] };
    for (const message of [
      'This model is only supported in v1/responses and not in v1/chat/completions.',
      'Please use the Responses API for this model',
      'The chat/completions endpoint is not supported for this model',
      'unsupported endpoint',
    ]) {
      assert.ok(wantsResponsesApi({ kind: 'badRequest', message }), message);
      assert.deepEqual(fixesFor({ kind: 'badRequest', message, status: 400 }, chat), [{ api: 'responses' }], message);
    }
    assert.equal(wantsResponsesApi({ kind: 'badRequest', message: 'Invalid model name' }), false);
    assert.equal(wantsResponsesApi({ kind: 'rateLimit', message: 'use the Responses API' }), false);
    assert.deepEqual(fixesFor({ kind: 'badRequest', message: 'use the Responses API' }, { model: 'm', input: [] }), [], 'a Responses request does not move again');
    assert.deepEqual(fixesFor({ kind: 'badRequest', message: 'unsupported endpoint', status: 400 }, { model: 'm', max_tokens: 1024, messages: [] }, '', 'anthropic'), [],
      'an Anthropic Messages request (it has messages too) keeps the format the user chose');
  });

  it('the api fix is stored, read back once, and merges without duplicates', () => {
    assert.deepEqual(parseFix({ api: 'responses' }), { api: 'responses' });
    assert.equal(parseFix({ api: 'grpc' }), undefined);
    assert.deepEqual(mergeFixes([{ api: 'responses' }, { omit: ['seed'] }], [{ api: 'responses' }]), [{ api: 'responses' }, { omit: ['seed'] }]);
  });

  it('cost: cache writes at their price, reads at theirs, the rest at the input price', () => {
    const priced = answerCost({ promptTokens: 1000, cachedTokens: 600, cacheWriteTokens: 300, completionTokens: 10 }, { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 });
    assert.ok(priced && Math.abs(priced.cost - (100 * 3 + 600 * 0.3 + 300 * 3.75 + 10 * 15) / 1e6) < 1e-12);
    const noWritePrice = answerCost({ promptTokens: 1000, cacheWriteTokens: 300, completionTokens: 0 }, { input: 3, output: 15 });
    assert.ok(noWritePrice && Math.abs(noWritePrice.cost - 1000 * 3 / 1e6) < 1e-12);
  });
});
