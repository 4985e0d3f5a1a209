import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { AssembledToolCall } from '../../../src/llm/types';
import { executeToolCalls, toolResultMessages, type ExecutorContext } from '../../../src/tools/executor';
import { call, FakeWorkspacePort, tempDir, writeTree } from './fakePort';

describe('tools: executeToolCalls', () => {
  let root: string;
  let port: FakeWorkspacePort;
  let updates: string[];
  const ctx = (o: Partial<ExecutorContext> = {}): ExecutorContext => ({
    port, allowedTools: new Set(),
    requestApproval: async () => ({ approved: true }),
    onUpdate: (id, state) => updates.push(`${id}:${state}`),
    ...o,
  });

  beforeEach(() => {
    root = tempDir('exec-');
    writeTree(root, { 'a.txt': 'alpha\n' });
    port = new FakeWorkspacePort(root);
    updates = [];
  });

  it('runs calls in the order given and returns one result per call, in order', async () => {
    const calls = [
      call('create_file', { path: 'b.txt', content: 'b' }),
      call('read_file', { path: 'b.txt' }),
      call('rename_file', { from: 'b.txt', to: 'c.txt' }),
      call('read_file', { path: 'c.txt' }),
    ];
    const results = await executeToolCalls(calls, ctx());
    assert.deepEqual(results.map((r) => [r.callId, r.name, r.state]), calls.map((c) => [c.id, c.name, 'done']));
    assert.equal(results[1].content, 'File: b.txt (lines 1-1 of 1)\n1\tb');
    assert.equal(results[3].content, 'File: c.txt (lines 1-1 of 1)\n1\tb');
    assert.deepEqual(port.writes, ['create b.txt', 'rename b.txt c.txt']);
    assert.deepEqual(updates.slice(0, 3), [`${calls[0].id}:pending`, `${calls[0].id}:approved`, `${calls[0].id}:done`]);
  });

  it('unknown tools, invalid JSON and schema-invalid arguments run nothing and ask nothing', async () => {
    let asked = 0;
    const calls: AssembledToolCall[] = [
      call('format_disk', { really: true }),
      call('create_file', '{"path": "x.txt", "content": '),
      call('create_file', { path: 'x.txt' }),
      call('create_file', { path: 12, content: 'x' }),
      call('delete_file', '[]'),
    ];
    const results = await executeToolCalls(calls, ctx({ requestApproval: async () => { asked++; return { approved: true }; } }));
    assert.deepEqual(results.map((r) => [r.state, r.isError]), Array(5).fill(['failed', true]));
    assert.match(results[0].content, /^Error: Unknown tool "format_disk"; nothing was run\. Available tools: read_file, list_directory, .*run_in_terminal\.$/);
    assert.match(results[1].content, /^Error: The arguments of create_file are not valid JSON; nothing was run\. Received: \{"path"/);
    assert.equal(results[2].content, 'Error: Invalid arguments for create_file; nothing was run: missing required argument "content".');
    assert.equal(results[3].content, 'Error: Invalid arguments for create_file; nothing was run: path must be string.');
    assert.equal(results[4].content, 'Error: Invalid arguments for delete_file; nothing was run: arguments must be object.');
    assert.equal(asked, 0);
    assert.deepEqual(port.writes, []);
  });

  it('deeply nested arguments (10,000 levels) fail that call before anything recursive sees them; the next call still runs', async () => {
    const deepArray = `{"path": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const deepObject = `{"path": "a.txt", "x": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const calls = [call('read_file', deepArray), call('create_file', deepObject), call('read_file', { path: 'a.txt' })];
    let asked = 0;
    const results = await executeToolCalls(calls, ctx({ requestApproval: async () => { asked++; return { approved: true }; } }));
    assert.deepEqual(results.map((r) => r.state), ['failed', 'failed', 'done']);
    assert.match(results[0].content, /^Error: The arguments of read_file nest deeper than 64 levels; nothing was run\.$/);
    assert.match(results[1].content, /nest deeper than 64 levels/);
    assert.equal(asked, 0);
    assert.ok(updates.includes(`${calls[0].id}:failed`), 'the call does not stay pending');
    // Shallow nesting is still validated as usual.
    const shallow = await executeToolCalls([call('read_file', { path: [[['a']]] })], ctx());
    assert.match(shallow[0].content, /Invalid arguments for read_file; nothing was run: path must be string/);
  });

  it('never throws: an unexpected failure becomes that call\'s failed result', async () => {
    const calls = [call('read_file', { path: 'a.txt' }), call('read_file', { path: 'a.txt' })];
    let first = true;
    const results = await executeToolCalls(calls, ctx({
      onUpdate: (id, state) => { updates.push(`${id}:${state}`); if (state === 'pending' && first) { first = false; throw new Error('panel gone'); } },
    }));
    assert.deepEqual(results.map((r) => r.state), ['failed', 'done']);
    assert.equal(results[0].content, 'Error: read_file failed: panel gone');
  });

  it('accepts empty arguments for tools without parameters', async () => {
    const [r] = await executeToolCalls([{ id: 'e', name: 'get_open_editors', arguments: '', parsed: {} }], ctx());
    assert.equal(r.content, 'No editors are open.');
  });

  it('a rejection with a reason goes back to the model as the tool message', async () => {
    const c = call('delete_file', { path: 'a.txt' });
    const results = await executeToolCalls([c], ctx({ requestApproval: async () => ({ approved: false, reason: 'I still need it' }) }));
    assert.deepEqual(toolResultMessages(results), [{ role: 'tool', tool_call_id: c.id, content: 'The user rejected this tool call; nothing was run. Their reason: I still need it' }]);
    assert.deepEqual(updates, [`${c.id}:pending`, `${c.id}:rejected`]);
    assert.ok(fs.existsSync(path.join(root, 'a.txt')));
  });

  it('answers legacy function calls with a function role message', async () => {
    const c: AssembledToolCall = { ...call('read_file', { path: 'a.txt' }), id: '', legacy: true };
    const results = await executeToolCalls([c], ctx());
    assert.deepEqual(toolResultMessages(results), [{ role: 'function', name: 'read_file', content: 'File: a.txt (lines 1-1 of 1)\n1\talpha' }]);
  });

  it('Stop cancels the running tool and the calls after it do not run', async () => {
    const stop = new AbortController();
    port.terminal = (_c, o) => new Promise((resolve) => {
      o.signal.addEventListener('abort', () => resolve({ output: 'partial', truncated: false, timedOut: false }));
      setTimeout(() => stop.abort(), 5);
    });
    const calls = [call('read_file', { path: 'a.txt' }), call('run_in_terminal', { command: 'sleep 9' }), call('create_file', { path: 'z.txt', content: 'z' })];
    const results = await executeToolCalls(calls, ctx({ signal: stop.signal }));
    assert.deepEqual(results.map((r) => r.state), ['done', 'failed', 'failed']);
    assert.equal(results[1].content, '$ sleep 9\nStopped by the user.\npartial');
    assert.equal(results[2].content, 'Error: Not run: the user pressed Stop.');
    assert.deepEqual(port.writes, ['run sleep 9 @.']);
  });

  it('Stop while waiting for approval runs nothing', async () => {
    const stop = new AbortController();
    const results = await executeToolCalls(
      [call('delete_file', { path: 'a.txt' }), call('create_file', { path: 'q.txt', content: '' })],
      ctx({ signal: stop.signal, requestApproval: () => { setTimeout(() => stop.abort(), 5); return new Promise(() => undefined); } }),
    );
    assert.deepEqual(results.map((r) => r.content), ['Not run: the turn was stopped before it was approved.', 'Error: Not run: the user pressed Stop.']);
    assert.deepEqual(results.map((r) => r.state), ['rejected', 'failed'], 'nobody approved the first: it is rejected');
    assert.deepEqual(port.writes, []);
  });

  it('handles 50 parallel calls: the first maxCalls run, every call gets a result', async () => {
    const calls = Array.from({ length: 50 }, (_, i) => call('create_file', { path: `f${i}.txt`, content: String(i) }));
    let asked = 0;
    const results = await executeToolCalls(calls, ctx({ maxCalls: 20, requestApproval: async () => { asked++; return { approved: true }; } }));
    assert.equal(results.length, 50);
    assert.deepEqual(results.map((r) => r.callId), calls.map((c) => c.id));
    assert.equal(results.filter((r) => r.state === 'done').length, 20);
    assert.equal(results[20].content, 'Error: Not run: at most 20 tool calls are carried out per response. Make fewer calls at a time.');
    assert.equal(asked, 20);
    assert.equal(fs.readdirSync(root).length, 21);
  });

  it('calls beforeRun right before and afterRun right after each tool, in order; afterRun also for calls that did not run', async () => {
    const log: string[] = [];
    const calls = [call('read_file', { path: 'a.txt' }), call('nope', {}), call('delete_file', { path: 'a.txt' })];
    port.terminal = async () => { throw new Error('unused'); };
    const origRead = port.readFile.bind(port);
    port.readFile = async (p, o) => { log.push('run read'); return origRead(p, o); };
    await executeToolCalls(calls, ctx({
      requestApproval: async () => { log.push('ask'); return { approved: false }; },
      beforeRun: (c) => { log.push(`before ${c.name}`); },
      afterRun: async (c, r) => { log.push(`after ${c.name} ${r.state}`); },
    }));
    assert.deepEqual(log, ['before read_file', 'run read', 'after read_file done', 'after nope failed', 'ask', 'after delete_file rejected']);
  });

  it('does not run a tool whose start could not be recorded', async () => {
    const [r] = await executeToolCalls([call('create_file', { path: 'n.txt', content: '' })], ctx({ beforeRun: () => { throw new Error('disk full'); } }));
    assert.equal(r.content, 'Error: Not run: its start could not be recorded (disk full).');
    assert.deepEqual(port.writes, []);
  });

  it('runs nothing when a folder became a symlink to outside while the user was deciding', async () => {
    const outside = tempDir('swap-');
    fs.mkdirSync(path.join(root, 'out'));
    const [r] = await executeToolCalls([call('create_file', { path: 'out/x.txt', content: 'x' })], ctx({
      requestApproval: async () => {
        fs.rmdirSync(path.join(root, 'out'));
        fs.symlinkSync(outside, path.join(root, 'out'));
        return { approved: true };
      },
    }));
    assert.equal(r.content, 'Error: out/x.txt changed on disk (a symbolic link?) since the call was prepared; nothing was done.');
    assert.deepEqual(fs.readdirSync(outside), []);
    assert.deepEqual(port.writes, []);
  });

  it('runs each call at most once, even when an id repeats', async () => {
    const c = call('run_in_terminal', { command: 'echo once' });
    const results = await executeToolCalls([c, { ...c }], ctx());
    assert.deepEqual(results.map((r) => r.state), ['done', 'failed']);
    assert.match(results[1].content, /already handled/);
    assert.deepEqual(port.writes, ['run echo once @.']);
  });

  it('caps result size, and reports port failures and approval failures as errors without stopping the rest', async () => {
    fs.writeFileSync(path.join(root, 'long.txt'), 'y'.repeat(5000));
    const [capped] = await executeToolCalls([call('read_file', { path: 'long.txt' })], ctx({ maxResultChars: 1000 }));
    assert.equal(capped.content.length, 1000 + '\n[result truncated: showing 1000 of 5027 characters]'.length);
    port.readDirectory = async () => { throw new Error('EACCES'); };
    const results = await executeToolCalls(
      [call('list_directory', {}), call('create_file', { path: 'k.txt', content: '' }), call('read_file', { path: 'a.txt' })],
      ctx({ requestApproval: async () => { throw new Error('panel closed'); } }),
    );
    assert.deepEqual(results.map((r) => r.content), [
      'Error: list_directory failed: EACCES',
      'Error: Not run: the user could not be asked for approval (panel closed).',
      'File: a.txt (lines 1-1 of 1)\n1\talpha',
    ]);
  });
});
