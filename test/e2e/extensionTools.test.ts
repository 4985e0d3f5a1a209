// Tools other extensions register with VS Code: a real extension (a fixture packaged here with vsce and
// installed next to ours) registers `fixture_echo`; with gatewayChat.tools.fromExtensions on, the model is
// offered it, the call asks in the transcript like an MCP tool, and the tool's answer goes back to the model.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chatRequests, connect, disconnect, type Connected } from './fixtures';

const fixture = path.join(__dirname, 'assets', 'echo-tool-extension');
const vsce = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'vsce');

function packageFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'echo-tool-'));
  fs.cpSync(fixture, dir, { recursive: true });
  const vsix = path.join(dir, 'echo-tool.vsix');
  execFileSync(vsce, ['package', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: dir, stdio: 'pipe' });
  return vsix;
}

describe('tools from other extensions (vscode.lm.tools)', function () {
  let c: Connected;
  before(async () => {
    c = await connect('e2e-extension-tools', { extraVsix: [packageFixture()], settings: { 'gatewayChat.tools.fromExtensions': true } });
  });
  after(async () => disconnect(c));

  it('offers another extension\'s tool, asks before running it, and sends its result back', async () => {
    const { gw, panel } = c;
    gw.route('test-model', { sequence: [
      { answer: { toolCalls: [{ id: 'x1', name: 'fixture_echo', arguments: JSON.stringify({ text: 'hello' }) }] } },
      { answer: { content: 'The extension answered.' } },
    ] });
    await panel.send('Use the echo tool');
    const tool = panel.view.locator('[data-testid="tool-call"][data-tool-name="fixture_echo"]');
    const approval = tool.locator('[data-testid="tool-approval"]');
    await approval.waitFor({ timeout: 60_000 });
    assert.match(await approval.locator('[data-testid="tool-command"]').innerText(), /"text": "hello"/);
    const offered = (chatRequests(gw)[0].body.tools ?? []).map((t: { function: { name: string } }) => t.function.name);
    assert.ok(offered.includes('fixture_echo'), offered.join(', '));
    await tool.locator('[data-testid="approve"]').click();
    const answer = await panel.waitForAnswer();
    assert.equal(await answer.locator('[data-testid="message-content"]').innerText(), 'The extension answered.');
    const result = chatRequests(gw).at(-1)!.body.messages.find((m: { role: string; tool_call_id?: string }) => m.role === 'tool' && m.tool_call_id === 'x1');
    assert.equal(result.content, 'Echo from another extension: hello');
  });
});
