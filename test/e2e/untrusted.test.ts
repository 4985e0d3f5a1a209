import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

// A workspace MCP server that would leave a file behind if it ever started.
const mcpJson = JSON.stringify({ servers: { repo: { command: process.execPath, args: [path.resolve(__dirname, '..', 'unit', 'tools', 'mcp', 'fixtures', 'misbehaving-server.mjs')], env: { MCP_STARTED_MARKER: '${workspaceFolder}/mcp-started.txt' } } } });

describe('tools in Restricted Mode: off, and the model is told', function () {
  let c: Connected;
  before(async () => {
    c = await connect('e2e-untrusted', { untrusted: true, files: { 'src/app.ts': 'export const a = 1;\n', '.vscode/mcp.json': mcpJson } });
  });
  after(async () => disconnect(c));

  it('offers no tools, says why, and runs nothing the model calls anyway', async () => {
    const { gw, panel, wb } = c;
    gw.route('test-model', { sequence: [
      { answer: { toolCalls: [{ id: 'w1', name: 'create_file', arguments: JSON.stringify({ path: 'pwned.txt', content: 'x' }) }] } },
      { answer: { content: 'I cannot change files here.' } },
    ] });
    await panel.send('Create a file');
    const answer = await panel.waitForAnswer();
    assert.equal(await answer.locator('[data-testid="message-content"]').innerText(), 'I cannot change files here.');
    const [first, second] = chatRequests(gw).slice(-2).map((r) => r.body);
    assert.equal(first.tools, undefined, 'no tools are offered in an untrusted workspace');
    const system = first.messages.find((m: { role: string }) => m.role === 'system');
    assert.match(system?.content ?? '', /trust/i, 'the model is told why tools are off');
    const result = second.messages.find((m: { role: string }) => m.role === 'tool');
    assert.equal(result.tool_call_id, 'w1');
    assert.match(result.content, /trust/i);
    const call = panel.view.locator('[data-testid="tool-call"][data-tool-name="create_file"]');
    assert.equal(await call.getAttribute('data-state'), 'failed');
    assert.equal(fs.existsSync(path.join(wb.server.workspace, 'pwned.txt')), false);
    // Restricted Mode: the workspace's .vscode/mcp.json is not read, asked about, or started.
    assert.equal(fs.existsSync(path.join(wb.server.workspace, 'mcp-started.txt')), false);
    assert.equal(await wb.toast(/MCP server/).count(), 0);
  });
});
