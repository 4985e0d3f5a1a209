import assert from 'node:assert/strict';
import { harness, KEY, rejects, type Harness } from './helpers';

describe('llm: listModels', function () {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => h.close());
  beforeEach(() => h.gw.reset());

  it('{data:[...]} keeps every extra field', async () => {
    h.gw.setModels([
      { id: 'gpt-4o', object: 'model', owned_by: 'openai', context_length: 128000, pricing: { prompt: '0.0000025', completion: '0.00001' } },
      { id: 'deepseek-ai/DeepSeek-R1', owned_by: 'deepseek', supported_endpoint_types: ['openai'] },
    ]);
    const models = await h.client().listModels();
    assert.deepEqual(models, [
      { id: 'gpt-4o', object: 'model', owned_by: 'openai', context_length: 128000, pricing: { prompt: '0.0000025', completion: '0.00001' } },
      { id: 'deepseek-ai/DeepSeek-R1', owned_by: 'deepseek', supported_endpoint_types: ['openai'] },
    ]);
    assert.equal(h.gw.requests[0].method, 'GET');
    assert.equal(h.gw.requests[0].path, '/v1/models');
    assert.equal(h.gw.requests[0].headers.authorization, `Bearer ${KEY}`);
  });

  it('a bare array, strings, and {models:[{name}]} are accepted', async () => {
    h.gw.enqueue({ json: [{ id: 'a', extra: 1 }, 'b'] }, 'models');
    h.gw.enqueue({ json: { models: [{ name: 'llama3:8b', size: 123 }] } }, 'models');
    const c = h.client();
    assert.deepEqual(await c.listModels(), [{ id: 'a', extra: 1 }, { id: 'b' }]);
    assert.deepEqual(await c.listModels(), [{ name: 'llama3:8b', size: 123, id: 'llama3:8b' }]);
  });

  it('the default list names the demo models', async () => {
    const ids = (await h.client().listModels()).map((m) => m.id);
    for (const id of ['echo', 'demo-reasoning', 'demo-tools', 'demo-error-401', 'demo-error-429', 'demo-slow', 'demo-image', 'demo-search', 'demo-think-tags', 'demo-n2', 'demo-interrupted']) {
      assert.ok(ids.includes(id), id);
    }
  });

  it('errors and unexpected shapes', async () => {
    h.gw.enqueue({ status: 401, error: { message: 'bad key', code: 'invalid_api_key' } }, 'models');
    h.gw.enqueue({ json: { object: 'list' } }, 'models');
    h.gw.enqueue({ html: '<html>not json</html>' }, 'models');
    const c = h.client();
    const e1 = await rejects(c.listModels());
    assert.equal(e1.kind, 'auth');
    assert.equal(e1.url, `${h.gw.url}/models`);
    assert.equal((await rejects(c.listModels())).kind, 'protocol');
    assert.equal((await rejects(c.listModels())).kind, 'protocol');
  });

  it('a gateway started with apiKey rejects a wrong key with 401 JSON', async () => {
    const strict = await harness({ apiKey: 'right-key' });
    try {
      const e = await rejects(strict.client({ apiKey: 'wrong-key' }).listModels());
      assert.equal(e.kind, 'auth');
      assert.equal(e.code, 'invalid_api_key');
      assert.ok((await strict.client({ apiKey: 'right-key' }).listModels()).length > 0);
    } finally {
      await strict.close();
    }
  });
});
