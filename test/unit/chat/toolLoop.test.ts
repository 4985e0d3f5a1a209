import { fakePlan } from './planFake';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { HistoryStore } from '../../../src/chat/storage/historyStore';
import { ChatSession } from '../../../src/chat/turn/session';
import type { ToolHost } from '../../../src/chat/turn/toolRunner';
import type { StreamingClient } from '../../../src/chat/turn/turn';
import type { ChatEvent, ChatRequest } from '../../../src/llm/types';
import { defaultRegistry, type ApprovalDecision, type ApprovalRequest } from '../../../src/tools';
import { FakeWorkspacePort, tempDir, writeTree } from '../tools/fakePort';

type Step = { content?: string; calls?: { id: string; name: string; arguments: string; legacy?: true }[] };

function scripted(steps: Step[]) {
  const requests: ChatRequest[] = [];
  const client: StreamingClient = {
    stream: (req) => {
      requests.push(structuredClone(req));
      const step = steps[requests.length - 1] ?? { content: 'no more steps' };
      return (async function* (): AsyncGenerator<ChatEvent> {
        if (step.content) yield { type: 'text', choice: 0, text: step.content };
        yield { type: 'done', response: { id: 'r', model: 'm', usage: null, choices: [{
          index: 0, content: step.content ?? '', reasoning: '', finishReason: step.calls ? 'tool_calls' : 'stop', annotations: [], images: [], logprobs: null,
          toolCalls: (step.calls ?? []).map((c) => ({ ...c, parsed: JSON.parse(c.arguments) })),
        }] } };
      })();
    },
  };
  return { client, requests };
}

function setup(steps: Step[], decide: (r: ApprovalRequest) => ApprovalDecision = () => ({ approved: true }), maxSteps = 8, legacy = false) {
  const workspace = tempDir();
  writeTree(workspace, { 'src/app.ts': 'export const version = 1;\n' });
  const port = new FakeWorkspacePort(workspace);
  const asked: ApprovalRequest[] = [];
  const host: ToolHost = { port, requestApproval: async (r) => (asked.push(r), decide(r)) };
  const { client, requests } = scripted(steps);
  let n = 0;
  const store = new HistoryStore(tempDir('history-'));
  const saves: string[] = [];
  const origSave = store.save.bind(store);
  store.save = async (c) => { saves.push(JSON.stringify(c.messages.flatMap((m) => m.toolCalls ?? []).map((t) => t.state))); return origSave(c); };
  const session = new ChatSession({
    store, post: () => undefined, newId: () => `id${++n}`, now: () => n,
    planTurn: async () => fakePlan(client, 'gw/m', { maxSteps, tools: legacy ? { functions: defaultRegistry().legacyFunctions() } : { tools: defaultRegistry().toolDefinitions() } }),
    toolHost: host,
  });
  return { session, requests, asked, workspace, saves };
}

describe('the tool loop', () => {
  it('runs a read without asking, sends the result back and takes the final answer', async () => {
    const { session, requests, asked } = setup([
      { content: 'Let me look.', calls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"src/app.ts"}' }] },
      { content: 'The version is 1.' },
    ]);
    await session.send('What version?', []);
    assert.equal(asked.length, 0, 'reads inside the workspace run without asking');
    assert.ok(requests[0].tools?.some((t) => t.function.name === 'edit_file'), 'tools are offered');
    const second = requests[1].messages;
    assert.deepEqual(second.at(-2)?.tool_calls, [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/app.ts"}' } }]);
    assert.equal(second.at(-1)?.role, 'tool');
    assert.equal(second.at(-1)?.tool_call_id, 'c1');
    assert.match(String(second.at(-1)?.content), /export const version = 1;/);
    const [, first, final] = session.conversation.messages;
    assert.equal(first.toolCalls?.[0].state, 'done');
    assert.equal(final.content, 'The version is 1.');
    assert.equal(final.status, 'complete');
  });

  it('asks before an edit; a rejection with a reason changes nothing and reaches the model', async () => {
    const { session, requests, asked, workspace } = setup([
      { calls: [{ id: 'e1', name: 'edit_file', arguments: JSON.stringify({ path: 'src/app.ts', edits: [{ search: 'version = 1', replace: 'version = 2' }] }) }] },
      { content: 'Understood, I will leave it.' },
    ], () => ({ approved: false, reason: 'keep version 1' }));
    await session.send('Bump the version', []);
    assert.equal(asked.length, 1);
    assert.equal(asked[0].preview.kind, 'edit');
    assert.equal(fs.readFileSync(path.join(workspace, 'src/app.ts'), 'utf8'), 'export const version = 1;\n');
    assert.match(String(requests[1].messages.at(-1)?.content), /keep version 1/);
    assert.equal(session.conversation.messages[1].toolCalls?.[0].state, 'rejected');
  });

  it('saves each call while it waits for approval, as approved before it runs and with its result after', async () => {
    const { session, saves } = setup([
      { calls: [{ id: 'e1', name: 'edit_file', arguments: JSON.stringify({ path: 'src/app.ts', edits: [{ search: 'version = 1', replace: 'version = 2' }] }) }] },
      { content: 'Done.' },
    ]);
    await session.send('Bump it', []);
    const states = saves.map((s) => JSON.parse(s)[0]).filter(Boolean);
    assert.deepEqual(states.slice(0, 3), ['pending', 'approved', 'done'], 'waiting for approval is saved too');
  });

  it('stops after the step limit and says so, without running the last calls', async () => {
    const call = { id: 'r', name: 'read_file', arguments: '{"path":"src/app.ts"}' };
    const { session, requests } = setup([{ calls: [{ ...call, id: 'r1' }] }, { calls: [{ ...call, id: 'r2' }] }, { calls: [{ ...call, id: 'r3' }] }], undefined, 2);
    await session.send('Loop forever', []);
    assert.equal(requests.length, 2);
    const last = session.conversation.messages.at(-1)!;
    assert.equal(last.status, 'interrupted');
    assert.deepEqual(last.error, { kind: 'config', reason: 'maxSteps', steps: 2 });
    assert.equal(last.toolCalls?.[0].state, 'failed');
  });

  it('speaks the legacy functions form to models that only know it', async () => {
    const { session, requests } = setup([
      { calls: [{ id: '', name: 'read_file', arguments: '{"path":"src/app.ts"}', legacy: true }] },
      { content: 'Version 1.' },
    ], undefined, 8, true);
    await session.send('Which version?', []);
    assert.equal(requests[0].tools, undefined);
    assert.ok(requests[0].functions?.some((f) => f.name === 'read_file'));
    const [assistant, result] = requests[1].messages.slice(-2);
    assert.deepEqual(assistant.function_call, { name: 'read_file', arguments: '{"path":"src/app.ts"}' });
    assert.equal(result.role, 'function');
    assert.equal(result.name, 'read_file');
    assert.match(String(result.content), /version = 1/);
    assert.equal(session.conversation.messages.at(-1)?.content, 'Version 1.');
  });

  it('never runs a call again after a reload: an approved call without result is settled as failed', async () => {
    const { session } = setup([{ content: 'x' }]);
    await session.send('hi', []);
    const saved = structuredClone(session.conversation);
    saved.messages[1].toolCalls = [{ id: 'c9', name: 'run_in_terminal', arguments: '{"command":"rm -rf build"}', state: 'approved' }];
    const store = (session as unknown as { ports: { store: HistoryStore } }).ports.store;
    await store.save(saved);
    await session.open(saved.id);
    const settled = session.conversation.messages[1].toolCalls![0];
    assert.equal(settled.state, 'failed');
    assert.match(settled.result!, /not run again/);
  });
});
