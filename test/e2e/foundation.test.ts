import assert from 'node:assert/strict';
import { vsixPath } from '../harness/paths';
import { Workbench } from '../harness/workbench';

describe('foundation: the packaged extension in real VS Code', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open({ name: 'e2e-foundation', vsix: vsixPath });
  });
  after(async () => wb?.close());

  it('opens the chat view from the activity bar and completes the ready handshake', async () => {
    const view = await wb.openChatView();
    await view.locator('[data-testid="status"]').waitFor({ timeout: 30_000 });
    assert.equal(await view.locator('[data-testid="title"]').innerText(), 'Gateway Chat');
    assert.equal(await view.locator('[data-testid="status"]').innerText(), 'Connected to the extension host.');
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

  it('runs a Gateway Chat command from the palette into the panel', async () => {
    await wb.runCommand('Gateway Chat: New Chat');
    await wb.chatView().locator('[data-testid="notice"]', { hasText: 'New chat started.' }).waitFor({ timeout: 15_000 });
    const file = await wb.screenshot('foundation-chat-view');
    assert.ok(file.endsWith('.png'));
  });
});
