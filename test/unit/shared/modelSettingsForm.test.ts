import assert from 'node:assert/strict';
import { entryFromForm, formFromEntry, type FormValues } from '../../../src/shared/modelSettingsForm';
import { isFormSettings } from '../../../src/shared/modelSettingsShape';
import { parseWebviewMessage } from '../../../src/shared/protocol';

const blank = (): FormValues => formFromEntry({});
const form = (values: FormValues) => ({ ...blank(), ...values });

describe('model settings form: mapping to gatewayChat.models', () => {
  it('an empty form is an empty entry: nothing is sent', () => {
    assert.deepEqual(entryFromForm(blank()), { ok: true, settings: {} });
    assert.ok(Object.values(blank()).every((v) => v === '' || v === 'top'));
  });

  it('maps every field onto params, body, omit, capabilities, toolFormat and prices', () => {
    const result = entryFromForm(form({
      temperature: '0.3', top_p: '0.9', top_k: '40', min_p: '0.05', max_tokens: '256', max_completion_tokens: '512',
      stop: 'END\n###, STOP', presence_penalty: '-0.5', frequency_penalty: '0.5', repetition_penalty: '1.1', seed: '7',
      logit_bias: '{"50256": -100}', user: ' alice ', stream: 'off', reasoning_effort: 'high',
      enable_thinking: 'true', enable_thinking_in: 'extra_body', separate_reasoning: 'true',
      'extra-body': '{"extra_body": {"top_k": 20}, "thinking": {"type": "enabled"}}', omit: 'stream_options, parallel_tool_calls',
      'capability-tools': 'off', 'capability-vision': 'on', 'capability-json': 'off', 'tool-format': 'functions',
      'price-input': '2', 'price-cached': '0.5', 'price-output': '8', currency: '¥',
    }));
    assert.deepEqual(result, {
      ok: true,
      settings: {
        params: {
          temperature: 0.3, top_p: 0.9, top_k: 40, min_p: 0.05, max_tokens: 256, max_completion_tokens: 512,
          presence_penalty: -0.5, frequency_penalty: 0.5, repetition_penalty: 1.1, seed: 7,
          stop: ['END', '###, STOP'], logit_bias: { 50256: -100 }, user: 'alice', stream: false, reasoning_effort: 'high', separate_reasoning: true,
        },
        body: { extra_body: { top_k: 20, enable_thinking: true }, thinking: { type: 'enabled' } },
        omit: ['stream_options', 'parallel_tool_calls'],
        capabilities: { tools: false, vision: true, json: false },
        toolFormat: 'functions',
        prices: { input: 2, cachedInput: 0.5, output: 8, currency: '¥' },
      },
    });
    assert.ok(result.ok && isFormSettings(result.settings), 'what the form saves passes the host check');
  });

  it('puts enable_thinking top-level or inside extra_body, as chosen', () => {
    assert.deepEqual(entryFromForm(form({ enable_thinking: 'false', enable_thinking_in: 'top' })), { ok: true, settings: { params: { enable_thinking: false } } });
    assert.deepEqual(entryFromForm(form({ enable_thinking: 'true', enable_thinking_in: 'extra_body' })), { ok: true, settings: { body: { extra_body: { enable_thinking: true } } } });
  });

  it('round-trips an entry through the form', () => {
    const entry = {
      params: { temperature: 0.6, stop: ['a', 'b'], logit_bias: { 1: 5 }, stream: true, reasoning_effort: 'none' },
      body: { extra_body: { enable_thinking: true, top_k: 20 } },
      omit: ['stream_options'],
      capabilities: { reasoning: true },
      prices: { input: 1, output: 2 },
    };
    const values = formFromEntry(entry);
    assert.equal(values.enable_thinking, 'true');
    assert.equal(values.enable_thinking_in, 'extra_body');
    assert.deepEqual(JSON.parse(values['extra-body']), { extra_body: { top_k: 20 } }, 'enable_thinking shows in its own field');
    assert.deepEqual(entryFromForm(values), { ok: true, settings: entry });
    assert.deepEqual(formFromEntry({ body: { extra_body: { enable_thinking: false } } })['extra-body'], '');
  });

  it('reads whatever settings.json holds without throwing', () => {
    for (const junk of [null, 'x', 42, [], { params: 'x', body: [], capabilities: 1, prices: null }]) {
      assert.deepEqual(entryFromForm(formFromEntry(junk)), { ok: true, settings: {} });
    }
    assert.equal(formFromEntry({ params: { stop: 'END' } }).stop, 'END');
  });

  it('marks each invalid field and saves nothing', () => {
    const result = entryFromForm(form({
      temperature: 'warm', top_p: '1.5', top_k: '2.5', max_tokens: '0', seed: '1e400', 'extra-body': '{"a":', logit_bias: '[1]',
      omit: 'stream_options, bad field!', 'price-input': '-1', currency: 'dollars!!',
    }));
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(Object.fromEntries(Object.entries(result.errors).map(([k, e]) => [k, e.text])), {
      temperature: 'Not a number.',
      top_p: 'Must be at most {0}.',
      top_k: 'Must be a whole number.',
      max_tokens: 'Must be at least {0}.',
      seed: 'Not a number.',
      'extra-body': 'Not valid JSON: {0}',
      logit_bias: 'Must be a JSON object.',
      omit: 'Not a field name: {0}',
      'price-input': 'Must be at least {0}.',
      currency: 'Too long.',
    });
    const bias = entryFromForm(form({ logit_bias: '{"1": "x"}' }));
    assert.ok(!bias.ok && bias.errors.logit_bias.text === 'Each value must be a number from -100 to 100.');
    assert.ok(!entryFromForm(form({ 'extra-body': '"text"' })).ok, 'a JSON string is not an object');
  });

  it('refuses a raw body that sets what Gateway Chat sets for every request (model, messages, tools, n, stream...)', () => {
    const result = entryFromForm(form({ 'extra-body': '{"model": "other", "n": 8, "stream": false, "tool_choice": "none", "top_k": 20}' }));
    assert.ok(!result.ok);
    assert.deepEqual(result.errors['extra-body'], { text: 'The body cannot set {0}: Gateway Chat sets it for every request.', args: ['model, tool_choice, n, stream'] });
    for (const key of ['messages', 'tools', 'functions']) assert.ok(!entryFromForm(form({ 'extra-body': JSON.stringify({ [key]: [] }) })).ok, key);
    assert.ok(entryFromForm(form({ 'extra-body': '{"top_k": 20, "thinking": {"type": "enabled"}}' })).ok, 'other keys are the body\'s to set');
  });
});

describe('model settings form: the host check of what the panel saves', () => {
  const save = (settings: unknown, model = 'relay/deepseek-ai/DeepSeek-R1') => parseWebviewMessage({ type: 'saveModelSettings', model, settings });

  it('accepts what the form produces', () => {
    assert.ok(save({}));
    assert.ok(save({ params: { temperature: 0.3, max_tokens: 256 }, body: { extra_body: { enable_thinking: true } }, omit: ['stream_options'], prices: { input: 1, output: 2, currency: '$' } }));
    assert.ok(parseWebviewMessage({ type: 'openModelSettings' }));
  });

  it('refuses unknown keys, non-finite numbers, wrong types and oversize values', () => {
    for (const bad of [
      { nope: 1 },
      { params: { temperatur: 0.3 } },
      { params: { temperature: Number.NaN } },
      { params: { max_tokens: Number.POSITIVE_INFINITY } },
      { params: { max_tokens: 1.5 } },
      { params: { temperature: '0.3' } },
      { params: { stream: 'no' } },
      { params: { stop: 'x'.repeat(300) } },
      { params: { logit_bias: { 1: 1000 } } },
      { body: { when: new Date(0) } },
      { body: { n: Number.NaN } },
      { body: { big: 'x'.repeat(70_000) } },
      { body: [1] },
      { omit: ['stream options'] },
      { capabilities: { tools: 'yes' } },
      { capabilities: { teleport: true } },
      { toolFormat: 'xml' },
      { prices: { input: -1 } },
      { prices: { input: 1, tax: 2 } },
      { prices: { output: Number.POSITIVE_INFINITY } },
    ]) assert.equal(save(bad), undefined, JSON.stringify(bad));
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) deep = { d: deep };
    assert.equal(save({ body: deep }), undefined, 'too deep');
  });

  it('refuses globs and keys without an endpoint', () => {
    assert.equal(save({}, 'relay/deepseek-*'), undefined);
    assert.equal(save({}, 'gpt-4o'), undefined);
    assert.equal(save({}, '__proto__'), undefined);
    assert.equal(save({}, ''), undefined);
  });
});

describe('model settings form: the system prompt fields', () => {
  it('maps the prompt, its mode and the role both ways; empty means not set', () => {
    const result = entryFromForm(form({ 'system-prompt': '  # Role\nAnswer in Chinese.\n', 'system-prompt-mode': 'append', 'system-role': 'developer' }));
    assert.deepEqual(result, { ok: true, settings: { systemPrompt: '# Role\nAnswer in Chinese.', systemPromptMode: 'append', systemRole: 'developer' } });
    assert.ok(result.ok && isFormSettings(result.settings));
    const back = formFromEntry(result.ok ? result.settings : {});
    assert.deepEqual([back['system-prompt'], back['system-prompt-mode'], back['system-role']], ['# Role\nAnswer in Chinese.', 'append', 'developer']);
    assert.deepEqual(entryFromForm(form({ 'system-prompt-mode': '', 'system-role': '' })), { ok: true, settings: {} });
  });

  it('refuses a role or mode it does not know and a prompt over 64 KB', () => {
    assert.equal(isFormSettings({ systemRole: 'assistant' }), false);
    assert.equal(isFormSettings({ systemPromptMode: 'prepend' }), false);
    assert.equal(isFormSettings({ systemPrompt: 'x'.repeat(70_000) }), false);
    assert.deepEqual(entryFromForm(form({ 'system-prompt': 'x'.repeat(70_000) })), { ok: false, errors: { 'system-prompt': { text: 'Too long.' } } });
    assert.equal(formFromEntry({ systemRole: 'assistant', systemPromptMode: 7 })['system-role'], '');
  });
});
