import assert from 'node:assert/strict';
import { buildRequest } from '../../../../src/chat/request/buildRequest';
import { lmToolOffer, lmWireMessages, type LmMessage } from '../../../../src/chat/lm/messages';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe('VS Code language-model messages become wire messages', () => {
  it('keeps system, user text and images (as data: URLs) in order', () => {
    const messages: LmMessage[] = [
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'What is ' }, { kind: 'text', text: 'this?' }, { kind: 'image', mimeType: 'image/png', data: png }] },
      { role: 'assistant', parts: [{ kind: 'text', text: 'A PNG header.' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'Thanks' }] },
    ];
    assert.deepEqual(lmWireMessages(messages), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } }] },
      { role: 'assistant', content: 'A PNG header.' },
      { role: 'user', content: 'Thanks' },
    ]);
  });

  it('turns a tool call and its result into tool_calls and a tool message that follows it directly', () => {
    const messages: LmMessage[] = [
      { role: 'user', parts: [{ kind: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', parts: [
        { kind: 'thinking', text: 'Need the tool.' },
        { kind: 'toolCall', callId: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      ] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'call_1', content: '18 C' }, { kind: 'text', text: 'And tomorrow?' }] },
    ];
    assert.deepEqual(lmWireMessages(messages), [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant', content: null, reasoning_content: 'Need the tool.',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18 C' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
  });

  it('says a failed tool result is an error, and speaks the legacy functions form when the model needs it', () => {
    const messages: LmMessage[] = [
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c', name: 'read', input: {} }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'c', content: 'no such file', isError: true }] },
    ];
    assert.deepEqual(lmWireMessages(messages, true), [
      { role: 'assistant', content: null, function_call: { name: 'read', arguments: '{}' } },
      { role: 'function', name: 'read', content: 'Error: no such file' },
    ]);
  });

  it('leaves out empty messages and reasoning without tool calls', () => {
    const messages: LmMessage[] = [
      { role: 'user', parts: [] },
      { role: 'assistant', parts: [{ kind: 'thinking', text: 'hmm' }, { kind: 'text', text: 'Hi' }] },
    ];
    assert.deepEqual(lmWireMessages(messages), [{ role: 'assistant', content: 'Hi' }]);
  });
});

describe('the consumer\'s tools become the request\'s tool offer', () => {
  const tools = [{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }, { name: 'now' }];

  it('offers them as tools, a tool without a schema with an empty object, and asks for one when required', () => {
    const offer = lmToolOffer(tools, true, {});
    assert.deepEqual(offer.tools?.map((t) => t.function), [
      { name: 'get_weather', description: 'Weather', parameters: tools[0].inputSchema },
      { name: 'now', parameters: { type: 'object', properties: {} } },
    ]);
    const built = buildRequest({ history: [], extra: [{ role: 'user', content: 'x' }], plan: { modelId: 'm', settings: {}, fixes: [], tools: offer } });
    assert.equal(built.request.tool_choice, 'required');
    assert.equal(buildRequest({ history: [], plan: { modelId: 'm', settings: {}, fixes: [], tools: lmToolOffer(tools, false, {}) } }).request.tool_choice, undefined);
  });

  it('offers none to a model whose settings say it cannot call tools, and legacy functions when it needs those', () => {
    assert.deepEqual(lmToolOffer(tools, true, { capabilities: { tools: false } }), {});
    assert.deepEqual(lmToolOffer(undefined, true, {}), {});
    const legacy = lmToolOffer([tools[0]], true, { toolFormat: 'functions' });
    assert.equal(legacy.tools, undefined);
    const built = buildRequest({ history: [], plan: { modelId: 'm', settings: {}, fixes: [], tools: legacy } });
    assert.deepEqual(built.request.function_call, { name: 'get_weather' });
    assert.equal(built.request.functions?.length, 1);
  });

  it('goes through the remembered compatibility fixes like the panel\'s requests', () => {
    const built = buildRequest({ history: [], plan: { modelId: 'm', settings: { params: { max_tokens: 9 } }, fixes: [{ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }], tools: lmToolOffer(tools, true, {}) } });
    assert.equal(built.request.max_tokens, undefined);
    assert.equal(built.request.max_completion_tokens, 9);
  });
});
