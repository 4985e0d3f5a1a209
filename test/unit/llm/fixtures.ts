import { demoPng, type Answer } from '../../gateway/index';

// Answer scripts covering every response feature; used by the identity tests (stream vs
// complete over HTTP) and by the re-chunking property test.

const PNG = demoPng(4);
const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA==';

export const FIXTURES: Record<string, Answer> = {
  plain: { content: 'Hello, world! Multibyte: café, 日本語, emoji 😀👍🏽, and an end.' },
  reasoningContent: { reasoning: 'First I consider the question. 思考 🤔', content: 'The answer is 42.', reasoningDialect: 'reasoning_content' },
  reasoningField: { reasoning: 'OpenRouter style reasoning.', content: 'Done.', reasoningDialect: 'reasoning' },
  reasoningDetails: { reasoning: 'Details style reasoning text.', content: 'Done too.', reasoningDialect: 'reasoning_details' },
  reasoningBoth: { reasoning: 'Sent twice, counted once.', content: 'Once.', reasoningDialect: 'openrouter' },
  thinkTags: { reasoning: 'Inside <think> tags, with a < sign and </thin partial.', content: 'After the tags: é😀.', reasoningDialect: 'think' },
  thinkOnlyReasoning: { reasoning: 'Reasoning with no answer after it.', content: '', reasoningDialect: 'think' },
  toolsParallel: {
    content: 'Calling two tools.',
    toolCalls: [
      { id: 'call_a', name: 'read_file', arguments: '{"path":"src/a.ts","lines":[1,20]}' },
      { id: 'call_b', name: 'search', arguments: '{"query":"needle ü 😀"}' },
    ],
  },
  toolsOllama: {
    toolCallStyle: 'ollama',
    toolCalls: [
      { id: 'call_o1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'call_o2', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
    ],
  },
  toolsNoIndex: {
    toolCallStyle: 'no-index',
    toolCalls: [
      { id: 'call_n1', name: 'first', arguments: '{"a":1}' },
      { id: 'call_n2', name: 'second', arguments: '{"b":[true,null]}' },
    ],
  },
  toolsRepeatId: { toolCallStyle: 'repeat-id', toolCalls: [{ id: 'call_r', name: 'repeat', arguments: '{"long":"abcdefghijklmnopqrstuvwxyz"}' }] },
  toolsWhole: { toolCallStyle: 'whole', toolCalls: [{ id: 'call_w', name: 'whole', arguments: '{"x":1}' }, { id: 'call_w2', name: 'noargs', arguments: '' }] },
  toolsInvalidJson: { toolCalls: [{ id: 'call_bad', name: 'broken', arguments: '{"unterminated": "yes' }] },
  legacyFunctionCall: { toolCallStyle: 'legacy', toolCalls: [{ name: 'old_style', arguments: '{"q":"legacy"}' }] },
  nChoices: {
    choices: [
      { content: 'First candidate, longer than the others.' },
      { content: 'Second candidate.', reasoning: 'Why two.' },
      { content: 'Third: 日本.', finishReason: 'length' },
    ],
  },
  imagesField: { content: 'An image follows.', images: [PNG, JPEG], imageStyle: 'images' },
  imagesParts: { content: 'Parts image.', images: [PNG], imageStyle: 'parts' },
  imagesMarkdown: { content: 'Markdown image:', images: [PNG], imageStyle: 'markdown' },
  annotations: {
    content: 'Cited claim [1] and another [2].',
    annotations: [
      { type: 'url_citation', url_citation: { url: 'https://example.com/a', title: 'A', start_index: 0, end_index: 12 } },
      { type: 'url_citation', url_citation: { url: 'https://example.com/b', title: 'B', start_index: 13, end_index: 30 } },
    ],
  },
  logprobs: {
    content: 'Yes no maybe',
    logprobs: [
      { token: 'Yes', logprob: -0.1, bytes: [89, 101, 115], top_logprobs: [] },
      { token: ' no', logprob: -1.5, bytes: [32, 110, 111], top_logprobs: [] },
      { token: ' maybe', logprob: -2.25, bytes: null, top_logprobs: [{ token: ' perhaps', logprob: -3, bytes: null }] },
    ],
  },
  refusal: { content: '', refusal: 'I cannot help with that.' },
  usageExtras: {
    content: 'Usage with extras.',
    usage: {
      prompt_tokens: 100,
      completion_tokens: 20,
      total_tokens: 120,
      prompt_tokens_details: { cached_tokens: 64 },
      completion_tokens_details: { reasoning_tokens: 7 },
      latency_checkpoint: { first_token_ms: 123 },
      cost: 0.0012,
    },
  },
  everything: {
    id: 'chatcmpl-everything',
    model: 'served-model-name',
    reasoning: 'Plan: read then answer.',
    content: 'I will read the file.',
    toolCalls: [{ id: 'call_e', name: 'read_file', arguments: '{"path":"README.md"}' }],
    annotations: [{ type: 'url_citation', url_citation: { url: 'https://example.com', title: 'Ex', start_index: 0, end_index: 4 } }],
  },
};
