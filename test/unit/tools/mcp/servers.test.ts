// Real MCP servers: the reference server-everything from npm over stdio, Streamable HTTP and the old
// SSE transport, and a tiny misbehaving server (crash mid-call, hang, garbage) built with the SDK.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ApprovalRequest } from '../../../../src/tools/approval';
import { executeToolCalls, type ToolResult } from '../../../../src/tools/executor';
import { parseUserServers } from '../../../../src/tools/mcp/config';
import { McpManager } from '../../../../src/tools/mcp/manager';
import { defaultRegistry } from '../../../../src/tools/registry';
import type { Tool } from '../../../../src/tools/types';
import { call, FakeWorkspacePort, tempDir } from '../fakePort';
import { httpEverything } from './httpEverything';

const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

function managerFor(servers: Record<string, unknown>, o: { callTimeoutMs?: number; startTimeoutMs?: number } = {}) {
  const logs: string[] = [];
  const manager = new McpManager({
    log: (_level, message) => logs.push(message), startTimeoutMs: o.startTimeoutMs ?? 30_000, clientVersion: 'test',
    callTimeoutMs: () => o.callTimeoutMs ?? 30_000,
  });
  const parsed = parseUserServers(servers);
  manager.configure({ servers: parsed.servers, waiting: [], problems: parsed.problems });
  return { manager, logs };
}

/** Runs one call the way a turn does: validated, asked about (approved here), run, converted. */
async function run(tools: Tool[], name: string, args: unknown, o: { signal?: AbortSignal; decide?: (r: ApprovalRequest) => boolean } = {}) {
  const asked: ApprovalRequest[] = [];
  const [result] = await executeToolCalls([call(name, args)], {
    port: new FakeWorkspacePort(tempDir('mcp-')), allowedTools: new Set(), registry: defaultRegistry().withTools(tools),
    ...(o.signal ? { signal: o.signal } : {}),
    requestApproval: async (r) => {
      asked.push(r);
      return { approved: o.decide ? o.decide(r) : true };
    },
  });
  return { ...result, asked } as ToolResult & { asked: ApprovalRequest[] };
}

describe('mcp: real servers', function () {
  this.timeout(60_000);

  describe('server-everything over stdio', () => {
    let manager: McpManager;
    let tools: Tool[];
    before(async () => {
      ({ manager } = managerFor({ everything: { command: process.execPath, args: [everything, 'stdio'], alwaysAllow: ['get-sum'] } }));
      tools = await manager.tools();
    });
    after(() => manager.dispose());

    it('offers its tools as <server>__<tool> with the server\'s description and schema', () => {
      const echo = tools.find((t) => t.name === 'everything__echo');
      assert.ok(echo, tools.map((t) => t.name).join(', '));
      assert.match(echo.description, /echo/i);
      assert.deepEqual(echo.parameters.required, ['message']);
      assert.ok(tools.every((t) => /^[a-zA-Z0-9_-]{1,64}$/.test(t.name)));
      assert.deepEqual(manager.statuses().map((s) => [s.name, s.state, s.toolCount]), [['everything', 'running', tools.length]]);
    });

    it('asks before a call, showing server, tool and arguments; the result goes back', async () => {
      const r = await run(tools, 'everything__echo', { message: 'hello mcp' });
      assert.equal(r.asked.length, 1);
      assert.deepEqual(r.asked[0].reasons, ['external']);
      assert.deepEqual(r.asked[0].preview, { kind: 'external', origin: 'mcp', server: 'everything', tool: 'echo' });
      assert.deepEqual(r.asked[0].args, { message: 'hello mcp' });
      assert.deepEqual([r.state, r.content, r.isError], ['done', 'Echo: hello mcp', false]);
    });

    it('runs nothing when rejected, and validates arguments before asking', async () => {
      const rejected = await run(tools, 'everything__echo', { message: 'x' }, { decide: () => false });
      assert.equal(rejected.state, 'rejected');
      const invalid = await run(tools, 'everything__echo', { message: 3 });
      assert.equal(invalid.asked.length, 0);
      assert.match(invalid.content, /^Error: Invalid arguments for everything__echo; nothing was run: message must be string/);
    });

    it('runs a tool in the server\'s alwaysAllow without asking', async () => {
      const r = await run(tools, 'everything__get-sum', { a: 2, b: 3 });
      assert.equal(r.asked.length, 0);
      assert.match(r.content, /5/);
    });

    it('passes images and structured content on', async () => {
      const image = await run(tools, 'everything__get-tiny-image', {});
      assert.equal(image.images?.length, 1);
      assert.equal(image.images![0].mimeType, 'image/png');
      assert.match(image.content, /\[image 1: image\/png, \d+ KB\]/);
      const structured = await run(tools, 'everything__get-structured-content', { location: 'Chicago' });
      assert.equal(structured.state, 'done');
      assert.match(structured.content, /temperature/);
    });
  });

  it('talks Streamable HTTP to server-everything', async () => {
    const { child, port } = await httpEverything('streamableHttp');
    const { manager } = managerFor({ web: { url: `http://127.0.0.1:${port}/mcp` } });
    try {
      const tools = await manager.tools();
      const r = await run(tools, 'web__echo', { message: 'over http' });
      assert.equal(r.content, 'Echo: over http');
    } finally {
      await manager.dispose();
      child.kill();
    }
  });

  it('falls back to the old SSE transport when Streamable HTTP is refused', async () => {
    const { child, port } = await httpEverything('sse');
    const { manager, logs } = managerFor({ old: { url: `http://127.0.0.1:${port}/sse` } });
    try {
      const tools = await manager.tools();
      assert.ok(logs.some((l) => /trying the SSE transport/.test(l)), logs.join('\n'));
      const r = await run(tools, 'old__echo', { message: 'over sse' });
      assert.equal(r.content, 'Echo: over sse');
    } finally {
      await manager.dispose();
      child.kill();
    }
  });

  describe('a server that misbehaves', () => {
    it('a crash mid-call is a tool error, and the next turn starts the server again', async () => {
      const { manager } = managerFor({ mis: { command: process.execPath, args: [fixture('misbehaving-server.mjs')] } });
      try {
        const tools = await manager.tools();
        const r = await run(tools, 'mis__crash', {});
        assert.equal(r.state, 'failed');
        assert.match(r.content, /^Error: The MCP server "mis" could not run crash: the server stopped while the tool ran/);
        const [status] = manager.statuses();
        assert.equal(status.state, 'failed');
        assert.match(status.lastError ?? '', /exited; its last output: about to crash/);
        const again = await manager.tools();
        assert.equal((await run(again, 'mis__echo', { text: 'back' })).content, 'echo: back');
      } finally {
        await manager.dispose();
      }
    });

    it('a call that hangs ends at the timeout and the server is told to cancel it', async () => {
      const { manager, logs } = managerFor({ mis: { command: process.execPath, args: [fixture('misbehaving-server.mjs')] } }, { callTimeoutMs: 400 });
      try {
        const r = await run(await manager.tools(), 'mis__hang', {});
        assert.equal(r.state, 'failed');
        assert.match(r.content, /no answer within 0.4 s \(gatewayChat.mcp.callTimeoutSeconds\); the server was asked to cancel the call$/);
        await until(() => logs.some((l) => l.includes('cancelled hang')));
      } finally {
        await manager.dispose();
      }
    });

    it('Stop cancels a running call (notifications/cancelled) and the turn goes on', async () => {
      const { manager, logs } = managerFor({ mis: { command: process.execPath, args: [fixture('misbehaving-server.mjs')] } });
      try {
        const tools = await manager.tools();
        const stop = new AbortController();
        const pending = run(tools, 'mis__hang', {}, { signal: stop.signal });
        setTimeout(() => stop.abort(), 200);
        const r = await pending;
        assert.equal(r.state, 'failed');
        assert.match(r.content, /Stopped by the user|stopped by the user/);
        await until(() => logs.some((l) => l.includes('cancelled hang')));
        assert.equal((await run(tools, 'mis__echo', { text: 'still there' })).content, 'echo: still there');
      } finally {
        await manager.dispose();
      }
    });

    it('one that cannot start is failed with why; the other servers\' tools are still offered', async () => {
      const { manager } = managerFor({
        missing: { command: path.join(tempDir('mcp-'), 'no-such-program') },
        ok: { command: process.execPath, args: [fixture('misbehaving-server.mjs')] },
      });
      try {
        const tools = await manager.tools();
        assert.deepEqual(tools.map((t) => t.name), ['ok__echo', 'ok__crash', 'ok__hang']);
        const missing = manager.statuses().find((s) => s.name === 'missing')!;
        assert.equal(missing.state, 'failed');
        assert.match(missing.lastError ?? '', /^could not start: .*ENOENT/);
      } finally {
        await manager.dispose();
      }
    });

    it('a turn waits only so long for a slow start; the server goes on starting for the next turn', async () => {
      const logs: string[] = [];
      const manager = new McpManager({ log: (_l, m) => logs.push(m), startTimeoutMs: 30_000, turnWaitMs: 50, clientVersion: 't', callTimeoutMs: () => 5000 });
      const parsed = parseUserServers({ mis: { command: process.execPath, args: [fixture('misbehaving-server.mjs')] } });
      manager.configure({ servers: parsed.servers, waiting: [], problems: [] });
      try {
        assert.deepEqual(await manager.tools(), []);
        assert.equal(manager.statuses()[0].state, 'starting');
        await until(() => manager.statuses()[0].state === 'running', 20_000);
        assert.equal((await manager.tools()).length, 3);
      } finally {
        await manager.dispose();
      }
    });

    it('one that answers garbage fails to start within the timeout instead of hanging the turn', async () => {
      const { manager } = managerFor({ junk: { command: process.execPath, args: [fixture('garbage-server.mjs')] } }, { startTimeoutMs: 1500 });
      try {
        const started = Date.now();
        assert.deepEqual(await manager.tools(), []);
        assert.ok(Date.now() - started < 10_000);
        assert.match(manager.statuses()[0].lastError ?? '', /^could not start: did not start within 1.5 s/);
      } finally {
        await manager.dispose();
      }
    });
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
