// MCP servers in real VS Code: the reference server-everything from npm (user settings, stdio) and a
// workspace's .vscode/mcp.json server that starts only once allowed, driven by the loopback gateway.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Scenario } from '../gateway';
import type { ChildProcess } from 'node:child_process';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';
import { until } from '../harness/chatPanel';
import { httpEverything } from '../unit/tools/mcp/httpEverything';

const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
const repoServer = path.resolve(__dirname, '..', 'unit', 'tools', 'mcp', 'fixtures', 'misbehaving-server.mjs');
const call = (id: string, name: string, args: unknown): Scenario => ({ answer: { toolCalls: [{ id, name, arguments: JSON.stringify(args) }] } });
const toolNames = (body: { tools?: { function: { name: string } }[] }) => (body.tools ?? []).map((t) => t.function.name);

describe('MCP servers: tools from a real server, asked for, answered; a workspace server only once allowed', function () {
  let c: Connected;
  let web: ChildProcess | undefined;
  const marker = () => path.join(c.wb.server.workspace, 'started.txt');
  before(async () => {
    // The same server over Streamable HTTP, as a remote server the user adds by URL.
    const http = await httpEverything('streamableHttp');
    web = http.child;
    c = await connect('e2e-mcp', {
      settings: { 'gatewayChat.mcpServers': { everything: { command: process.execPath, args: [everything, 'stdio'] }, web: { url: `http://127.0.0.1:${http.port}/mcp` } } },
      files: {
        'README.md': '# MCP\n',
        '.vscode/mcp.json': JSON.stringify({ servers: { repo: { type: 'stdio', command: process.execPath, args: [repoServer], env: { MCP_STARTED_MARKER: '${workspaceFolder}/started.txt' } } } }, null, 2),
      },
    });
  });
  after(async () => {
    await disconnect(c);
    web?.kill();
  });

  it('offers <server>__<tool>, asks showing server, tool and arguments, and sends the result back', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { sequence: [call('m1', 'everything__echo', { message: 'from the model' }), { answer: { content: 'The server echoed it.' } }] });
    await panel.send('Echo something through MCP');
    const tool = panel.view.locator('[data-testid="tool-call"][data-tool-name="everything__echo"]');
    const approval = tool.locator('[data-testid="tool-approval"]');
    await approval.waitFor({ timeout: 60_000 });
    assert.match(await approval.innerText(), /echo.*everything/s);
    assert.match(await approval.locator('[data-testid="tool-command"]').innerText(), /"message": "from the model"/);
    const offered = toolNames(chatRequests(gw)[0].body);
    assert.ok(offered.includes('everything__echo'), offered.join(', '));
    assert.ok(offered.includes('read_file'), 'the built-in tools are still offered');
    assert.ok(!offered.some((n) => n.startsWith('repo__')), 'the workspace server is not offered before it is allowed');
    await c.wb.screenshot('mcp-approval');
    await tool.locator('[data-testid="approve"]').click();
    const answer = await panel.waitForAnswer();
    assert.equal(await answer.locator('[data-testid="message-content"]').innerText(), 'The server echoed it.');
    assert.equal(await tool.getAttribute('data-state'), 'done');
    const result = chatRequests(gw).at(-1)!.body.messages.find((m: { role: string; tool_call_id?: string }) => m.role === 'tool' && m.tool_call_id === 'm1');
    assert.equal(result.content, 'Echo: from the model');
  });

  it('talks to a server over Streamable HTTP by its URL: offered, asked, answered', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { sequence: [call('h1', 'web__echo', { message: 'over http' }), { answer: { content: 'The remote server echoed it.' } }] });
    const before = chatRequests(gw).length;
    await panel.send('Echo through the remote server');
    const tool = panel.view.locator('[data-testid="tool-call"][data-tool-name="web__echo"]');
    await tool.locator('[data-testid="approve"]').click({ timeout: 60_000 });
    const answer = await panel.waitForAnswer();
    assert.equal(await answer.locator('[data-testid="message-content"]').innerText(), 'The remote server echoed it.');
    assert.ok(toolNames(chatRequests(gw)[before].body).includes('web__echo'));
    const result = chatRequests(gw).at(-1)!.body.messages.find((m: { role: string; tool_call_id?: string }) => m.role === 'tool' && m.tool_call_id === 'h1');
    assert.equal(result.content, 'Echo: over http');
  });

  it('a workspace server does not start until allowed; then its tools come, and its crash mid-call is an error', async () => {
    const { gw, panel, wb } = c;
    const toast = wb.toast(/wants to start the MCP server "repo"/);
    await toast.waitFor({ timeout: 30_000 });
    assert.equal(fs.existsSync(marker()), false, 'nothing ran before the user allowed it');
    await toast.locator('.monaco-button', { hasText: /^Allow and Start$/ }).click();
    gw.route('test-model', { sequence: [call('m2', 'repo__crash', {}), { answer: { content: 'It crashed.' } }] });
    const before = chatRequests(gw).length;
    await panel.send('Use the repository tool');
    const tool = panel.view.locator('[data-testid="tool-call"][data-tool-name="repo__crash"]');
    await tool.locator('[data-testid="approve"]').click({ timeout: 60_000 });
    await panel.waitForAnswer();
    assert.ok(fs.existsSync(marker()), 'allowed: the server started');
    assert.ok(toolNames(chatRequests(gw)[before].body).includes('repo__echo'));
    assert.equal(await tool.getAttribute('data-state'), 'failed');
    const result = chatRequests(gw).at(-1)!.body.messages.find((m: { role: string; tool_call_id?: string }) => m.role === 'tool' && m.tool_call_id === 'm2');
    assert.match(result.content, /The MCP server "repo" could not run crash: the server stopped while the tool ran/);
  });

  it('MCP Servers lists each server with its state and tool count', async () => {
    const { wb } = c;
    await wb.runCommand('Gateway Chat: MCP Servers');
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    // The quick pick fills its rows as it lays them out: wait for each row's text, then check it.
    const rowText = async (name: string, pattern: RegExp) => {
      const row = rows.filter({ hasText: name });
      let text = '';
      await until(`the ${name} row reads ${pattern}`, async () => pattern.test((text = await row.innerText().catch(() => ''))))
        .catch(() => assert.match(text, pattern));
    };
    await rowText('everything', /running · \d+ tools · user settings/);
    await rowText('repo', /(failed|running) · \d+ tools · \.vscode\/mcp\.json/);
    await rowText('web', /running · \d+ tools · user settings/);
    await wb.page.keyboard.press('Escape');
  });

  it('MCP Servers turns a server off for the workspace (its tools leave the request) and on again', async () => {
    const { gw, panel, wb } = c;
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    const act = async (action: string) => {
      await wb.runCommand('Gateway Chat: MCP Servers');
      await rows.filter({ hasText: 'web' }).first().click({ timeout: 15_000 });
      await rows.filter({ hasText: action }).first().click({ timeout: 15_000 });
    };
    const offeredNext = async () => {
      gw.route('test-model', { answer: { content: 'ok' } });
      const before = chatRequests(gw).length;
      await panel.send('Which tools do you have?');
      await panel.waitForAnswer();
      return toolNames(chatRequests(gw)[before].body);
    };
    await act('Turn Off');
    let offered = await offeredNext();
    assert.ok(!offered.some((n) => n.startsWith('web__')), `turned off, still offered: ${offered.join(', ')}`);
    assert.ok(offered.includes('everything__echo'), 'the other servers stay');
    await wb.runCommand('Gateway Chat: MCP Servers');
    await until('the web row says it is turned off', async () => /turned off/.test(await rows.filter({ hasText: 'web' }).first().innerText().catch(() => '')));
    await wb.page.keyboard.press('Escape');
    await act('Turn On');
    offered = await offeredNext();
    assert.ok(offered.includes('web__echo'), `turned on again, not offered: ${offered.join(', ')}`);
  });
});
