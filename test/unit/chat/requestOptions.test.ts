import assert from 'node:assert/strict';
import { applyRequestOptions } from '../../../src/chat/request/requestOptions';
import type { ChatRequest } from '../../../src/llm/types';

const base = (): ChatRequest => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });

describe('applyRequestOptions: the option bar as request fields', () => {
  it('adds nothing without options, or with empty ones', () => {
    assert.deepEqual(applyRequestOptions(base(), undefined), base());
    assert.deepEqual(applyRequestOptions(base(), {}), base());
    assert.deepEqual(applyRequestOptions(base(), { n: 1, image: {} }), base(), 'one candidate and an empty image config are the defaults');
  });

  it('asks for json_object', () => {
    assert.deepEqual(applyRequestOptions(base(), { json: { mode: 'object' } }).response_format, { type: 'json_object' });
  });

  it('sends a json_schema with a name the API accepts', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } } };
    const r = applyRequestOptions(base(), { json: { mode: 'schema', name: 'person.schema.json', schema, source: 'schemas/person.schema.json' } });
    assert.deepEqual(r.response_format, { type: 'json_schema', json_schema: { name: 'person_schema', schema, strict: true } });
    const name = (n: string) => (applyRequestOptions(base(), { json: { mode: 'schema', name: n, schema } }).response_format!.json_schema as { name: string }).name;
    assert.equal(name('My Schema (v2)'), 'My_Schema_v2_');
    assert.equal(name('订单'), '_');
    assert.equal(name('x'.repeat(100)), 'x'.repeat(64));
    assert.equal(name('.json'), 'schema', 'nothing left: a default name');
  });

  it('sends web_search_options with the context size', () => {
    assert.deepEqual(applyRequestOptions(base(), { webSearch: { contextSize: 'high' } }).web_search_options, { search_context_size: 'high' });
  });

  it('sends extra_body.google.image_config with what is set, merged into an existing extra_body', () => {
    const request = { ...base(), extra_body: { enable_thinking: true, google: { safety_settings: [1], image_config: { aspect_ratio: '1:1', old: true } } } };
    const r = applyRequestOptions(request, { image: { aspectRatio: '16:9', imageSize: '2K' } });
    assert.deepEqual(r.extra_body, { enable_thinking: true, google: { safety_settings: [1], image_config: { aspect_ratio: '16:9', image_size: '2K' } } });
    assert.deepEqual(request.extra_body.google.image_config, { aspect_ratio: '1:1', old: true }, 'the input is not changed');
    assert.deepEqual(applyRequestOptions(base(), { image: { imageSize: '4K' } }).extra_body, { google: { image_config: { image_size: '4K' } } });
  });

  it('sends n for two or more candidates', () => {
    assert.equal(applyRequestOptions(base(), { n: 3 }).n, 3);
    assert.equal('n' in applyRequestOptions(base(), { n: 1 }), false);
  });

  it('sends logprobs, with top_logprobs only when alternatives are wanted', () => {
    const top3 = applyRequestOptions(base(), { logprobs: { top: 3 } });
    assert.equal(top3.logprobs, true);
    assert.equal(top3.top_logprobs, 3);
    const top0 = applyRequestOptions(base(), { logprobs: { top: 0 } });
    assert.equal(top0.logprobs, true);
    assert.equal('top_logprobs' in top0, false);
  });

  it('combines everything and leaves unset fields out', () => {
    const r = applyRequestOptions(base(), { json: { mode: 'object' }, webSearch: { contextSize: 'low' } });
    assert.deepEqual(Object.keys(r).sort(), ['messages', 'model', 'response_format', 'web_search_options']);
  });
});
