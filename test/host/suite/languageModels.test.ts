// Gateway models through VS Code's own language-model API (vscode.lm), as VS Code's chat and other
// extensions use them: the provider of vendor `gateway-chat` against the loopback test gateway,
// started here inside the extension host.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoPng, startGateway, type TestGateway } from '../../gateway';

const KEY = 'sk-host-lm-SECRET-42';
const vendor = 'gateway-chat';
// A real image: VS Code decodes (and may scale) images on their way to the provider.
const png = new Uint8Array(Buffer.from(demoPng(16).split(',')[1], 'base64'));

async function until<T>(what: string, get: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Drained { text: string; parts: unknown[]; error?: unknown; ms: number }

/** Sends and reads the whole answer; a failure (from sendRequest or from the stream) is returned, not thrown. */
async function ask(model: vscode.LanguageModelChat, messages: vscode.LanguageModelChatMessage[], options: vscode.LanguageModelChatRequestOptions = {}, token?: vscode.CancellationToken, onPart?: (p: unknown) => void): Promise<Drained> {
  const t0 = Date.now();
  const out: Drained = { text: '', parts: [], ms: 0 };
  try {
    const response = await model.sendRequest(messages, options, token);
    for await (const part of response.stream) {
      out.parts.push(part);
      if (part instanceof vscode.LanguageModelTextPart) out.text += part.value;
      onPart?.(part);
    }
  } catch (e) {
    out.error = e;
  }
  out.ms = Date.now() - t0;
  return out;
}

describe('VS Code\'s language-model API: gateway models (vendor gateway-chat)', function () {
  this.timeout(60_000);
  let gw: TestGateway;
  const byId = new Map<string, vscode.LanguageModelChat>();
  const model = (id: string) => {
    const m = byId.get(`loop/${id}`);
    assert.ok(m, `loop/${id} is listed`);
    return m;
  };
  const config = () => vscode.workspace.getConfiguration('gatewayChat');
  /** Chat requests only: VS Code may list the models again meanwhile. */
  const chats = () => gw.requests.filter((q) => q.path.endsWith('/chat/completions'));

  before(async () => {
    gw = await startGateway();
    gw.setModels(['echo', 'tooler', 'slow', 'deny', 'busy', 'o3-fix', 'vision'].map((id) => ({ id, object: 'model', owned_by: 'test' })));
    process.env.GATEWAY_CHAT_TEST_KEY = KEY; // the extension host is one process: the provider reads it as apiKeyEnv
    await config().update('endpoints', [{ id: 'loop', name: 'Loopback', baseUrl: gw.url, apiKeyEnv: 'GATEWAY_CHAT_TEST_KEY' }], vscode.ConfigurationTarget.Global);
    await config().update('models', { 'loop/vision': { contextWindow: 32_000, params: { max_tokens: 2000 } } }, vscode.ConfigurationTarget.Global);
    const models = await until('the gateway models in vscode.lm', async () => {
      const found = await vscode.lm.selectChatModels({ vendor });
      return found.some((m) => m.id === 'loop/echo') ? found : undefined;
    });
    for (const m of models) byId.set(m.id, m);
  });

  after(async () => {
    await config().update('endpoints', undefined, vscode.ConfigurationTarget.Global);
    await config().update('models', undefined, vscode.ConfigurationTarget.Global);
    delete process.env.GATEWAY_CHAT_TEST_KEY;
    await gw?.close();
  });

  beforeEach(() => {
    gw.requests.length = 0;
  });

  it('lists every model of the endpoint as <endpointId>/<modelId>, with its window', () => {
    assert.deepEqual([...byId.keys()].sort(), ['loop/busy', 'loop/deny', 'loop/echo', 'loop/o3-fix', 'loop/slow', 'loop/tooler', 'loop/vision']);
    const vision = model('vision');
    assert.equal(vision.vendor, vendor);
    assert.equal(vision.name, 'vision');
    assert.equal(vision.maxInputTokens, 30_000, 'contextWindow minus max_tokens from gatewayChat.models');
  });

  it('answers with text, sending the key from the environment and the messages as they are', async () => {
    gw.route('echo', { answer: { content: 'Hello from the loopback gateway.' } });
    const r = await ask(model('echo'), [vscode.LanguageModelChatMessage.User('Say hello')]);
    assert.equal(r.error, undefined, String(r.error));
    assert.equal(r.text, 'Hello from the loopback gateway.');
    const [req] = chats();
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.equal(req.body.model, 'echo');
    assert.deepEqual(req.body.messages, [{ role: 'user', content: 'Say hello' }]);
    assert.equal(req.body.stream, true);
    assert.ok(await model('echo').countTokens('a few words to count') > 0);
  });

  it('leaves out what a raw body may not set (model, n, stream, messages), sends the rest of it', async () => {
    // Set by hand in settings.json: the form refuses such a body, the request builder never sends it.
    await config().update('models', { 'loop/echo': { body: { model: 'loop/other', n: 4, stream: false, messages: [], top_k: 20 } } }, vscode.ConfigurationTarget.Global);
    try {
      gw.route('echo', { answer: { content: 'Only what you asked.' } });
      const r = await ask(model('echo'), [vscode.LanguageModelChatMessage.User('Hi')]);
      assert.equal(r.error, undefined, String(r.error));
      assert.equal(r.text, 'Only what you asked.');
      const [req] = chats();
      assert.equal(req.body.model, 'echo');
      assert.equal(req.body.n, undefined);
      assert.equal(req.body.stream, true);
      assert.deepEqual(req.body.messages, [{ role: 'user', content: 'Hi' }]);
      assert.equal(req.body.top_k, 20, 'the rest of the body is sent');
    } finally {
      await config().update('models', { 'loop/vision': { contextWindow: 32_000, params: { max_tokens: 2000 } } }, vscode.ConfigurationTarget.Global);
    }
  });

  it('round-trips a tool call: tool_choice required, a tool-call part with parsed input, the result back as a tool message', async () => {
    gw.route('tooler', {
      answer: { toolCalls: [{ id: 'call_w1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      afterToolResult: { answer: { content: 'It is 18 C in Paris.' } },
    });
    const tools: vscode.LanguageModelChatTool[] = [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
    const question = vscode.LanguageModelChatMessage.User('Weather in Paris?');
    const first = await ask(model('tooler'), [question], { tools, toolMode: vscode.LanguageModelChatToolMode.Required });
    assert.equal(first.error, undefined, String(first.error));
    const call = first.parts.find((p): p is vscode.LanguageModelToolCallPart => p instanceof vscode.LanguageModelToolCallPart);
    assert.ok(call, 'a tool-call part');
    assert.deepEqual([call.callId, call.name, call.input], ['call_w1', 'get_weather', { city: 'Paris' }]);
    assert.equal(chats()[0].body.tool_choice, 'required');
    assert.deepEqual(chats()[0].body.tools[0].function.parameters, tools[0].inputSchema);

    const second = await ask(model('tooler'), [
      question,
      vscode.LanguageModelChatMessage.Assistant([call]),
      vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart('call_w1', [new vscode.LanguageModelTextPart('18 C, sunny')])]),
    ], { tools });
    assert.equal(second.error, undefined, String(second.error));
    assert.equal(second.text, 'It is 18 C in Paris.');
    const messages = chats()[1].body.messages;
    assert.deepEqual(messages[1].tool_calls, [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
    assert.deepEqual(messages[2], { role: 'tool', tool_call_id: 'call_w1', content: '18 C, sunny' });
  });

  it('sends an image part as an image_url data: URL', async function () {
    const DataPart = (vscode as unknown as { LanguageModelDataPart?: { image(data: Uint8Array, mime: string): unknown } }).LanguageModelDataPart;
    if (!DataPart) this.skip(); // stable from VS Code 1.105
    gw.route('vision', { answer: { content: 'A PNG.' } });
    const message = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), DataPart!.image(png, 'image/png') as vscode.LanguageModelTextPart]);
    const r = await ask(model('vision'), [message]);
    assert.equal(r.error, undefined, String(r.error));
    assert.equal(r.text, 'A PNG.');
    const [text, image] = chats()[0].body.messages[0].content;
    assert.deepEqual(text, { type: 'text', text: 'What is this?' });
    assert.equal(image.type, 'image_url');
    const m = /^data:(image\/[a-z]+);base64,(.+)$/.exec(image.image_url.url);
    assert.ok(m, 'a data: URL');
    const bytes = Buffer.from(m[2], 'base64');
    assert.ok(bytes.length > 20, 'the image bytes went along');
    if (m[1] === 'image/png') assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it('stops at once when cancelled mid-stream', async () => {
    gw.route('slow', { answer: { content: 'word '.repeat(400) }, stream: { pieces: 400, delayMs: 40 } });
    const cts = new vscode.CancellationTokenSource();
    let cancelledAt = 0;
    const r = await ask(model('slow'), [vscode.LanguageModelChatMessage.User('Talk')], {}, cts.token, () => {
      if (!cancelledAt) {
        cancelledAt = Date.now();
        cts.cancel();
      }
    });
    assert.ok(cancelledAt, 'some text arrived first');
    const settled = Date.now() - cancelledAt;
    assert.ok(settled < 3000, `the request settled ${settled} ms after the cancel`);
    assert.ok(r.text.length < 'word '.repeat(400).length, 'the answer did not run to its end');
  });

  it('fails a 401 as NoPermissions with the gateway\'s words, never the key', async () => {
    gw.route('deny', { status: 401, error: { message: 'Invalid API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    const r = await ask(model('deny'), [vscode.LanguageModelChatMessage.User('hi')]);
    assert.ok(r.error instanceof Error, 'the request failed');
    const e = r.error as vscode.LanguageModelError;
    assert.match(e.message, /Invalid API key provided/);
    assert.equal(e.code, vscode.LanguageModelError.NoPermissions.name);
    assert.ok(!e.message.includes(KEY) && !String(e.stack).includes(KEY), 'the key is in no message');
  });

  it('waits out a 429 with Retry-After and answers', async () => {
    gw.route('busy', { sequence: [
      { status: 429, headers: { 'retry-after-ms': '300' }, error: { message: 'Rate limit reached', type: 'rate_limit_error' } },
      { answer: { content: 'Answered after the wait.' } },
    ] });
    const r = await ask(model('busy'), [vscode.LanguageModelChatMessage.User('hi')]);
    assert.equal(r.error, undefined, String(r.error));
    assert.equal(r.text, 'Answered after the wait.');
    assert.equal(chats().length, 2, 'one retry');
  });

  it('heals a refused field once, remembers the fix, and sends it right the next time', async () => {
    gw.route('o3-fix', { rejectFields: [{ field: 'stream_options' }], answer: { content: 'Fine without it.' } });
    const first = await ask(model('o3-fix'), [vscode.LanguageModelChatMessage.User('hi')]);
    assert.equal(first.error, undefined, String(first.error));
    assert.equal(first.text, 'Fine without it.');
    assert.deepEqual(chats().map((q) => 'stream_options' in q.body), [true, false]);
    gw.requests.length = 0;
    const second = await ask(model('o3-fix'), [vscode.LanguageModelChatMessage.User('again')]);
    assert.equal(second.text, 'Fine without it.');
    assert.deepEqual(chats().map((q) => 'stream_options' in q.body), [false], 'the remembered fix applies at once');
  });
});
