import assert from 'node:assert/strict';
import { entryFromForm, formFromEntry } from '../../../../src/shared/modelSettingsForm';
import { isFormSettings } from '../../../../src/shared/modelSettingsShape';
import { editedEntry } from '../../../../src/chat/request/modelSettingsEdit';
import { settingsFor } from '../../../../src/chat/request/modelSettings';

describe('contextWindow in gatewayChat.models: shape, validation, the per-model form', () => {
  it('the form shows it and saves it, checking the range', () => {
    assert.equal(formFromEntry({ contextWindow: 65536 })['context-window'], '65536');
    assert.equal(formFromEntry({})['context-window'], '');
    const ok = entryFromForm({ ...formFromEntry({}), 'context-window': '65536' });
    assert.deepEqual(ok, { ok: true, settings: { contextWindow: 65536 } });
    const small = entryFromForm({ ...formFromEntry({}), 'context-window': '100' });
    assert.deepEqual(small.ok ? undefined : small.errors['context-window'], { text: 'Must be at least {0}.', args: [256] });
    const frac = entryFromForm({ ...formFromEntry({}), 'context-window': '1000.5' });
    assert.deepEqual(frac.ok ? undefined : frac.errors['context-window'], { text: 'Must be a whole number.' });
  });

  it('the host accepts only a whole number in range from the panel', () => {
    assert.equal(isFormSettings({ contextWindow: 65536 }), true);
    assert.equal(isFormSettings({ contextWindow: 1.5 }), false);
    assert.equal(isFormSettings({ contextWindow: '65536' }), false);
    assert.equal(isFormSettings({ contextWindow: 10 }), false);
  });

  it('saving replaces or clears it and keeps the rest; glob entries pass it on', () => {
    assert.deepEqual(editedEntry({ contextWindow: 8000, note: 'kept' }, { contextWindow: 16000 }), { note: 'kept', contextWindow: 16000 });
    assert.deepEqual(editedEntry({ contextWindow: 8000, note: 'kept' }, {}), { note: 'kept' });
    assert.equal(settingsFor({ 'relay/deepseek-*': { contextWindow: 65536 } }, 'relay/deepseek-chat').contextWindow, 65536);
    assert.equal(settingsFor({ 'relay/*': { contextWindow: 65536 }, 'relay/qwen': { contextWindow: 32768 } }, 'relay/qwen').contextWindow, 32768);
  });
});
