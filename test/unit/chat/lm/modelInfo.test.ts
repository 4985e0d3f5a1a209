import assert from 'node:assert/strict';
import { DEFAULT_WINDOW, lmModels, modelWindow } from '../../../../src/chat/lm/modelInfo';
import { settingsFor } from '../../../../src/chat/request/modelSettings';

describe('the models VS Code is told about', () => {
  it('lists every endpoint\'s models as <endpointId>/<modelId> with capabilities always present', () => {
    const all = { 'relay/old-*': { capabilities: { tools: false, vision: false } }, 'relay/deepseek-ai/DeepSeek-R1': { contextWindow: 64_000, params: { max_tokens: 8000 } } };
    const models = lmModels([
      { endpointId: 'relay', endpointName: 'My relay', models: ['deepseek-ai/DeepSeek-R1', 'old-model'] },
      { endpointId: 'down', endpointName: 'Down', models: [], error: 'No key' },
    ], (ref) => settingsFor(all, ref));
    assert.deepEqual(models.map((m) => [m.id, m.name, m.family, m.detail]), [
      ['relay/deepseek-ai/DeepSeek-R1', 'deepseek-ai/DeepSeek-R1', 'DeepSeek-R1', 'My relay'],
      ['relay/old-model', 'old-model', 'old-model', 'My relay'],
    ]);
    assert.deepEqual(models[0].capabilities, { imageInput: true, toolCalling: true });
    assert.deepEqual(models[1].capabilities, { imageInput: false, toolCalling: false });
    assert.deepEqual([models[0].maxInputTokens, models[0].maxOutputTokens], [56_000, 8000]);
    assert.equal(models[1].maxInputTokens + models[1].maxOutputTokens, DEFAULT_WINDOW);
  });

  it('takes the window from /models when the settings have none', () => {
    assert.deepEqual(modelWindow({}, { context_length: 200_000, top_provider: { max_completion_tokens: 32_000 } }), { maxInputTokens: 168_000, maxOutputTokens: 32_000 });
    assert.deepEqual(modelWindow({}, { max_model_len: 8192 }), { maxInputTokens: 6144, maxOutputTokens: 2048 });
    assert.deepEqual(modelWindow({ params: { max_tokens: -1 } }, { context_window: 'big' }).maxOutputTokens, 8192, 'nonsense is ignored');
  });

  it('chooses the window as the panel does: /models over the settings, a smaller window a refusal named over both', () => {
    assert.equal(modelWindow({ contextWindow: 32_000 }, { context_length: 200_000 }).maxInputTokens + modelWindow({ contextWindow: 32_000 }, { context_length: 200_000 }).maxOutputTokens, 200_000);
    assert.deepEqual(modelWindow({ contextWindow: 32_000 }, undefined, 16_000), { maxInputTokens: 12_000, maxOutputTokens: 4000 });
    assert.deepEqual(modelWindow({}, { context_length: 200_000 }, 64_000), { maxInputTokens: 55_808, maxOutputTokens: 8192 });
    assert.equal(modelWindow({}, { context_length: 8192 }, 64_000).maxInputTokens, 6144, 'a learned window never widens a stated one');
    const models = lmModels([{ endpointId: 'relay', endpointName: 'R', models: ['m'] }], () => ({}), () => undefined, (ref) => (ref === 'relay/m' ? 20_000 : undefined));
    assert.equal(models[0].maxInputTokens + models[0].maxOutputTokens, 20_000);
  });
});
