import assert from 'node:assert/strict';
import { vsixPath } from '../harness/paths';
import { Workbench } from '../harness/workbench';

describe('foundation: the packaged extension in real VS Code', function () {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open({ name: 'e2e-foundation', vsix: vsixPath });
  });
  after(async () => wb?.close());

  it('opens the chat view from the activity bar and completes the ready handshake', async () => {
    const view = await wb.openChatView();
    await view.locator('[data-testid="composer"]').waitFor({ timeout: 30_000 });
    // With no endpoint configured the panel starts with the setup form.
    await view.locator('[data-testid="setup"]').waitFor({ timeout: 15_000 });
    assert.equal(await view.locator('[data-testid="send"]').innerText(), 'Send');
  });

  it('serves the page under a strict CSP with a script nonce', async () => {
    const csp = await wb.chatView().locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp, 'the page has a CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.doesNotMatch(csp, /connect-src|unsafe-inline|unsafe-eval/);
    const script = wb.chatView().locator('script[src*="webview.js"]');
    assert.match((await script.getAttribute('nonce')) ?? '', /^[A-Za-z0-9+/=]{20,}$/);
  });

  it('runs a Gateway Chat command from the palette', async () => {
    await wb.runCommand('Gateway Chat: New Chat');
    const view = wb.chatView();
    await view.locator('[data-testid="composer"]:focus').waitFor({ timeout: 15_000 });
    await wb.screenshot('foundation-chat-view');
  });
});
