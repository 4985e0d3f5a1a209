import assert from 'node:assert/strict';
import { overflowOf } from '../../../../src/chat/context/overflow';
import type { GatewayErrorInfo } from '../../../../src/shared/conversation';

const bad = (message: string, extra: Partial<GatewayErrorInfo> = {}): GatewayErrorInfo => ({ kind: 'badRequest', status: 400, message, ...extra });

// Each refusal as gateways really sent it, with where it was seen in public.
const dialects: [string, GatewayErrorInfo, number | undefined, 'window' | 'input' | undefined][] = [
  // OpenAI, code context_length_exceeded: chathub-dev/chathub#126, deer-flow#310.
  ['OpenAI', bad("This model's maximum context length is 128000 tokens. However, your messages resulted in 202868 tokens (202767 in the messages, 101 in the functions). Please reduce the length of the messages or functions.", { code: 'context_length_exceeded', param: 'messages' }), 128000, 'window'],
  // DeepSeek (code invalid_request_error): FoundationAgents/OpenManus#79, evalstate/fast-agent#621.
  ['DeepSeek', bad("This model's maximum context length is 65536 tokens. However, you requested 66343 tokens (62247 in the messages, 4096 in the completion). Please reduce the length of the messages or completion.", { code: 'invalid_request_error' }), 65536, 'window'],
  // vLLM (object: error, type BadRequestError): ogx-ai/ogx#4534, vllm-project/vllm#20409.
  ['vLLM', bad("This model's maximum context length is 6048 tokens. However, you requested 6616 tokens (568 in the messages, 6048 in the completion). Please reduce the length of the messages or completion.", { code: '400' }), 6048, 'window'],
  // Anthropic: anthropics/claude-code#12186.
  ['Anthropic', bad('prompt is too long: 208310 tokens > 200000 maximum', { code: 'invalid_request_error' }), 200000, 'input'],
  // Anthropic with max_tokens: anthropics/claude-code#228.
  ['Anthropic with max_tokens', bad('input length and `max_tokens` exceed context limit: 184915 + 20000 > 204648, decrease input length or `max_tokens` and try again'), 204648, 'window'],
  // DashScope (Qwen) through its OpenAI mode: QwenLM/qwen-code#98, agentscope-ai/QwenPaw#6255.
  ['DashScope', bad('<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 983616]', { code: 'invalid_parameter_error' }), 983616, 'input'],
  // Gemini: google-gemini/gemini-cli#6678.
  ['Gemini', bad('The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).'), 1048576, 'input'],
  // OpenRouter: tailcallhq/forgecode#1143.
  ['OpenRouter', bad("This endpoint's maximum context length is 200000 tokens. However, you requested about 264437 tokens (262437 of text input, 2000 in the output). Please reduce the length of either one, or use the \"middle-out\" transform to compress your prompt automatically."), 200000, 'window'],
  // A relay passing DeepSeek's error on inside its own: musistudio/claude-code-router#895.
  ['relayed (claude-code-router)', bad('Error from provider(deepseek,deepseek-chat: 400): {"error":{"message":"This model\'s maximum context length is 131072 tokens. However, you requested 131329 tokens (123137 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}'), 131072, 'window'],
  // A relay that turned DashScope's 400 into its own words (dify, langgenius/dify#14986).
  ['relayed (dify)', bad('[models] Server Unavailable Error, Failed to invoke model qwen-max-latest, status code: 400, message: <400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 30720]'), 30720, 'input'],
  // new-api / one-api keep the upstream body and append their request id.
  ['relayed (new-api)', bad("This model's maximum context length is 32768 tokens. However, your messages resulted in 40001 tokens. Please reduce the length of the messages. (request id: 2025030712345678901234567)", { code: 'context_length_exceeded' }), 32768, 'window'],
  // Responses-style relay with no number: james-6-23/codex2api#310.
  ['no number', bad('Your input exceeds the context window of this model. Please adjust your input and try again.', { code: 'context_length_exceeded' }), undefined, undefined],
  // A relay reporting it as a 5xx still names it.
  ['as a server error', { kind: 'server', status: 500, message: 'upstream error: context_length_exceeded' }, undefined, undefined],
];

describe('overflow: the dialects of "too long for the model"', () => {
  for (const [name, error, tokens, of] of dialects) {
    it(`recognises ${name}`, () => {
      const o = overflowOf(error);
      assert.ok(o, 'an overflow');
      assert.deepEqual(o.limit, tokens ? { tokens, of } : undefined);
    });
  }

  it('finds the message in the raw body when the error text is short', () => {
    const o = overflowOf(bad('Bad Request'), '{"error":{"message":"This model\'s maximum context length is 8192 tokens."}}');
    assert.deepEqual(o?.limit, { tokens: 8192, of: 'window' });
  });

  it('leaves other refusals alone', () => {
    assert.equal(overflowOf(bad("Unsupported parameter: 'stream_options' is not supported with this model.", { code: 'unsupported_parameter' })), undefined);
    assert.equal(overflowOf(bad('max_tokens: 10000 > 4096, which is the maximum allowed number of output tokens for claude-3-5-sonnet-20240620')), undefined);
    assert.equal(overflowOf({ kind: 'rateLimit', status: 429, message: 'too many tokens per minute' }), undefined);
    assert.equal(overflowOf({ kind: 'auth', status: 401, message: 'maximum context length is 5 tokens' }), undefined);
    assert.equal(overflowOf({ kind: 'config', reason: 'noModel' }), undefined);
  });
});
