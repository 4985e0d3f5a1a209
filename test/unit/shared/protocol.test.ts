import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/shared/protocol';

describe('protocol: the host validates what the webview sends', () => {
  it('accepts well-formed messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'openSettings' }), { type: 'openSettings' });
  });

  it('drops unknown types, extra fields and non-objects', () => {
    for (const bad of [null, undefined, 'ready', 42, [], {}, { type: 'nope' }, { type: 'ready', extra: 1 },
      { type: 'toString' }, { type: '__proto__' }, { type: 7 }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
