import assert from 'node:assert/strict';
import { applySettings, settingsFor } from '../../../src/chat/request/modelSettings';

describe('per-model settings', () => {
  const all = {
    '*/deepseek-*': { params: { temperature: 0.5 }, omit: ['parallel_tool_calls'] },
    'relay/deepseek-*': { params: { temperature: 0.6, top_p: 0.9 }, body: { extra_body: { enable_thinking: true } } },
    'relay/deepseek-ai/DeepSeek-R1': { params: { max_tokens: 8192 }, omit: ['stream_options'], capabilities: { tools: false } },
    'other/*': { params: { temperature: 0 } },
    'broken': 'not an object',
  };

  it('merges every matching entry, the more specific later', () => {
    assert.deepEqual(settingsFor(all, 'relay/deepseek-ai/DeepSeek-R1'), {
      params: { temperature: 0.6, top_p: 0.9, max_tokens: 8192 },
      body: { extra_body: { enable_thinking: true } },
      omit: ['parallel_tool_calls', 'stream_options'],
      capabilities: { tools: false },
    });
    assert.deepEqual(settingsFor(all, 'mirror/deepseek-v3'), { params: { temperature: 0.5 }, omit: ['parallel_tool_calls'] });
    assert.deepEqual(settingsFor(all, 'relay/gpt-4o'), {});
    assert.deepEqual(settingsFor(undefined, 'relay/gpt-4o'), {});
  });

  it('applies params under the request and deep-merges the body over it', () => {
    const request = { model: 'deepseek-ai/DeepSeek-R1', messages: [], extra_body: { top_k: 20 } };
    const applied = applySettings(request, settingsFor(all, 'relay/deepseek-ai/DeepSeek-R1'));
    assert.deepEqual(applied, {
      temperature: 0.6, top_p: 0.9, max_tokens: 8192, model: 'deepseek-ai/DeepSeek-R1', messages: [],
      extra_body: { top_k: 20, enable_thinking: true },
    });
    assert.deepEqual(applySettings({ model: 'm' }, {}), { model: 'm' }, 'unset means not sent');
  });

  it('merges prices, the more specific entry winning per price', () => {
    const priced = {
      'relay/*': { prices: { input: 1, output: 2, currency: '$' } },
      'relay/deepseek-r1': { prices: { output: 3 } },
    };
    assert.deepEqual(settingsFor(priced, 'relay/deepseek-r1').prices, { input: 1, output: 3, currency: '$' });
    assert.equal(settingsFor(priced, 'other/x').prices, undefined);
  });
});

describe('per-model settings: the system prompt and role', () => {
  it('the most specific entry decides each of them; unknown values are ignored', () => {
    const all = {
      'relay/*': { systemPrompt: 'GLOB', systemRole: 'developer', systemPromptMode: 'append' },
      'relay/o1': { systemPrompt: 'EXACT', systemRole: 'user' },
      'relay/odd': { systemRole: 'assistant', systemPromptMode: 'sideways' },
    };
    assert.deepEqual(settingsFor(all, 'relay/o1'), { systemPrompt: 'EXACT', systemRole: 'user', systemPromptMode: 'append' });
    assert.deepEqual(settingsFor(all, 'relay/odd'), { systemPrompt: 'GLOB', systemRole: 'developer', systemPromptMode: 'append' });
  });
});
