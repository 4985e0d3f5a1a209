// What a request carries, for each combination of what shapes it: one row, one body.
import assert from 'node:assert/strict';
import { buildRequest, type RequestInput } from '../../../../src/chat/request/buildRequest';
import type { CompatFix } from '../../../../src/chat/request/compatibility';
import type { ToolOffer } from '../../../../src/chat/request/turnPlan';
import type { MessageRecord, RequestOptions } from '../../../../src/shared/conversation';
import type { ModelSettings } from '../../../../src/shared/modelSettingsShape';

const image = 'data:image/png;base64,iVBORw0KGgo=';
const user = (content: string, extra: Partial<MessageRecord> = {}): MessageRecord => ({ id: content, role: 'user', content, status: 'complete', createdAt: 0, ...extra });
const history = [user('Hi')];
const withImage = [user('What is this?', { attachments: [{ kind: 'image', label: 'a.png', dataUrl: image }] })];
const tool = { type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object' } } };

interface Row {
  name: string;
  history?: MessageRecord[];
  settings?: ModelSettings;
  options?: RequestOptions;
  tools?: ToolOffer;
  remembered?: CompatFix[];
  found?: CompatFix[];
  body: Record<string, unknown>;
  omit?: string[];
  adapted?: string[];
  /** Default `m`. */
  modelId?: string;
  /** The wire format the client is told to speak; absent: chat. */
  api?: string;
}

const cc = { type: 'ephemeral' };
const claudeAsked = [user('Hi'), { id: 'a', role: 'assistant' as const, content: 'Hello', status: 'complete' as const, createdAt: 0 }, user('More')];

const rows: Row[] = [
  { name: 'nothing set: model and messages only', body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }] } },
  {
    name: 'params go under, the body merges over (deeply), omit passes to the client',
    settings: { params: { temperature: 0.2, top_p: 0.9 }, body: { top_p: 0.5, extra_body: { enable_thinking: true } }, omit: ['stream_options'] },
    body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2, top_p: 0.5, extra_body: { enable_thinking: true } },
    omit: ['stream_options'],
  },
  {
    name: 'the tool note goes first and the tools with it',
    tools: { tools: [tool], note: 'Tools are off here.' },
    body: { model: 'm', messages: [{ role: 'system', content: 'Tools are off here.' }, { role: 'user', content: 'Hi' }], tools: [tool] },
  },
  {
    name: 'legacy functions for a model that only speaks them',
    tools: { functions: [{ name: 'read_file', parameters: {} }] },
    body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], functions: [{ name: 'read_file', parameters: {} }] },
  },
  {
    name: 'the option bar: JSON schema, web search, image config merged into the body\'s extra_body, n, logprobs',
    settings: { body: { extra_body: { google: { safety: 'low' } } } },
    options: { json: { mode: 'schema', name: 'person.schema.json', schema: { type: 'object' } }, webSearch: { contextSize: 'high' }, image: { aspectRatio: '16:9' }, n: 3, logprobs: { top: 2 } },
    body: {
      model: 'm', messages: [{ role: 'user', content: 'Hi' }],
      extra_body: { google: { safety: 'low', image_config: { aspect_ratio: '16:9' } } },
      response_format: { type: 'json_schema', json_schema: { name: 'person_schema', schema: { type: 'object' }, strict: true } },
      web_search_options: { search_context_size: 'high' }, n: 3, logprobs: true, top_logprobs: 2,
    },
  },
  {
    name: 'vision off: images leave the messages, and it says so',
    history: withImage, settings: { capabilities: { vision: false } },
    body: { model: 'm', messages: [{ role: 'user', content: 'What is this?' }] },
    adapted: ['images'],
  },
  {
    name: 'vision on: the image goes as an image part',
    history: withImage,
    body: { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: image } }] }] },
  },
  {
    name: 'reasoning off: reasoning fields from params and extra_body are not sent',
    settings: { params: { reasoning_effort: 'high' }, body: { extra_body: { enable_thinking: true, other: 1 } }, capabilities: { reasoning: false } },
    body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], extra_body: { other: 1 } },
    adapted: ['reasoning'],
  },
  {
    name: 'JSON mode off: JSON is asked for in words',
    options: { json: { mode: 'object' } }, settings: { capabilities: { json: false } },
    body: { model: 'm', messages: [{ role: 'system', content: 'Answer with a single JSON value and nothing else: no prose, no code fence.' }, { role: 'user', content: 'Hi' }] },
    adapted: ['json'],
  },
  {
    name: 'a remembered rename and a fix found now both apply, and the omits add up',
    settings: { params: { max_tokens: 100, seed: 1 }, omit: ['user'] },
    remembered: [{ rename: { from: 'max_tokens', to: 'max_completion_tokens' } }],
    found: [{ omit: ['seed'] }],
    body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], seed: 1, max_completion_tokens: 100 },
    omit: ['user', 'seed'],
  },
  {
    name: 'api from the model settings goes to the client; the body stays a ChatRequest',
    settings: { api: 'anthropic' },
    body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
    api: 'anthropic',
  },
  {
    name: 'the Responses fix the gateway asked for wins over chat',
    settings: { api: 'chat' }, remembered: [{ api: 'responses' }],
    body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
    api: 'responses',
  },
  {
    name: 'a claude model in chat format: breakpoints on the system message and the last user turn (content parts), none on tools',
    modelId: 'anthropic/claude-sonnet-4-5', history: claudeAsked, tools: { tools: [tool], note: 'Note.' },
    body: {
      model: 'anthropic/claude-sonnet-4-5',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Note.', cache_control: cc }] },
        { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' },
        { role: 'user', content: [{ type: 'text', text: 'More', cache_control: cc }] },
      ],
      tools: [tool],
    },
  },
  {
    name: 'a claude model through Messages: the last tool gets a breakpoint too',
    modelId: 'claude-opus-4', settings: { api: 'anthropic' }, tools: { tools: [tool, { ...tool, function: { name: 'b' } }] },
    body: {
      model: 'claude-opus-4',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: cc }] }],
      tools: [tool, { ...tool, function: { name: 'b' }, cache_control: cc }],
    },
    api: 'anthropic',
  },
  {
    name: 'promptCache off: a claude model gets no breakpoints',
    modelId: 'claude-opus-4', settings: { promptCache: false },
    body: { model: 'claude-opus-4', messages: [{ role: 'user', content: 'Hi' }] },
  },
  {
    name: 'promptCache on for a model that is not claude',
    settings: { promptCache: true },
    body: { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: cc }] }] },
  },
  {
    name: 'a fix never drops the model or the messages',
    found: [{ omit: ['model', 'messages'] }],
    body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
  },
];

describe('buildRequest: conversation + plan + options -> the wire body', () => {
  for (const row of rows) {
    it(row.name, () => {
      const input: RequestInput = {
        history: row.history ?? history,
        options: row.options,
        plan: { modelId: row.modelId ?? 'm', settings: row.settings ?? {}, fixes: row.remembered ?? [], tools: row.tools ?? {} },
      };
      const built = buildRequest(input, row.found);
      assert.deepEqual(built.request, row.body);
      assert.deepEqual(built.omit, row.omit);
      assert.deepEqual(built.adapted, row.adapted ?? []);
      assert.equal(built.api, row.api);
    });
  }

  it('sends the continue prompt after the history without keeping it there', () => {
    const built = buildRequest({ history, extra: [{ role: 'user', content: 'Continue.' }], plan: { modelId: 'm', settings: {}, fixes: [], tools: {} } });
    assert.deepEqual(built.request.messages.map((m) => m.content), ['Hi', 'Continue.']);
    assert.equal(history.length, 1);
  });
});
