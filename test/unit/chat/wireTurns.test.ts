// Whole turns through the other wire formats, the real client against the loopback gateway: thinking
// signatures and reasoning items go back inside a tool loop, cache counts are priced, and a model the gateway
// serves only through the Responses API heals there once and is remembered.
import assert from 'node:assert/strict';
import type { CompatFix } from '../../../src/chat/request/compatibility';
import type { TurnPlan } from '../../../src/chat/request/turnPlan';
import { wireMessages } from '../../../src/chat/request/packaging';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import type { ToolHost } from '../../../src/chat/turn/toolRunner';
import type { MessageRecord } from '../../../src/shared/conversation';
import { defaultRegistry } from '../../../src/tools';
import { encryptedOf, signatureOf } from '../../gateway/index';
import { sharedHarness } from '../llm/helpers';
import { fakePlan } from './planFake';
import { FakeWorkspacePort, tempDir, writeTree } from '../tools/fakePort';

describe('turns through the Responses API and Anthropic Messages', () => {
  const h = sharedHarness();

  function session(model: string, over: Partial<TurnPlan> = {}) {
    const workspace = tempDir();
    writeTree(workspace, { 'src/app.ts': 'export const version = 1;\n' });
    const host: ToolHost = { port: new FakeWorkspacePort(workspace), requestApproval: async () => ({ approved: true }) };
    const remembered: [string, CompatFix[]][] = [];
    const client = h().client();
    let n = 0;
    const s = new ChatSession({
      store: new HistoryStore(tempDir('history-')), post: () => undefined, newId: () => `id${++n}`, now: () => n,
      planTurn: async () => fakePlan(client, `gw/${model}`, { tools: { tools: defaultRegistry().toolDefinitions() }, ...over }),
      rememberFixes: (m, f) => remembered.push([m, f]),
      toolHost: host,
    });
    return { session: s, remembered };
  }

  const loop = (reasoning: string, final: string) => ({
    answer: { reasoning, toolCalls: [{ id: 'call_read', name: 'read_file', arguments: '{"path":"src/app.ts"}' }], usage: { prompt_tokens: 1000, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 600, cache_write_tokens: 300 } } },
    afterToolResult: { answer: { reasoning: 'It says 1.', content: final } },
  });

  it('Anthropic: the signed thinking block goes back with the tool_use, the result as tool_result; cache reads and writes are priced', async () => {
    h().gw.route('claude-t', loop('I should read the file.', 'The version is 1.'));
    const { session: s } = session('claude-t', { settings: { api: 'anthropic', prices: { input: 3, cachedInput: 0.3, cacheWrite: 3.75, output: 15 } } });
    await s.send('What version?', []);
    const [, first, final] = s.conversation.messages;
    assert.equal(first.reasoning, 'I should read the file.');
    assert.deepEqual(first.providerItems, { api: 'anthropic', items: [{ type: 'thinking', thinking: 'I should read the file.', signature: signatureOf('I should read the file.') }] });
    assert.equal(first.toolCalls?.[0].state, 'done');
    assert.deepEqual([first.usage?.promptTokens, first.usage?.cachedTokens, first.usage?.cacheWriteTokens], [1000, 600, 300]);
    // 100 uncached at 3, 600 read at 0.3, 300 written at 3.75, 20 out at 15, per million.
    assert.ok(Math.abs((first.usage?.cost ?? 0) - (100 * 3 + 600 * 0.3 + 300 * 3.75 + 20 * 15) / 1e6) < 1e-12);
    assert.equal(final.content, 'The version is 1.');
    assert.equal(final.status, 'complete');

    const [req1, req2] = h().gw.requests;
    assert.match(req1.path, /\/messages$/);
    assert.equal(req1.headers['anthropic-version'], '2023-06-01');
    assert.ok(req1.body.tools.some((t: { name: string }) => t.name === 'read_file'));
    assert.deepEqual(req1.body.tools.at(-1).cache_control, { type: 'ephemeral' }, 'claude: the tool list is a cache breakpoint');
    const [, assistant, results] = req2.body.messages;
    assert.deepEqual(assistant.content[0], { type: 'thinking', thinking: 'I should read the file.', signature: signatureOf('I should read the file.') });
    assert.equal(assistant.content[1].type, 'tool_use');
    assert.equal(results.content[0].type, 'tool_result');
    assert.equal(results.content[0].tool_use_id, 'call_read');
    assert.match(results.content[0].content, /export const version = 1;/);
    assert.deepEqual(results.content.at(-1).cache_control, { type: 'ephemeral' }, 'the last user turn is a cache breakpoint');
  });

  it('Responses: the encrypted reasoning item goes back before the function_call, the result as function_call_output', async () => {
    h().gw.route('gpt-5-codex', loop('Read it first.', 'Version 1.'));
    const { session: s } = session('gpt-5-codex', { settings: { api: 'responses', params: { reasoning_effort: 'medium' } } });
    await s.send('What version?', []);
    const final = s.conversation.messages.at(-1)!;
    assert.equal(final.content, 'Version 1.');
    assert.equal(final.reasoning, 'It says 1.');
    const [req1, req2] = h().gw.requests;
    assert.match(req1.path, /\/responses$/);
    assert.equal(req1.body.store, false);
    assert.deepEqual(req1.body.reasoning, { effort: 'medium', summary: 'auto' });
    const input = req2.body.input as Record<string, unknown>[];
    const at = input.findIndex((i) => i.type === 'reasoning');
    assert.equal(input[at].encrypted_content, encryptedOf('Read it first.'));
    assert.deepEqual(input[at + 1], { type: 'function_call', call_id: 'call_read', name: 'read_file', arguments: '{"path":"src/app.ts"}' });
    assert.equal(input[at + 2].type, 'function_call_output');
  });

  it('a model served only through /responses: chat/completions is refused, the turn goes there once, says so and remembers it', async () => {
    h().gw.route('o1-pro', { formats: ['responses'], answer: { content: 'Hello from Responses.' } });
    const { session: s, remembered } = session('o1-pro', { tools: {} });
    await s.send('Hi', []);
    const m = s.conversation.messages.at(-1)!;
    assert.equal(m.status, 'complete');
    assert.equal(m.content, 'Hello from Responses.');
    assert.equal(m.error, undefined);
    assert.ok(m.notices?.some((n) => /Responses API/.test(n)));
    assert.deepEqual(h().gw.requests.map((r) => r.path.replace(/^\/v1/, '')), ['/chat/completions', '/responses']);
    assert.deepEqual(remembered, [['gw/o1-pro', [{ api: 'responses' }]]]);
  });

  it('a model the user set to Anthropic Messages stays there when the gateway refuses in "use the Responses API" words', async () => {
    h().gw.route('claude-only-chat', { formats: ['chat'], answer: { content: 'unused' } });
    const { session: s, remembered } = session('claude-only-chat', { tools: {}, settings: { api: 'anthropic' } });
    await s.send('Hi', []);
    const m = s.conversation.messages.at(-1)!;
    assert.equal(m.status, 'error');
    assert.deepEqual(h().gw.requests.map((r) => r.path.replace(/^\/v1/, '')), ['/messages'], 'not sent again to /responses');
    assert.deepEqual(remembered, [], 'nothing remembered over the chosen format');
  });

  it('a refusal that names no endpoint is not sent to /responses', async () => {
    h().gw.route('plain', { status: 400, error: { message: 'Invalid model name' } });
    const { session: s, remembered } = session('plain', { tools: {} });
    await s.send('Hi', []);
    assert.equal(h().gw.requests.length, 1);
    assert.deepEqual(remembered, []);
  });
});

describe('the panel sees each token once inside a tool loop', () => {
  const h = sharedHarness();

  it('deltas waiting for an acknowledgement are posted before the whole message, not after it', async () => {
    h().gw.route('claude-t', {
      answer: { reasoning: 'I should read the file now.', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"src/app.ts"}' }] },
      afterToolResult: { answer: { content: 'Done.' } },
      stream: { pieces: 6 },
    });
    const workspace = tempDir();
    writeTree(workspace, { 'src/app.ts': 'export const version = 1;\n' });
    // What the webview holds: whole messages replace, deltas append (it never acknowledges here).
    const shown = new Map<string, { content: string; reasoning: string }>();
    const client = h().client();
    let n = 0;
    const s = new ChatSession({
      store: new HistoryStore(tempDir('history-')), newId: () => `id${++n}`, now: () => n,
      post: (m) => {
        if (m.type === 'message') shown.set(m.message.id, { content: m.message.content, reasoning: m.message.reasoning ?? '' });
        else if (m.type === 'delta') {
          const r = shown.get(m.messageId) ?? { content: '', reasoning: '' };
          shown.set(m.messageId, { content: r.content + m.content, reasoning: r.reasoning + m.reasoning });
        }
      },
      planTurn: async () => fakePlan(client, 'gw/claude-t', { settings: { api: 'anthropic' }, tools: { tools: defaultRegistry().toolDefinitions() } }),
      toolHost: { port: new FakeWorkspacePort(workspace), requestApproval: async () => ({ approved: true }) },
    });
    await s.send('Go', []);
    await new Promise((r) => setTimeout(r, 400));
    const first = s.conversation.messages[1];
    assert.equal(shown.get(first.id)?.reasoning, 'I should read the file now.');
  });
});

describe('packaging: provider data goes back with the answer that carried it', () => {
  it("a tool call's extras (Gemini's thought_signature) and an answer's provider items", () => {
    const extra = { extra_content: { google: { thought_signature: 'sig==' } } };
    const history: MessageRecord[] = [
      { id: 'u', role: 'user', content: 'go', status: 'complete', createdAt: 0 },
      { id: 'a', role: 'assistant', content: '', status: 'complete', createdAt: 0, providerItems: { api: 'anthropic', items: [{ type: 'thinking', thinking: 't', signature: 's' }] },
        toolCalls: [{ id: 'c1', name: 'f', arguments: '{}', state: 'done', result: 'r', extras: extra }] },
      { id: 'b', role: 'assistant', content: 'plain', status: 'complete', createdAt: 0, providerItems: { api: 'responses', items: [{ type: 'reasoning', encrypted_content: 'e' }] } },
    ];
    const wire = wireMessages(history);
    assert.deepEqual(wire[1].tool_calls, [{ extra_content: extra.extra_content, id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }]);
    assert.deepEqual(wire[1].provider_items, history[1].providerItems);
    assert.deepEqual(wire[3].provider_items, history[2].providerItems);
  });
});
