import assert from 'node:assert/strict';
import { editedEntry, inheritedEntries, withEntry } from '../../../src/chat/request/modelSettingsEdit';

describe('saving the model settings form into gatewayChat.models', () => {
  it('replaces the keys the form owns and keeps the rest of the entry', () => {
    const old = {
      params: { temperature: 0.3, top_p: 0.9, response_format: { type: 'json_object' } },
      body: { extra_body: { enable_thinking: true } },
      omit: ['stream_options'],
      capabilities: { tools: false, custom: true },
      toolFormat: 'functions',
      prices: { input: 1, output: 2 },
      note: 'mine',
    };
    assert.deepEqual(editedEntry(old, { params: { max_tokens: 256 } }), {
      params: { response_format: { type: 'json_object' }, max_tokens: 256 },
      capabilities: { custom: true },
      note: 'mine',
    }, 'a field the user cleared is removed; keys the form does not know stay');
  });

  it('leaves nothing when everything was cleared', () => {
    assert.equal(editedEntry({ params: { temperature: 1 } }, {}), undefined);
    assert.equal(editedEntry(undefined, {}), undefined);
    assert.deepEqual(editedEntry(undefined, { prices: { input: 1 } }), { prices: { input: 1 } });
  });

  it('changes only the model entry, in place, keeping globs and other models', () => {
    const all = { 'relay/*': { params: { temperature: 1 } }, 'relay/a': { params: { seed: 1 } }, 'relay/b': {} };
    assert.deepEqual(Object.entries(withEntry(all, 'relay/a', { params: { seed: 2 } })),
      [['relay/*', { params: { temperature: 1 } }], ['relay/a', { params: { seed: 2 } }], ['relay/b', {}]]);
    assert.deepEqual(withEntry(all, 'relay/a', undefined), { 'relay/*': { params: { temperature: 1 } }, 'relay/b': {} });
    assert.deepEqual(withEntry(undefined, 'relay/c', { omit: ['user'] }), { 'relay/c': { omit: ['user'] } });
    assert.deepEqual(all['relay/a'], { params: { seed: 1 } }, 'the old value is not changed');
  });

  it('lists the glob entries that also apply, least specific first, without the exact one', () => {
    const all = { 'relay/deepseek-*': { params: { temperature: 0.6 } }, '*/deepseek-*': { omit: ['user'] }, 'relay/deepseek-r1': { params: { seed: 1 } }, 'other/*': {} };
    assert.deepEqual(inheritedEntries(all, 'relay/deepseek-r1'), [
      { source: '*/deepseek-*', settings: { omit: ['user'] } },
      { source: 'relay/deepseek-*', settings: { params: { temperature: 0.6 } } },
    ]);
  });
});

describe('the system prompt keys of a gatewayChat.models entry', () => {
  it('the form owns systemPrompt, systemPromptMode and systemRole: cleared fields go, other keys stay', () => {
    const old = { systemPrompt: 'old', systemRole: 'user', comment: 'kept' };
    assert.deepEqual(editedEntry(old, { systemPrompt: 'new', systemPromptMode: 'append' }), { comment: 'kept', systemPrompt: 'new', systemPromptMode: 'append' });
    assert.equal(editedEntry({ systemRole: 'user' }, {}), undefined);
  });
});
