import assert from 'node:assert/strict';
import { joinModelRef, splitModelRef } from '../../../src/chat/request/modelRef';

describe('model references', () => {
  it('split at the first slash only', () => {
    assert.deepEqual(splitModelRef('relay/deepseek-ai/DeepSeek-R1'), { endpointId: 'relay', modelId: 'deepseek-ai/DeepSeek-R1' });
    assert.deepEqual(splitModelRef('r/gpt-4o'), { endpointId: 'r', modelId: 'gpt-4o' });
    assert.equal(joinModelRef('relay', 'Qwen/Qwen3-32B'), 'relay/Qwen/Qwen3-32B');
  });
  it('reject references without both parts', () => {
    for (const bad of ['', 'gpt-4o', '/gpt-4o', 'relay/']) assert.equal(splitModelRef(bad), undefined, bad);
  });
});
