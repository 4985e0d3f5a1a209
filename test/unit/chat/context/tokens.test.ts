import assert from 'node:assert/strict';
import { Calibration } from '../../../../src/chat/context/calibration';
import { countRequestTokens, countTokens, IMAGE_TOKENS, LOW_DETAIL_IMAGE_TOKENS, tokenCounter } from '../../../../src/chat/context/tokens';
import type { ChatRequest } from '../../../../src/llm';

describe('token counting', () => {
  it('counts text with the tokenizer (not characters / 4)', async () => {
    assert.equal(await countTokens(''), 0);
    assert.equal(await countTokens('hello'), 1);
    const words = await countTokens('The quick brown fox jumps over the lazy dog.');
    assert.ok(words >= 9 && words <= 12, `${words}`);
    // Chinese takes far more tokens than a characters / 4 guess (100 here).
    assert.ok((await countTokens('你好世界'.repeat(100))) > 300);
  });

  it('counts a request: messages with their overhead, images as a fixed estimate, tools', async () => {
    const text: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hello there' }] };
    const base = await countRequestTokens(text);
    const withImage = await countRequestTokens({ model: 'm', messages: [{ role: 'user', content: [
      { type: 'text', text: 'hello there' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(100_000)}` } }] }] });
    assert.equal(withImage - base, IMAGE_TOKENS, 'the image costs its estimate, not its base64 length');
    const low = await countRequestTokens({ model: 'm', messages: [{ role: 'user', content: [
      { type: 'text', text: 'hello there' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } }] }] });
    assert.equal(low - base, LOW_DETAIL_IMAGE_TOKENS);
    const tools = await countRequestTokens({ ...text, tools: [{ type: 'function', function: { name: 'read_file', description: 'Read a file of the workspace', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }] });
    assert.ok(tools - base > 15, 'the tool schema counts');
    const toolTurn = await countRequestTokens({ model: 'm', messages: [
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/a.ts"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'export const a = 1;' }] });
    assert.ok(toolTurn > 15);
  });

  it('counts a 100k-token conversation again, with one new message, in well under 50 ms', async function () {
    this.timeout(60_000);
    const c = await tokenCounter();
    const paragraph = (i: number) => `Paragraph ${i}: the function parseConfig(path) reads ${i} settings from disk, checks each against the schema and returns a typed object. `.repeat(20);
    const messages = Array.from({ length: 200 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: paragraph(i) }));
    const first = c.request({ model: 'm', messages });
    assert.ok(first > 90_000, `the conversation is about 100k tokens (${first})`);
    messages.push({ role: 'user', content: 'one more question' });
    const start = performance.now();
    const again = c.request({ model: 'm', messages });
    const ms = performance.now() - start;
    assert.ok(again > first);
    assert.ok(ms < 50, `counted again in ${ms.toFixed(1)} ms`);
  });
});

describe('calibration: real prompt_tokens against our count, per model', () => {
  it('scales later counts by the last ratio, per model', () => {
    const c = new Calibration();
    assert.equal(c.scale('relay/qwen', 1000), 1000, 'nothing learned: as counted');
    c.observe('relay/qwen', 1000, 1300);
    assert.equal(c.scale('relay/qwen', 2000), 2600);
    assert.equal(c.scale('relay/gpt', 2000), 2000, 'another model keeps its own');
    c.observe('relay/qwen', 1000, 900);
    assert.equal(c.scale('relay/qwen', 2000), 1800, 'the last answer wins');
  });

  it('ignores absurd ratios and tiny prompts', () => {
    const c = new Calibration();
    c.observe('m', 1000, 10);
    c.observe('m', 1000, 100_000);
    c.observe('m', 10, 30);
    c.observe('m', 1000, undefined);
    assert.equal(c.ratio('m'), 1);
  });
});

describe('token counting: huge texts', () => {
  it('estimates a multi-megabyte text from samples, quickly and close to the full count', async () => {
    const c = await tokenCounter();
    const unit = 'function f(x) { return x * 2; } // doubles its argument\n';
    const huge = unit.repeat(Math.ceil(2_000_000 / unit.length));
    const start = performance.now();
    const n = c.text(huge);
    const ms = performance.now() - start;
    const exact = c.text(unit) * (huge.length / unit.length);
    assert.ok(Math.abs(n - exact) / exact < 0.1, `${n} against ${exact}`);
    assert.ok(ms < 500, `${ms.toFixed(0)} ms`);
  });
});
