import assert from 'node:assert/strict';
import { applyFixes, fixesFor, mergeFixes, noticeText, parseFix, rejectedFields, type CompatFix } from '../../../src/chat/request/compatibility';
import { toErrorInfo } from '../../../src/chat/turn/turn';
import { errorFromHttp } from '../../../src/llm/errors';
import type { ChatRequest } from '../../../src/llm/types';

const url = 'https://gw.example/v1/chat/completions';
/** The error the panel records for a raw gateway answer, as the client parses it. */
const refusal = (body: unknown, status = 400) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { info: toErrorInfo(errorFromHttp({ status, body: text, url, secrets: [], contentType: 'application/json' })), text };
};
const sent = (extra: Record<string, unknown> = {}) => ({
  model: 'o3-mini', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true }, ...extra,
});
const fixes = (body: unknown, body2: Record<string, unknown>, status = 400): CompatFix[] => {
  const r = refusal(body, status);
  return fixesFor(r.info, body2, r.text);
};

describe('compatibility: which refused field, from real gateway error bodies', () => {
  it('OpenAI unsupported_parameter (param and code): stream_options left out', () => {
    const body = { error: { message: "Unsupported parameter: 'stream_options' is not supported with this model.", type: 'invalid_request_error', param: 'stream_options', code: 'unsupported_parameter' } };
    assert.equal(refusal(body).info.param, 'stream_options', 'the client keeps error.param');
    assert.deepEqual(fixes(body, sent()), [{ omit: ['stream_options'] }]);
  });

  it('OpenAI max_tokens on reasoning models: renamed to max_completion_tokens, value kept', () => {
    const body = { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } };
    assert.deepEqual(fixes(body, sent({ max_tokens: 800 })), [{ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }]);
    // Both already sent: the refused one just goes.
    assert.deepEqual(fixes(body, sent({ max_tokens: 800, max_completion_tokens: 900 })), [{ omit: ['max_tokens'] }]);
  });

  it('a relay copying the message without param or code (copilot-api): still found in the words', () => {
    const body = { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", code: 'invalid_request_body' } };
    assert.deepEqual(fixes(body, sent({ max_tokens: 800 })), [{ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }]);
  });

  it('OpenAI temperature on o-series: "not supported" and "only the default value"', () => {
    const a = { error: { message: "Unsupported parameter: 'temperature' is not supported with this model.", type: 'invalid_request_error', param: 'temperature', code: 'unsupported_parameter' } };
    assert.deepEqual(fixes(a, sent({ temperature: 0.2 })), [{ omit: ['temperature'] }]);
    const b = { error: { message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.", type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value' } };
    assert.deepEqual(fixes(b, sent({ temperature: 0.2 })), [{ omit: ['temperature'] }]);
  });

  it('an unsupported value with other values allowed is the user\'s setting, not a missing feature: no fix', () => {
    const body = { error: { message: "Unsupported value: 'reasoning_effort' does not support 'minimal' with this model. Supported values are: 'low', 'medium', and 'high'.", type: 'invalid_request_error', param: 'reasoning_effort', code: 'unsupported_value' } };
    assert.deepEqual(fixes(body, sent({ reasoning_effort: 'minimal' })), []);
  });

  it('new-api / one-api relays: "Unknown parameter" with a request id', () => {
    const body = { error: { message: "Unknown parameter: 'stream_options'. (request id: 20240806214436917505976hvsFC5y2)", type: 'invalid_request_error', param: 'stream_options', code: 'unknown_parameter' } };
    assert.deepEqual(fixes(body, sent()), [{ omit: ['stream_options'] }]);
  });

  it('Azure: "Unrecognized request argument(s) supplied", param and code null, one or several', () => {
    const one = { error: { message: 'Unrecognized request argument supplied: parallel_tool_calls. Please contact us through an Azure support request at: https://go.microsoft.com/fwlink/?linkid=2213926 for further questions.', type: 'invalid_request_error', param: null, code: null } };
    assert.deepEqual(fixes(one, sent({ tools: [{}], parallel_tool_calls: false })), [{ omit: ['parallel_tool_calls'] }]);
    const two = { error: { message: 'Unrecognized request arguments supplied: function_call, functions', type: 'invalid_request_error', param: null, code: null } };
    assert.deepEqual(fixes(two, sent({ functions: [{ name: 'f' }], function_call: 'auto' })), [{ omit: ['function_call', 'functions'] }]);
  });

  it('DeepSeek: "does not support the parameter `presence_penalty`"', () => {
    const body = { error: { message: 'deepseek-reasoner does not support the parameter `presence_penalty`', type: 'invalid_request_error', param: null, code: 'invalid_request_error' } };
    assert.deepEqual(fixes(body, sent({ presence_penalty: 0.5 })), [{ omit: ['presence_penalty'] }]);
  });

  it('DashScope (Qwen): "is not support for vl model now", "This model does not support enable_search."', () => {
    const a = { error: { code: 'invalid_parameter_error', param: null, message: "'temperature' is not support for vl model now", type: 'invalid_request_error' } };
    assert.deepEqual(fixes(a, sent({ temperature: 0.7 })), [{ omit: ['temperature'] }]);
    const b = { error: { code: 'invalid_parameter_error', param: null, message: '<400> InternalError.Algo.InvalidParameter: This model does not support enable_search.', type: 'invalid_request_error' } };
    assert.deepEqual(fixes(b, sent({ enable_search: true })), [{ omit: ['enable_search'] }]);
  });

  it('Gemini OpenAI endpoint: an array body, "Unknown name", several fields, nested names ignored', () => {
    const body = [{ error: { code: 400, message: 'Invalid JSON payload received. Unknown name "extra_body" at \'extra_body\': Cannot find field.\nInvalid JSON payload received. Unknown name "frequency_penalty": Cannot find field.\nInvalid JSON payload received. Unknown name "top_k": Cannot find field.', status: 'INVALID_ARGUMENT' } }];
    assert.deepEqual(fixes(body, sent({ extra_body: { a: 1 }, frequency_penalty: 0.1, top_k: 20, temperature: 1 })), [{ omit: ['extra_body', 'frequency_penalty', 'top_k'] }]);
    const nested = [{ error: { code: 400, message: 'Invalid JSON payload received. Unknown name "additionalProperties" at \'tools[0].function_declarations[0].parameters\': Cannot find field.', status: 'INVALID_ARGUMENT' } }];
    assert.deepEqual(fixes(nested, sent({ tools: [{}] })), [], 'a schema detail inside tools does not drop the tools');
  });

  it('vLLM / pydantic (422 and 400): extra_forbidden with loc, JSON or Python repr', () => {
    const vllm = { object: 'error', message: "[{'type': 'extra_forbidden', 'loc': ('body', 'max_completion_tokens'), 'msg': 'Extra inputs are not permitted', 'input': 800}]", type: 'BadRequestError', param: null, code: 400 };
    assert.deepEqual(fixes(vllm, sent({ max_completion_tokens: 800 })), [{ rename: { from: 'max_completion_tokens', to: 'max_tokens' } }]);
    const fastapi = { detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'], msg: 'Extra inputs are not permitted', input: { include_usage: true } }] };
    assert.deepEqual(fixes(fastapi, sent(), 422), [{ omit: ['stream_options'] }]);
    const deeper = { detail: [{ type: 'extra_forbidden', loc: ['body', 'tools', 0, 'function', 'strict'], msg: 'Extra inputs are not permitted' }] };
    assert.deepEqual(fixes(deeper, sent({ tools: [{}] }), 422), []);
  });

  it('Fireworks and Anthropic-style wording of extra inputs', () => {
    assert.deepEqual(fixes({ error: { message: "Extra inputs are not permitted, field: 'stream_options'", type: 'invalid_request_error' } }, sent()), [{ omit: ['stream_options'] }]);
    assert.deepEqual(fixes({ type: 'error', error: { type: 'invalid_request_error', message: 'top_k: Extra inputs are not permitted' } }, sent({ top_k: 40 })), [{ omit: ['top_k'] }]);
  });

  it('Go and serde relays: unknown field', () => {
    assert.deepEqual(fixes('json: unknown field "logprobs"', sent({ logprobs: true, top_logprobs: 3 })), [{ omit: ['logprobs', 'top_logprobs'] }], 'top_logprobs goes with logprobs');
    assert.deepEqual(fixes({ error: { message: 'Failed to deserialize the JSON body into the target type: unknown field `web_search_options`, expected one of `model`, `messages` at line 1 column 90' } }, sent({ web_search_options: {} })), [{ omit: ['web_search_options'] }]);
  });

  it('tools refused: tool_choice and parallel_tool_calls go with them', () => {
    const body = { error: { message: "Unsupported parameter: 'tools' is not supported with this model.", type: 'invalid_request_error', param: 'tools', code: 'unsupported_parameter' } };
    assert.deepEqual(fixes(body, sent({ tools: [{}], tool_choice: 'auto', parallel_tool_calls: true })), [{ omit: ['tools', 'tool_choice', 'parallel_tool_calls'] }]);
  });

  it('never model, messages or stream; never a field that was not sent', () => {
    const a = { error: { message: "Unsupported value: 'messages[0].role' does not support 'system' with this model.", type: 'invalid_request_error', param: 'messages[0].role', code: 'unsupported_value' } };
    assert.deepEqual(fixes(a, sent()), []);
    const b = { error: { message: "Unsupported value: 'stream' does not support true with this model. Only the default (false) value is supported.", type: 'invalid_request_error', param: 'stream', code: 'unsupported_value' } };
    assert.deepEqual(fixes(b, sent()), []);
    const c = { error: { message: "Unsupported parameter: 'seed' is not supported with this model.", param: 'seed', code: 'unsupported_parameter' } };
    assert.deepEqual(fixes(c, sent()), [], 'seed was not in the request');
    assert.deepEqual(fixes({ error: { message: 'This model is not supported.' } }, sent()), []);
  });

  it('other 400s are not compatibility problems: ranges, invalid values, roles, auth', () => {
    const bodies = [
      { error: { code: 'invalid_parameter_error', param: null, message: '<400> InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, 8192]', type: 'invalid_request_error' } },
      { error: { message: 'Invalid max_tokens value, the valid range of max_tokens is [1, 8192]', type: 'invalid_request_error', param: null, code: 'invalid_request_error' } },
      { error: { message: "Invalid value for 'temperature': must be <= 2.", type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' } },
      { error: { message: 'Failed to deserialize the JSON body into the target type: messages[1].role: unknown variant `developer`, expected one of `system`, `user`', type: 'invalid_request_error' } },
      { error: { message: 'The thinking_budget parameter must be a positive integer and not greater than 38912' } },
    ];
    for (const b of bodies) assert.deepEqual(fixes(b, sent({ max_tokens: 99999, temperature: 3, thinking_budget: 77824 })), [], JSON.stringify(b));
    const auth = refusal({ error: { message: "Unknown parameter: 'stream_options'.", param: 'stream_options', code: 'unknown_parameter' } }, 401);
    assert.deepEqual(rejectedFields(auth.info, sent(), auth.text), [], 'only 400 and 422');
  });
});

describe('compatibility: applying and remembering fixes', () => {
  const request: ChatRequest = { model: 'o3-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 800, temperature: 0.2 };

  it('renames keep the value; omissions join omit (so fields the client adds go too)', () => {
    const r = applyFixes(request, ['seed'], [{ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }, { omit: ['stream_options', 'temperature'] }]);
    assert.equal(r.request.max_completion_tokens, 800);
    assert.equal('max_tokens' in r.request, false);
    assert.deepEqual(r.omit, ['seed', 'stream_options', 'temperature']);
    assert.equal(request.max_tokens, 800, 'the original request is not changed');
    assert.deepEqual(applyFixes(request, undefined, []), { request, omit: undefined });
  });

  it('a remembered fix never removes model or messages, whatever storage says', () => {
    const r = applyFixes(request, undefined, [{ omit: ['model', 'messages'] }]);
    assert.equal(r.omit, undefined);
    assert.equal(parseFix({ omit: ['model'] }), undefined);
    assert.equal(parseFix({ omit: ['a b'] }), undefined);
    assert.equal(parseFix('x'), undefined);
    assert.deepEqual(parseFix({ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }), { rename: { from: 'max_tokens', to: 'max_completion_tokens' } });
  });

  it('merging: no duplicates, a rename replaces its reverse', () => {
    let known = mergeFixes([], [{ omit: ['stream_options'] }]);
    known = mergeFixes(known, [{ omit: ['stream_options', 'top_k'] }]);
    assert.deepEqual(known, [{ omit: ['stream_options'] }, { omit: ['top_k'] }]);
    known = mergeFixes(known, [{ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }]);
    known = mergeFixes(known, [{ rename: { from: 'max_completion_tokens', to: 'max_tokens' } }]);
    assert.deepEqual(known.filter((f) => 'rename' in f), [{ rename: { from: 'max_completion_tokens', to: 'max_tokens' } }]);
  });

  it('the notice names the field and the model', () => {
    assert.equal(noticeText({ omit: ['stream_options'] }, 'relay/o3-mini'), 'The gateway does not accept stream_options: sent without it. Remembered for relay/o3-mini.');
    assert.equal(noticeText({ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }, 'relay/o3-mini'), 'The gateway does not accept max_tokens: sent as max_completion_tokens instead. Remembered for relay/o3-mini.');
  });
});
