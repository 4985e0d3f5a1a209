import assert from 'node:assert/strict';
import { launchKey, parseWorkspaceMcpJson } from '../../../../src/tools/mcp/config';
import { McpManager } from '../../../../src/tools/mcp/manager';
import { resolveServers } from '../../../../src/tools/mcp/resolve';

const mcpJson = (servers: object) => JSON.stringify({ servers });
const ws = (servers: object) => ({ text: mcpJson(servers), substitutions: { workspaceFolder: '/ws' } });
const keyOf = (servers: object, name: string) => launchKey(parseWorkspaceMcpJson(mcpJson(servers), { workspaceFolder: '/ws' }).servers.find((s) => s.name === name)!);

describe('mcp: which servers may run', () => {
  const repoServers = { tool: { command: 'node', args: ['${workspaceFolder}/srv.js'] } };

  it('a workspace server waits until its exact launch is allowed', () => {
    const before = resolveServers({ user: {}, workspaceFiles: [ws(repoServers)], trusted: true, allowed: new Set() });
    assert.deepEqual([before.servers.length, before.waiting.map((s) => s.name)], [0, ['tool']]);
    const allowed = new Set([keyOf(repoServers, 'tool')]);
    const after = resolveServers({ user: {}, workspaceFiles: [ws(repoServers)], trusted: true, allowed });
    assert.deepEqual([after.servers.map((s) => s.name), after.waiting.length], [['tool'], 0]);
    // The repository changes the command: the old permission does not cover it.
    const changed = resolveServers({ user: {}, workspaceFiles: [ws({ tool: { command: 'node', args: ['${workspaceFolder}/srv.js', '--evil'] } })], trusted: true, allowed });
    assert.deepEqual([changed.servers.length, changed.waiting.map((s) => s.name)], [0, ['tool']]);
  });

  it('in Restricted Mode no workspace server is read at all; the user\'s still are', () => {
    const r = resolveServers({ user: { mine: { command: 'x' } }, workspaceFiles: [ws(repoServers), { text: '{broken', substitutions: {} }], trusted: false, allowed: new Set([keyOf(repoServers, 'tool')]) });
    assert.deepEqual(r.servers.map((s) => s.name), ['mine']);
    assert.deepEqual([r.waiting, r.problems], [[], []]);
  });

  it('a workspace server cannot take the name of a user server', () => {
    const r = resolveServers({ user: { tool: { command: 'mine' } }, workspaceFiles: [ws(repoServers)], trusted: true, allowed: new Set() });
    assert.deepEqual(r.servers.map((s) => [s.name, s.source]), [['tool', 'user']]);
    assert.deepEqual(r.waiting, []);
    assert.match(r.problems[0].message, /already configured/);
  });

  it('the manager lists waiting and invalid entries and starts neither', async () => {
    const manager = new McpManager({ log: () => undefined, startTimeoutMs: 1000, clientVersion: 't', callTimeoutMs: () => 1000 });
    const config = resolveServers({ user: { bad: { args: [] } }, workspaceFiles: [ws(repoServers)], trusted: true, allowed: new Set() });
    manager.configure(config);
    assert.deepEqual(await manager.tools(), []);
    assert.deepEqual(manager.statuses().map((s) => [s.name, s.source, s.state]), [['tool', 'workspace', 'waiting'], ['bad', 'user', 'invalid']]);
  });

  it('reconfiguring keeps a server whose launch is unchanged and replaces one whose launch changed', () => {
    const manager = new McpManager({ log: () => undefined, startTimeoutMs: 1000, clientVersion: 't', callTimeoutMs: () => 1000 });
    const conf = (user: object) => ({ ...resolveServers({ user, workspaceFiles: [], trusted: true, allowed: new Set() }) });
    manager.configure(conf({ a: { command: 'x' }, b: { command: 'y' } }));
    const connections = (manager as unknown as { connections: Map<string, unknown> }).connections;
    const [a, b] = [connections.get('a'), connections.get('b')];
    manager.configure(conf({ a: { command: 'x', alwaysAllow: ['t'] }, b: { command: 'y', args: ['--new'] } }));
    assert.equal(connections.get('a'), a, 'alwaysAllow alone does not restart');
    assert.notEqual(connections.get('b'), b);
    manager.configure(conf({}));
    assert.equal(connections.size, 0);
  });
});
