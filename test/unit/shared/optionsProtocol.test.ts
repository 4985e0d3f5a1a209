import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/shared/protocol';

describe('protocol: option bar, schema pick and image save messages', () => {
  const setOptions = (options: unknown) => parseWebviewMessage({ type: 'setOptions', options });

  it('accepts every option the bar can set', () => {
    assert.ok(setOptions({}));
    assert.ok(setOptions({
      json: { mode: 'schema', name: 'person', schema: { type: 'object' }, source: 'a.schema.json' },
      webSearch: { contextSize: 'medium' }, image: { aspectRatio: '16:9', imageSize: '2K' }, n: 4, logprobs: { top: 5 },
    }));
    assert.ok(setOptions({ json: { mode: 'object' }, image: { imageSize: '4K' } }));
    assert.ok(parseWebviewMessage({ type: 'pickSchema' }));
    assert.ok(parseWebviewMessage({ type: 'saveImage', messageId: 'm1', index: 0 }));
  });

  it('rejects anything else in the options', () => {
    for (const bad of [
      null, [], { extra: 1 }, { json: { mode: 'object', schema: {} } }, { json: { mode: 'schema', name: 'x' } },
      { json: { mode: 'schema', name: 'x', schema: [] } }, { json: { mode: 'schema', name: 'x', schema: { big: 'x'.repeat(600_000) } } },
      { webSearch: { contextSize: 'huge' } }, { webSearch: {} }, { image: { aspectRatio: '16/9' } }, { image: { imageSize: '8K' } },
      { image: { aspectRatio: '1:1', quality: 'hd' } }, { n: 0 }, { n: 2.5 }, { n: 99 }, { logprobs: { top: -1 } }, { logprobs: true },
    ]) assert.equal(setOptions(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
  });

  it('rejects a schema that cannot be measured (a cycle)', () => {
    const schema: Record<string, unknown> = { type: 'object' };
    schema.self = schema;
    assert.equal(setOptions({ json: { mode: 'schema', name: 'x', schema } }), undefined);
  });

  it('checks saveImage and pickSchema shapes', () => {
    assert.equal(parseWebviewMessage({ type: 'saveImage', messageId: 'm1', index: -1 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'saveImage', messageId: 'm1', index: '0' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'saveImage', messageId: 'm1' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'pickSchema', name: 'x' }), undefined);
  });
});
