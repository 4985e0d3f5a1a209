import assert from 'node:assert/strict';
import type { ErrorInfo } from '../../../src/shared/conversation';
import { errorDetail, errorHeadline } from '../../../src/shared/errorText';
import { webviewStrings } from '../../../src/shared/webviewStrings';

const t = (s: string, ...args: (string | number)[]) => s.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

describe('errors in words', () => {
  const cases: [ErrorInfo, RegExp][] = [
    [{ kind: 'auth', status: 401, message: 'bad key' }, /rejected the API key \(HTTP 401\)/],
    [{ kind: 'notFound', status: 404, message: 'no such model', url: 'https://relay.example/v1/chat/completions' }, /check the base URL and the model name\. The request went to https:\/\/relay\.example\/v1\/chat\/completions/],
    [{ kind: 'badRequest', status: 422, message: 'temperature must be <= 1' }, /refused the request \(HTTP 422\)/],
    [{ kind: 'rateLimit', status: 429, message: 'slow down' }, /rate limiting this key \(HTTP 429\)/],
    [{ kind: 'server', status: 502, message: 'HTTP 502 Bad Gateway' }, /server error \(HTTP 502\)/],
    [{ kind: 'server', message: 'upstream overloaded' }, /error in the middle of the answer/],
    [{ kind: 'network', message: 'ECONNREFUSED' }, /Could not reach the gateway/],
    [{ kind: 'network', message: 'self-signed', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, /certificate is self-signed.*caFile/],
    [{ kind: 'network', message: 'expired', code: 'CERT_HAS_EXPIRED' }, /certificate has expired/],
    [{ kind: 'network', message: 'altname', code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, /another host name/],
    [{ kind: 'network', message: 'issuer', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, /authority this computer does not trust/],
    [{ kind: 'network', message: '407', code: 'PROXY_REFUSED' }, /proxy refused/],
    [{ kind: 'timeout', message: 'No response within 120 s' }, /did not answer in time/],
    [{ kind: 'protocol', message: 'stream ended early' }, /cut off/],
    [{ kind: 'aborted', message: 'aborted' }, /^Stopped\.$/],
    [{ kind: 'config', reason: 'noKey', endpointId: 'relay' }, /No API key is set for relay/],
    [{ kind: 'config', reason: 'noEndpoint', endpointId: 'gone' }, /no endpoint "gone"/],
    [{ kind: 'config', reason: 'badUrl', endpointId: 'relay' }, /not a valid http\(s\) URL/],
    [{ kind: 'config', reason: 'noModel' }, /Choose a model first/],
    [{ kind: 'config', reason: 'maxSteps', steps: 7 }, /Stopped after 7 tool steps/],
  ];
  for (const [info, expected] of cases) {
    it(`${info.kind}${info.kind === 'config' ? `/${info.reason}` : info.status ? ` ${info.status}` : ''}`, () => {
      assert.match(errorHeadline(info, t), expected);
    });
  }

  it('shows the gateway\'s own words with its code, but not for config errors or a stop', () => {
    assert.equal(errorDetail({ kind: 'auth', message: 'Incorrect API key provided', code: 'invalid_api_key' }), 'Incorrect API key provided (invalid_api_key)');
    assert.equal(errorDetail({ kind: 'config', reason: 'noKey', endpointId: 'relay' }), '');
    assert.equal(errorDetail({ kind: 'aborted', message: 'aborted' }), '');
  });

  it('uses only strings the webview bundle translates', () => {
    const used: string[] = [];
    const spy = (s: string) => (used.push(s), s);
    for (const [info] of cases) errorHeadline(info, spy);
    assert.deepEqual(used.filter((s) => !(webviewStrings as readonly string[]).includes(s)), []);
  });
});
