// A page object over the real VS Code workbench in Chromium: what a user sees and clicks.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { extensionId, outputDir } from './paths';

export class Workbench {
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
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.part.activitybar .action-label[aria-label^="Gateway Chat"]').waitFor({ timeout: 60_000 });
      return new Workbench(server, browser, page, errors);
    } catch (e) {
      await browser?.close();
      await server.stop();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
    await this.server.stop();
  }

  /** Runs a command from the palette by its title, as a user types it after F1. */
  async runCommand(title: string): Promise<void> {
    const { page } = this;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>' + title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
  }

  async openChatView(): Promise<FrameLocator> {
    await this.page.locator('.part.activitybar .action-label[aria-label^="Gateway Chat"]').click();
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
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Notifications currently shown as toasts. */
  toast(text: string | RegExp) {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }
}
