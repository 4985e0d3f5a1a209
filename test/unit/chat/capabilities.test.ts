import assert from 'node:assert/strict';
import { applyCapabilities } from '../../../src/chat/request/capabilities';
import type { ChatRequest } from '../../../src/llm/types';

const withImage: ChatRequest = {
  model: 'm',
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }] },
  ],
};

describe('capability overrides shape the request', () => {
  it('changes nothing without overrides, or when the model has the capability', () => {
    assert.deepEqual(applyCapabilities(withImage, undefined), { request: withImage, adapted: [] });
    assert.deepEqual(applyCapabilities(withImage, { vision: true, json: true }), { request: withImage, adapted: [] });
  });

  it('vision off: image parts are left out and the text stays', () => {
    const { request, adapted } = applyCapabilities(withImage, { vision: false });
    assert.deepEqual(request.messages, [{ role: 'user', content: 'What is this?' }]);
    assert.deepEqual(adapted, ['images']);
    assert.deepEqual(applyCapabilities({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, { vision: false }).adapted, []);
  });

  it('reasoning off: reasoning fields go, top-level and in extra_body, other extras stay', () => {
    const { request, adapted } = applyCapabilities({
      model: 'm', messages: [], reasoning_effort: 'high', separate_reasoning: true, temperature: 0.2,
      extra_body: { enable_thinking: true, google: { x: 1 } },
    }, { reasoning: false });
    assert.deepEqual(request, { model: 'm', messages: [], temperature: 0.2, extra_body: { google: { x: 1 } } });
    assert.deepEqual(adapted, ['reasoning']);
  });

  it('JSON mode off: no response_format; the schema is asked for in a system message', () => {
    const schema = { type: 'object', required: ['age'] };
    const { request, adapted } = applyCapabilities({
      model: 'm', messages: [{ role: 'user', content: 'Ada?' }],
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema } },
    }, { json: false });
    assert.equal(request.response_format, undefined);
    assert.equal(request.messages[0].role, 'system');
    assert.match(String(request.messages[0].content), /single JSON value[\s\S]*"required":\["age"\]/);
    assert.deepEqual(request.messages[1], { role: 'user', content: 'Ada?' });
    assert.deepEqual(adapted, ['json']);
  });
});
