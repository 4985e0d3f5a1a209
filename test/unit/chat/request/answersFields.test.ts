// The fields issue #12 made reachable, each through the one request builder: one row, one body.
import assert from 'node:assert/strict';
import { buildRequest } from '../../../../src/chat/request/buildRequest';
import { strictSchema } from '../../../../src/chat/request/toolOptions';
import type { ToolOffer } from '../../../../src/chat/request/turnPlan';
import type { MessageRecord, RequestOptions } from '../../../../src/shared/conversation';
import type { ModelSettings } from '../../../../src/shared/modelSettingsShape';

const png = 'data:image/png;base64,iVBORw0KGgo=';
const pdf = 'data:application/pdf;base64,JVBERi0xLjQK';
const wav = 'data:audio/wav;base64,UklGRiQAAABXQVZF';
const msg = (role: MessageRecord['role'], content: string, extra: Partial<MessageRecord> = {}): MessageRecord =>
  ({ id: content, role, content, status: 'complete', createdAt: 0, ...extra });
const strictTool = { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'], additionalProperties: false } } };
const looseTool = { type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' }, start: { type: 'integer' } }, required: ['path'] } } };

function build(history: MessageRecord[], settings: ModelSettings = {}, tools: ToolOffer = {}, options?: RequestOptions) {
  return buildRequest({ history, options, plan: { modelId: 'm', settings, fixes: [], tools } });
}

describe('request fields of issue #12, through buildRequest', () => {
  const hi = [msg('user', 'Hi')];

  it('tool_choice (auto / none / required / a named tool), parallel_tool_calls and strict come from typed settings', () => {
    const offer = { tools: [strictTool, looseTool] };
    assert.equal(build(hi, { toolChoice: 'required' }, offer).request.tool_choice, 'required');
    assert.equal(build(hi, { toolChoice: 'none' }, offer).request.tool_choice, 'none');
    assert.deepEqual(build(hi, { toolChoice: { name: 'read_file' } }, offer).request.tool_choice, { type: 'function', function: { name: 'read_file' } });
    assert.equal('tool_choice' in build(hi, { toolChoice: { name: 'not_offered' } }, offer).request, false, 'a tool that is not offered is not named');
    assert.equal(build(hi, { parallelToolCalls: false }, offer).request.parallel_tool_calls, false);
    const strict = build(hi, { strictTools: true }, offer).request.tools!;
    assert.deepEqual(strict.map((t) => t.function.strict), [true, undefined], 'only the schema strict mode accepts');
    const none = build(hi, { toolChoice: 'required', parallelToolCalls: true, strictTools: true }).request;
    assert.deepEqual(Object.keys(none), ['model', 'messages'], 'no tools offered: none of them is sent');
  });

  it('legacy functions: tool_choice becomes function_call where it can', () => {
    const functions = { functions: [{ name: 'read_file', parameters: {} }] };
    assert.deepEqual(build(hi, { toolChoice: { name: 'read_file' } }, functions).request.function_call, { name: 'read_file' });
    assert.equal(build(hi, { toolChoice: 'none' }, functions).request.function_call, 'none');
    assert.equal('function_call' in build(hi, { toolChoice: 'required' }, functions).request, false);
  });

  it('strict mode takes a schema only when every object requires all its properties and allows no others', () => {
    assert.equal(strictSchema(strictTool.function.parameters), true);
    assert.equal(strictSchema(looseTool.function.parameters), false);
    assert.equal(strictSchema({ type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] } }, required: ['a'], additionalProperties: false }), false, 'nested too');
    assert.equal(strictSchema({ type: 'object', properties: {}, required: [], additionalProperties: false }), true);
  });

  it('web search keeps the user_location the settings give (merged, not overwritten)', () => {
    const settings = { params: { web_search_options: { user_location: { type: 'approximate', approximate: { country: 'CN', city: 'Shanghai' } } } } };
    assert.deepEqual(build(hi, settings, {}, { webSearch: { contextSize: 'low' } }).request.web_search_options, {
      user_location: { type: 'approximate', approximate: { country: 'CN', city: 'Shanghai' } }, search_context_size: 'low',
    });
  });

  it('an image by https URL goes as image_url with the detail chosen on its chip', () => {
    const h = [msg('user', 'What is this?', { attachments: [{ kind: 'image', label: 'cat.png', url: 'https://example.com/cat.png', detail: 'low' }] })];
    assert.deepEqual(build(h).request.messages[0].content, [
      { type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
    ]);
  });

  it('a document goes as a file part (data URL + filename) to a model whose settings say files; others get a note', () => {
    const h = [msg('user', 'Summarize', { attachments: [{ kind: 'document', label: 'report.pdf', dataUrl: pdf }] })];
    const on = build(h, { capabilities: { files: true } });
    assert.deepEqual(on.request.messages[0].content, [{ type: 'text', text: 'Summarize' }, { type: 'file', file: { filename: 'report.pdf', file_data: pdf } }]);
    assert.deepEqual(on.adapted, []);
    const off = build(h);
    assert.equal(off.request.messages[0].content, 'Summarize\n\n[file not sent: report.pdf]');
    assert.deepEqual(off.adapted, ['files']);
  });

  it('audio goes as input_audio (wav / mp3, bare base64) to a model whose settings say audio', () => {
    const h = [msg('user', 'Transcribe', { attachments: [{ kind: 'audio', label: 'a.wav', dataUrl: wav }, { kind: 'audio', label: 'b.mp3', dataUrl: 'data:audio/mpeg;base64,SUQz' }] })];
    assert.deepEqual(build(h, { capabilities: { audio: true } }).request.messages[0].content, [
      { type: 'text', text: 'Transcribe' },
      { type: 'input_audio', input_audio: { data: 'UklGRiQAAABXQVZF', format: 'wav' } },
      { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
    ]);
    assert.deepEqual(build(h).adapted, ['audio']);
  });

  it('modalities and audio {voice, format} for a model that answers in audio come from its params', () => {
    const r = build(hi, { params: { modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'wav' } } }).request;
    assert.deepEqual([r.modalities, r.audio], [['text', 'audio'], { voice: 'alloy', format: 'wav' }]);
    // A voice alone (settings.json): OpenAI needs a format, and streams audio only as pcm16.
    assert.deepEqual(build(hi, { params: { modalities: ['text', 'audio'], audio: { voice: 'alloy' } } }).request.audio, { voice: 'alloy', format: 'pcm16' });
    assert.deepEqual(build(hi, { params: { stream: false, audio: { voice: 'alloy' } } }).request.audio, { voice: 'alloy', format: 'wav' });
  });

  it('n up to 8 and top_logprobs up to 20 pass as set', () => {
    const r = build(hi, {}, {}, { n: 8, logprobs: { top: 20 } }).request;
    assert.deepEqual([r.n, r.logprobs, r.top_logprobs], [8, true, 20]);
  });

  describe('an answer with generated images, on the next turn', () => {
    const big = `data:image/png;base64,${'A'.repeat(200_000)}`;
    const h = [
      msg('user', 'Draw a cat'),
      msg('assistant', `Here it is:\n\n![cat](${big})`, { images: [{ dataUrl: big, mimeType: 'image/png' }] }),
      msg('user', 'Make it blue'),
    ];

    it('goes to a vision model as an image part in the next user message (assistants take no images), never as base64 text', () => {
      const [, a, u] = build(h).request.messages;
      assert.deepEqual(a, { role: 'assistant', content: 'Here it is:\n\n[image 1]' });
      assert.deepEqual(u, { role: 'user', content: [{ type: 'text', text: 'The images of your previous answer:' }, { type: 'image_url', image_url: { url: big } }, { type: 'text', text: 'Make it blue' }] });
    });

    it('an image-only answer is its placeholder; its images still go before the next prompt', () => {
      const only = [msg('user', 'Draw'), msg('assistant', `![x](${big})`, { images: [{ dataUrl: big, mimeType: 'image/png' }, { dataUrl: big, mimeType: 'image/png' }] }), msg('user', 'Again')];
      const [, a, u] = build(only).request.messages;
      assert.equal(a.content, '[image 1]\n\n[image 2]');
      assert.equal((u.content as { type: string }[]).filter((p) => p.type === 'image_url').length, 2);
      assert.ok(build(only).request.messages.every((m) => m.role !== 'assistant' || typeof m.content === 'string'), 'no parts in an assistant message');
    });

    it('goes to a model without vision as a short placeholder', () => {
      const { request, adapted } = build(h, { capabilities: { vision: false } });
      assert.deepEqual(request.messages.slice(1), [{ role: 'assistant', content: 'Here it is:\n\n[image 1]' }, { role: 'user', content: 'Make it blue' }]);
      assert.ok(JSON.stringify(request).length < 1000, 'no base64 anywhere');
      assert.deepEqual(adapted, ['images']);
    });
  });

  it('a refusal or a spoken answer with no text goes back as what it said', () => {
    const h = [msg('user', 'a'), msg('assistant', '', { refusal: 'I cannot.' }), msg('user', 'b'), msg('assistant', '', { audio: { transcript: 'Spoken words.', format: 'wav' } })];
    assert.deepEqual(build(h).request.messages.map((m) => m.content), ['a', 'I cannot.', 'b', 'Spoken words.']);
  });
});
