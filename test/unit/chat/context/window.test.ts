import assert from 'node:assert/strict';
import { outputReserve, promptBudget, resolveBudget, windowFromModelEntry } from '../../../../src/chat/context/window';

// Entries as the gateways' public /models documentation shows them (trimmed to the fields that matter).
const entries: [string, unknown, number | undefined][] = [
  // OpenRouter GET /api/v1/models: context_length and top_provider.
  ['OpenRouter', { id: 'openai/gpt-4o', context_length: 128000, top_provider: { context_length: 128000, max_completion_tokens: 16384 } }, 128000],
  ['OpenRouter top_provider only', { id: 'x/y', top_provider: { context_length: 65536 } }, 65536],
  // vLLM's OpenAI server: max_model_len on each model card.
  ['vLLM', { id: 'Qwen/Qwen2.5-7B-Instruct', object: 'model', owned_by: 'vllm', max_model_len: 32768 }, 32768],
  // Groq: context_window.
  ['Groq', { id: 'llama-3.3-70b-versatile', context_window: 131072 }, 131072],
  // Mistral: max_context_length.
  ['Mistral', { id: 'mistral-large-latest', max_context_length: 131072 }, 131072],
  // LiteLLM proxy model info: max_input_tokens.
  ['LiteLLM', { id: 'claude-3-5-sonnet', max_input_tokens: 200000 }, 200000],
  // Gemini's native list: inputTokenLimit.
  ['Gemini', { name: 'models/gemini-2.0-flash', id: 'gemini-2.0-flash', inputTokenLimit: 1048576, outputTokenLimit: 8192 }, 1048576],
  // A one-api / new-api fork stating it as a string.
  ['numeric string', { id: 'qwen-max', context_length: '32768' }, 32768],
  // DeepSeek and DashScope list only ids.
  ['DeepSeek', { id: 'deepseek-chat', object: 'model', owned_by: 'deepseek' }, undefined],
  ['nonsense', { id: 'm', context_length: -5, max_model_len: 'lots' }, undefined],
];

describe('context window: discovery from /models and settings', () => {
  for (const [name, entry, want] of entries) {
    it(`reads ${name}`, () => assert.equal(windowFromModelEntry(entry), want));
  }

  it('prefers the gateway, falls back to contextWindow in settings, and unknown stays unknown', () => {
    assert.deepEqual(resolveBudget({ gateway: 128000, settings: { contextWindow: 8000 } }), { window: 128000, source: 'gateway', reserve: 4096 });
    assert.deepEqual(resolveBudget({ settings: { contextWindow: 8000 } }), { window: 8000, source: 'settings', reserve: 2000 });
    assert.deepEqual(resolveBudget({ settings: {} }), { reserve: 4096 });
    assert.equal(promptBudget(resolveBudget({ settings: {} })), undefined);
  });

  it('a window a refusal named wins when it is smaller', () => {
    assert.equal(resolveBudget({ gateway: 128000, settings: {}, learned: 65536 }).window, 65536);
    assert.equal(resolveBudget({ gateway: 32000, settings: {}, learned: 65536 }).window, 32000);
    assert.equal(resolveBudget({ settings: {}, learned: 65536 }).source, 'learned');
  });

  it('reserves max_tokens / max_completion_tokens for the answer, else 4k (a quarter of a small window)', () => {
    assert.equal(outputReserve({ params: { max_tokens: 1000 } }, 128000), 1000);
    assert.equal(outputReserve({ params: { max_completion_tokens: 9000 } }, 128000), 9000);
    assert.equal(outputReserve({ body: { max_tokens: 2048 } }), 2048);
    assert.equal(outputReserve({}, 128000), 4096);
    assert.equal(outputReserve({}, 6000), 1500);
    assert.equal(promptBudget({ window: 128000, reserve: 4096 }), 123904);
  });
});
