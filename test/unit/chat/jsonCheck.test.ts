import assert from 'node:assert/strict';
import { checkJsonAnswer, compileJsonSchema, recordJsonCheck } from '../../../src/chat/answers/jsonCheck';
import { optionsFromPanel } from '../../../src/chat/request/panelOptions';
import type { MessageRecord } from '../../../src/shared/conversation';
import { parseJsonAnswer, unfenceJson } from '../../../src/shared/jsonAnswer';

const person = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 }, tags: { type: 'array', items: { type: 'string' } } },
  required: ['name', 'age'],
  additionalProperties: false,
};

describe('JSON answers: parsing and the schema check', () => {
  it('reads bare JSON and JSON in one ```json fence', () => {
    assert.deepEqual(parseJsonAnswer('{"a":1}'), { ok: true, value: { a: 1 } });
    assert.deepEqual(parseJsonAnswer('```json\n{"a": [1, 2]}\n```\n'), { ok: true, value: { a: [1, 2] } });
    assert.deepEqual(parseJsonAnswer('\n```\n[true]\n```'), { ok: true, value: [true] });
    assert.equal(unfenceJson('text before\n```json\n{}\n```'), 'text before\n```json\n{}\n```', 'only a fence around everything');
    const bad = parseJsonAnswer('Sure! {"a":1}');
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.error.length > 0);
  });

  it('passes an answer that fits', () => {
    assert.deepEqual(checkJsonAnswer('{"name":"Ada","age":36}', person), { valid: true, errors: [] });
  });

  it('lists every violation as "path: message"', () => {
    const check = checkJsonAnswer('```json\n{"age":-1,"tags":["a",2],"extra":true}\n```', person)!;
    assert.equal(check.valid, false);
    assert.deepEqual(check.errors.sort(), [
      '$.age: must be >= 0',
      '$.tags[1]: must be string',
      '$: must NOT have additional properties ("extra")',
      "$: must have required property 'name'",
    ]);
  });

  it('writes odd keys so they can be read', () => {
    const schema = { type: 'object', properties: { 'first name': { type: 'string' }, 'a/b': { enum: ['x', 'y'] } } };
    assert.deepEqual(checkJsonAnswer('{"first name":1,"a/b":"z"}', schema)!.errors.sort(), [
      '$["a/b"]: must be equal to one of the allowed values: "x", "y"',
      '$["first name"]: must be string',
    ]);
  });

  it('says nothing about text that is not JSON (the panel shows that itself)', () => {
    assert.equal(checkJsonAnswer('not json', person), undefined);
  });

  it('compiles draft 2020-12 and 2019-09 schemas, ignores formats, and refuses broken schemas', () => {
    const v2020 = compileJsonSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'number' }] });
    assert.equal(v2020(['x']), false);
    assert.equal(compileJsonSchema({ $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'string' })('s'), true);
    assert.equal(compileJsonSchema({ type: 'string', format: 'email' })('not an email'), true);
    assert.throws(() => compileJsonSchema({ type: 'nonsense' }));
    assert.throws(() => compileJsonSchema({ $ref: 'other.json#/x' }));
    assert.match(checkJsonAnswer('{}', { type: 'nonsense' })!.errors[0], /^schema: /);
  });

  it('compiles two schemas with the same $id', () => {
    assert.equal(compileJsonSchema({ $id: 'https://x/s', type: 'string' })('a'), true);
    assert.equal(compileJsonSchema({ $id: 'https://x/s', type: 'number' })('a'), false);
  });

  it('records the check on a settled answer to a schema request, and only there', () => {
    const json = { mode: 'schema' as const, name: 'person', schema: person };
    const m: MessageRecord = { id: 'a', role: 'assistant', content: '{"name":"Ada"}', status: 'complete', createdAt: 0, json };
    recordJsonCheck(m);
    assert.deepEqual(m.jsonCheck, { valid: false, errors: ["$: must have required property 'age'"] });
    m.content = '{"name":"Ada","age":1}';
    recordJsonCheck(m);
    assert.deepEqual(m.jsonCheck, { valid: true, errors: [] });
    for (const change of [{ status: 'interrupted' as const }, { json: { mode: 'object' as const } }, { toolCalls: [{ id: 'c', name: 'read_file', arguments: '{}', state: 'done' as const }] }, { content: '' }]) {
      const other: MessageRecord = { ...m, ...change };
      recordJsonCheck(other);
      assert.equal(other.jsonCheck, undefined, JSON.stringify(change));
    }
  });
});

describe('optionsFromPanel: what the conversation keeps from the option bar', () => {
  const schemaOption = { mode: 'schema' as const, name: 'person', schema: person, source: 'gatewayChat.jsonSchemas' };

  it('takes the panel\'s choices', () => {
    assert.deepEqual(optionsFromPanel(undefined, { json: { mode: 'object' }, webSearch: { contextSize: 'low' }, n: 2, logprobs: { top: 0 } }),
      { json: { mode: 'object' }, webSearch: { contextSize: 'low' }, n: 2, logprobs: { top: 0 } });
  });

  it('keeps the host\'s own schema and never takes one from the panel', () => {
    const forged = { mode: 'schema' as const, name: 'person', schema: { type: 'string' } };
    assert.deepEqual(optionsFromPanel({ json: schemaOption }, { json: forged, n: 3 }), { json: schemaOption, n: 3 });
    assert.deepEqual(optionsFromPanel({ json: schemaOption }, { json: { ...forged, name: 'other' } }), {});
    assert.deepEqual(optionsFromPanel(undefined, { json: forged }), {});
    assert.deepEqual(optionsFromPanel({ json: schemaOption }, {}), {}, 'turning JSON off drops the schema');
  });

  it('drops defaults: one candidate, an empty image config', () => {
    assert.deepEqual(optionsFromPanel(undefined, { n: 1, image: {} }), {});
    assert.deepEqual(optionsFromPanel(undefined, { image: { aspectRatio: '16:9' } }), { image: { aspectRatio: '16:9' } });
  });
});
