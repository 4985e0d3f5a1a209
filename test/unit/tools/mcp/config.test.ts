import assert from 'node:assert/strict';
import { launchKey, launchSummary, parseUserServers, parseWorkspaceMcpJson } from '../../../../src/tools/mcp/config';

describe('mcp: server configuration', () => {
  it('reads the user\'s entries: stdio with command, args, env, cwd; http by url; alwaysAllow and disabled', () => {
    const { servers, problems } = parseUserServers({
      files: { command: 'npx', args: ['-y', 'server'], env: { TOKEN: 'x', PORT: 3000, DROP: null }, cwd: '/tmp', alwaysAllow: ['read'] },
      remote: { url: 'https://mcp.example/api', headers: { Authorization: 'Bearer k' } },
      old: { type: 'sse', url: 'http://127.0.0.1:9/sse', disabled: true },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(servers, [
      { name: 'files', source: 'user', transport: { type: 'stdio', command: 'npx', args: ['-y', 'server'], env: { TOKEN: 'x', PORT: '3000' }, cwd: '/tmp' }, alwaysAllow: ['read'], disabled: false },
      { name: 'remote', source: 'user', transport: { type: 'http', url: 'https://mcp.example/api', headers: { Authorization: 'Bearer k' } }, alwaysAllow: [], disabled: false },
      { name: 'old', source: 'user', transport: { type: 'sse', url: 'http://127.0.0.1:9/sse', headers: {} }, alwaysAllow: [], disabled: true },
    ]);
  });

  it('reports each bad entry with why, and keeps the good ones', () => {
    const { servers, problems } = parseUserServers({
      ok: { command: 'node' },
      none: {},
      badArgs: { command: 'x', args: 'not a list' },
      badUrl: { url: 'ftp://host' },
      badType: { type: 'websocket', url: 'ws://x' },
      notObject: 3,
    });
    assert.deepEqual(servers.map((s) => s.name), ['ok']);
    assert.deepEqual(problems.map((p) => [p.name, p.message]), [
      ['none', 'needs "command" (a local server) or "url" (a remote one)'],
      ['badArgs', '"args" must be a list of strings'],
      ['badUrl', '"url" must start with http:// or https://'],
      ['badType', 'unknown "type" "websocket" (stdio, http or sse)'],
      ['notObject', 'must be an object'],
    ]);
    assert.deepEqual(parseUserServers(['a']).problems.map((p) => p.message), ['must be an object of named servers']);
    assert.deepEqual(parseUserServers(undefined), { servers: [], problems: [] });
  });

  it('reads .vscode/mcp.json as JSONC, substitutes ${workspaceFolder} and ${env:}, and never takes alwaysAllow from it', () => {
    const text = `{
      // VS Code's format
      "inputs": [],
      "servers": {
        "everything": { "type": "stdio", "command": "node", "args": ["\${workspaceFolder}/server.js"], "env": { "HOME_DIR": "\${userHome}", "X": "\${env:GC_TEST}" }, "alwaysAllow": ["echo"], },
        "web": { "type": "http", "url": "http://127.0.0.1:3001/mcp" },
      },
    }`;
    const { servers, problems } = parseWorkspaceMcpJson(text, { workspaceFolder: '/ws', userHome: '/home/u', env: { GC_TEST: 'v' } });
    assert.deepEqual(problems, []);
    assert.deepEqual(servers[0], { name: 'everything', source: 'workspace', transport: { type: 'stdio', command: 'node', args: ['/ws/server.js'], env: { HOME_DIR: '/home/u', X: 'v' } }, alwaysAllow: [], disabled: false });
    assert.equal(servers[1].transport.type, 'http');
  });

  it('refuses prompted inputs and unknown variables in mcp.json, and says so for broken JSON', () => {
    const { servers, problems } = parseWorkspaceMcpJson('{"servers":{"a":{"command":"x","env":{"K":"${input:key}"}},"b":{"command":"${config:x}"}}}', {});
    assert.deepEqual(servers, []);
    assert.match(problems[0].message, /\$\{input:key\}: prompted inputs are not supported/);
    assert.match(problems[1].message, /\$\{config:x\}, which is not supported/);
    const broken = parseWorkspaceMcpJson('{"servers": {', {});
    assert.equal(broken.servers.length, 0);
    assert.match(broken.problems[0].message, /^not valid JSON \(/);
  });

  it('keys a launch by its exact command line: any change to command, args, env or cwd is a new key', () => {
    const base = { command: 'node', args: ['a.js'], env: { A: '1', B: '2' } };
    const key = (entry: object) => launchKey(parseWorkspaceMcpJson(JSON.stringify({ servers: { s: entry } }), {}).servers[0]);
    assert.equal(key(base), key({ ...base, env: { B: '2', A: '1' } }), 'env order does not matter');
    const changed = [{ ...base, command: 'nodejs' }, { ...base, args: ['b.js'] }, { ...base, args: ['a.js', '--x'] }, { ...base, env: { A: '1', B: '3' } }, { ...base, cwd: '/x' }];
    const keys = new Set([key(base), ...changed.map(key)]);
    assert.equal(keys.size, changed.length + 1);
    assert.match(key(base), /^[0-9a-f]{64}$/);
  });

  it('shows a launch as one quoted command line', () => {
    const [s] = parseUserServers({ s: { command: 'my server', args: ['--name', 'a b', 'x=1'], env: { K: 'v v' } } }).servers;
    assert.equal(launchSummary(s), 'K="v v" "my server" --name "a b" x=1');
  });
});
