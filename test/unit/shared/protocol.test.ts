import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/shared/protocol';

describe('protocol: the host validates what the webview sends', () => {
  it('accepts well-formed messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'newChat' }), { type: 'newChat' });
  });

  it('drops unknown types, extra fields and non-objects', () => {
    for (const bad of [null, undefined, 'ready', 42, [], {}, { type: 'nope' }, { type: 'ready', extra: 1 },
      { type: 'toString' }, { type: '__proto__' }, { type: 7 }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('protocol: message shapes', () => {
  it('checks field types, required fields and sizes', () => {
    assert.ok(parseWebviewMessage({ type: 'send', text: 'hi', attachments: [] }));
    assert.equal(parseWebviewMessage({ type: 'send', text: 'hi' }), undefined, 'attachments missing');
    assert.equal(parseWebviewMessage({ type: 'send', text: 42, attachments: [] }), undefined);
    assert.equal(parseWebviewMessage({ type: 'retry', messageId: 'x'.repeat(5000) }), undefined);
    assert.ok(parseWebviewMessage({ type: 'attach', kind: 'image' }));
    assert.equal(parseWebviewMessage({ type: 'attach', kind: 'camera' }), undefined);
  });

  it('accepts only base64 image data URLs in attachments', () => {
    const img = (dataUrl: string) => ({ type: 'send', text: '', attachments: [{ kind: 'image', label: 'a.png', dataUrl }] });
    assert.ok(parseWebviewMessage(img('data:image/png;base64,iVBORw0KGgo=')));
    assert.equal(parseWebviewMessage(img('https://evil.example/a.png')), undefined);
    assert.equal(parseWebviewMessage(img('data:text/html;base64,PHNjcmlwdD4=')), undefined);
  });

  it('rejects endpoint ids with a slash (they split defaultModel) and non-string headers', () => {
    const ep = (id: string, headers: unknown) => ({ type: 'saveEndpoint', endpoint: { id, name: 'n', baseUrl: 'http://x/v1', headers } });
    assert.ok(parseWebviewMessage(ep('relay', { 'X-Org': 'a' })));
    assert.equal(parseWebviewMessage(ep('re/lay', {})), undefined);
    assert.equal(parseWebviewMessage(ep('relay', { 'X-Org': 1 })), undefined);
  });
});

describe('protocol: the conversation instructions', () => {
  it('takes a string up to the bound and nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'setInstructions', text: 'Be brief.' }), { type: 'setInstructions', text: 'Be brief.' });
    assert.equal(parseWebviewMessage({ type: 'setInstructions', text: 'x'.repeat(100_001) }), undefined);
    assert.equal(parseWebviewMessage({ type: 'setInstructions', text: 3 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'setInstructions', text: '', extra: 1 }), undefined);
  });
});
