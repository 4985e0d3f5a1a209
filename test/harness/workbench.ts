// A page object over the real VS Code workbench in Chromium: what a user sees and clicks.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { extensionId, outputDir } from './paths';

export class Workbench {
  /** Open workbenches, so a failing test can be photographed. */
  static readonly open_ = new Set<Workbench>();

  private constructor(
    readonly server: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    readonly pageErrors: string[],
  ) {}

  /** Starts code-server with the packaged extension and opens the workbench on its workspace. */
  static async open(opts: CodeServerOptions): Promise<Workbench> {
    const server = await startCodeServer(opts);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.part.activitybar .action-label[aria-label^="Gateway Chat"]').waitFor({ timeout: 60_000 });
      const wb = new Workbench(server, browser, page, errors);
      Workbench.open_.add(wb);
      return wb;
    } catch (e) {
      await browser?.close();
      await server.stop();
      throw e;
    }
  }

  async close(): Promise<void> {
    Workbench.open_.delete(this);
    await this.browser.close().catch(() => {});
    await this.server.stop();
  }

  /** This window's log files named `name` (every extension host's, oldest session first). */
  logFiles(name: string): string[] {
    const logs = path.join(this.server.userDataDir, 'logs');
    if (!fs.existsSync(logs)) return [];
    return fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === name).sort().map((f) => path.join(logs, f));
  }

  /** The last lines of the extension's log in this window's newest extension host (after reloads too). */
  extensionLogTail(lines: number): string {
    const newest = this.logFiles('Gateway Chat.log').sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    if (!newest) return '(no Gateway Chat log)';
    return `--- ${newest}\n${fs.readFileSync(newest, 'utf8').split('\n').slice(-lines).join('\n')}`;
  }

  /** Runs a command from the palette by its title, as a user types it after F1. */
  async runCommand(title: string): Promise<void> {
    const { page } = this;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>' + title);
    // Click the row labelled exactly `title`: Enter would run whichever row is first (recently used ones lead).
    await page.locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) })
      .first().click({ timeout: 15_000 });
    // The palette closes, or the command opens a quick input of its own in its place.
    const end = Date.now() + 15_000;
    while (Date.now() < end) {
      const open = await page.locator('.quick-input-widget').isVisible();
      const value = open ? await input.inputValue().catch(() => '') : '';
      if (!open || !value.startsWith('>')) return;
      await page.waitForTimeout(50);
    }
    throw new Error(`the command palette did not run "${title}"`);
  }

  /** Reloads the window, as Developer: Reload Window does, and waits for the workbench. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.locator('.part.activitybar .action-label[aria-label^="Gateway Chat"]').waitFor({ timeout: 60_000 });
  }

  /** Opens a workspace file with Quick Open and waits for its text. */
  async openFile(name: string): Promise<void> {
    const { page } = this;
    const input = page.locator('.quick-input-widget input');
    // Click the row whose file name is exactly `name`: the first row may be a recent look-alike.
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
    // Quick Open closes when focus moves (an editor that was just closing or opening takes it):
    // open it again until a row could be picked.
    for (let attempt = 1; ; attempt++) {
      try {
        await page.keyboard.press('Control+P');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(name, { timeout: 5_000 });
        await row.first().click({ timeout: 15_000 });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
        await page.keyboard.press('Escape');
      }
    }
    await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: 30_000 });
    await this.editorLines().first().waitFor({ timeout: 30_000 });
  }

  editorLines() {
    return this.page.locator('.editor-instance .monaco-editor .view-line');
  }

  /** The active editor's text as VS Code renders it: Monaco reuses line elements, so order them by position. */
  async editorText(): Promise<string> {
    const lines = await this.page.locator('.editor-instance .monaco-editor .view-lines').first().evaluate((root) =>
      [...root.querySelectorAll<HTMLElement>('.view-line')]
        .map((l) => ({ top: parseFloat(l.style.top) || 0, text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text));
    return lines.join('\n');
  }

  /** Undo in the active editor: focus it first, or Ctrl+Z lands in whatever had focus (often the webview). */
  async undo(): Promise<void> {
    await this.editorLines().first().click();
    await this.page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Control+Z');
  }

  /** Selects whole lines [from, to] (1-based) in the active editor with the keyboard. */
  async selectLines(from: number, to: number): Promise<void> {
    await this.editorLines().first().click();
    await this.page.keyboard.press('Control+Home');
    for (let i = 1; i < from; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Home');
    for (let i = from; i <= to; i++) await this.page.keyboard.press('Shift+ArrowDown');
  }

  /** Answers an open quick input (input box or pick) with text and Enter. */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    // A file dialog fills in its default path shortly after it shows: type until our text stays.
    for (let i = 0; i < 20; i++) {
      await input.fill(text);
      await this.page.waitForTimeout(150);
      if ((await input.inputValue()) === text) break;
    }
    await this.page.keyboard.press('Enter');
  }

  /** The clipboard's text once it holds something (writes from the extension host are asynchronous). */
  async clipboard(timeout = 5000): Promise<string> {
    const end = Date.now() + timeout;
    let text = '';
    while (!text && Date.now() < end) {
      text = await this.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      if (!text) await this.page.waitForTimeout(100);
    }
    return text;
  }

  /** Shows the chat view; the activity bar icon toggles, so it is clicked only when the view is not showing. */
  async openChatView(): Promise<FrameLocator> {
    const frame = this.page.locator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`);
    const item = this.page.locator('.part.activitybar .action-item:has(.action-label[aria-label^="Gateway Chat"])');
    const end = Date.now() + 30_000;
    while (Date.now() < end && !(await frame.isVisible())) {
      // A checked item means the view is showing or still loading: clicking it again would hide it.
      if (!/\bchecked\b/.test((await item.getAttribute('class')) ?? '')) await item.locator('.action-label').click();
      await this.page.waitForTimeout(250);
    }
    return this.chatView();
  }

  /** The chat webview's document: two nested iframes, the outer one tagged with our extension id. */
  chatView(): FrameLocator {
    return this.page
      .frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`)
      .frameLocator('iframe#active-frame');
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(outputDir, { recursive: true });
    const file = path.join(outputDir, `${name}.png`);
    await this.page.mouse.move(900, 600); // no hover tooltip in the picture
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Just the side bar (the panel), for README-sized pictures. */
  async screenshotPanel(name: string): Promise<string> {
    fs.mkdirSync(outputDir, { recursive: true });
    const file = path.join(outputDir, `${name}.png`);
    await this.page.mouse.move(900, 600);
    await this.page.keyboard.press('Escape'); // dismisses a lingering hover
    await this.page.waitForTimeout(600);
    await this.page.locator('.part.sidebar').screenshot({ path: file });
    return file;
  }

  /** Notifications currently shown as toasts. */
  toast(text: string | RegExp) {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
