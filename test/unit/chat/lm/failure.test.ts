import assert from 'node:assert/strict';
import { lmFailureCode, lmFailureMessage } from '../../../../src/chat/lm/failure';
import { inEnglish } from '../../../../src/shared/errorText';
import type { ErrorInfo } from '../../../../src/shared/conversation';

describe('a failed request as a LanguageModelError code and words', () => {
  const rows: [string, ErrorInfo, string][] = [
    ['401', { kind: 'auth', status: 401, message: 'Invalid API key' }, 'NoPermissions'],
    ['403', { kind: 'auth', status: 403, message: 'This group cannot use the model' }, 'NoPermissions'],
    ['no key', { kind: 'config', reason: 'noKey', endpointId: 'relay' }, 'NoPermissions'],
    ['404', { kind: 'notFound', status: 404, message: 'Not Found' }, 'NotFound'],
    ['unknown model in a 400', { kind: 'badRequest', status: 400, message: 'The model `gpt-9` does not exist', code: 'model_not_found' }, 'NotFound'],
    ['new-api: no channel for the model', { kind: 'server', status: 503, message: '当前分组 default 下对于模型 x 无可用渠道' }, 'NotFound'],
    ['endpoint gone', { kind: 'config', reason: 'noEndpoint', endpointId: 'old' }, 'NotFound'],
    ['Azure content filter', { kind: 'badRequest', status: 400, message: 'The response was filtered due to the prompt triggering content management policy.', code: 'content_filter' }, 'Blocked'],
    ['429 after retries', { kind: 'rateLimit', status: 429, message: 'Too many requests' }, 'Unknown'],
    ['500', { kind: 'server', status: 502, message: 'Bad gateway' }, 'Unknown'],
    ['bad URL', { kind: 'config', reason: 'badUrl', endpointId: 'relay' }, 'Unknown'],
  ];
  for (const [name, error, code] of rows) {
    it(`${name} -> ${code}`, () => assert.equal(lmFailureCode(error), code));
  }

  it('puts the gateway\'s own message after the reason in words', () => {
    const text = lmFailureMessage({ kind: 'auth', status: 401, message: 'Invalid API key provided', code: 'invalid_api_key' }, inEnglish);
    assert.equal(text, 'The gateway rejected the API key (HTTP 401). Check it with "Gateway Chat: Set API Key". Invalid API key provided (invalid_api_key)');
    assert.equal(lmFailureMessage({ kind: 'config', reason: 'noKey', endpointId: 'relay' }, inEnglish), 'No API key is set for relay. Run "Gateway Chat: Set API Key".');
  });
});
