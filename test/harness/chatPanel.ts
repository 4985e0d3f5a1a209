// What a user does in the Gateway Chat panel, for e2e tests.
import type { FrameLocator, Locator } from 'playwright-core';
import type { Workbench } from './workbench';

export class ChatPanel {
  /** The last answer's id before the last send: the answer to wait for is a newer one. */
  private answerBefore: string | null = null;

  constructor(readonly wb: Workbench, readonly view: FrameLocator) {}

  static async open(wb: Workbench): Promise<ChatPanel> {
    const view = await wb.openChatView();
    await view.locator('[data-testid="composer"]').waitFor({ timeout: 30_000 });
    return new ChatPanel(wb, view);
  }

  get composer(): Locator {
    return this.view.locator('[data-testid="composer"]');
  }

  /** Call before something other than the composer (a command, a button) starts an answer. */
  async expectAnswer(): Promise<void> {
    this.answerBefore = (await this.messages('assistant').count()) ? await this.lastAssistant().getAttribute('data-id') : null;
  }

  async send(text: string): Promise<void> {
    await this.expectAnswer();
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  messages(role?: 'user' | 'assistant'): Locator {
    return this.view.locator(role ? `[data-testid="message"][data-role="${role}"]` : '[data-testid="message"]');
  }

  /**
   * The panel's codicons that draw nothing (their class reaches no glyph rule: build/codiconSubset.js
   * left the icon out), and whether the icon font itself loads and has the glyph of `add`.
   */
  async iconsWithoutGlyph(): Promise<{ count: number; missing: string[]; fontLoaded: boolean }> {
    return this.view.locator('body').evaluate(`(async () => {
      const icons = [...document.querySelectorAll('.codicon')];
      const missing = icons.filter((e) => !/^".+"$/.test(getComputedStyle(e, '::before').content)).map((e) => e.className);
      const faces = await document.fonts.load('16px codicon', '\\uea60');
      return { count: icons.length, missing, fontLoaded: faces.length > 0 && faces.every((f) => f.status === 'loaded') };
    })()`) as Promise<{ count: number; missing: string[]; fontLoaded: boolean }>;
  }

  lastAssistant(): Locator {
    return this.messages('assistant').last();
  }

  /**
   * Waits until the answer to the last send (or, with `sameAnswer`, the last answer) reaches one of
   * the given states; fails at once if it settles in another.
   */
  async waitForAnswer(status: string | string[] = 'complete', timeout = 30_000, sameAnswer = false): Promise<Locator> {
    const states = Array.isArray(status) ? status : [status];
    const end = Date.now() + timeout;
    const answer = this.lastAssistant();
    await answer.waitFor({ timeout });
    while (!sameAnswer && (await answer.getAttribute('data-id')) === this.answerBefore) {
      if (Date.now() > end) throw new Error('no new answer appeared');
      await new Promise((r) => setTimeout(r, 50));
    }
    let last: string | null = null;
    while (Date.now() < end) {
      last = await answer.getAttribute('data-status');
      // A tool loop's intermediate answers are complete while the turn goes on: wait for the panel to settle.
      const busy = await this.view.locator('#app').getAttribute('data-busy');
      if (last && states.includes(last) && busy !== 'true') return answer;
      if (last && last !== 'streaming' && busy !== 'true') throw new Error(`the answer ended as ${last}, expected ${states.join(' or ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // What the turn waits on (an approval, a running tool), so a failure in CI says why.
    const calls = await this.view.locator('[data-testid="tool-call"]').evaluateAll((n) => n.map((c) =>
      `${(c as HTMLElement).dataset.callId}:${(c as HTMLElement).dataset.state}${c.querySelector('[data-testid="tool-approval"]') ? '(asking)' : ''}`));
    throw new Error(`the answer stayed ${last}, expected ${states.join(' or ')}; tool calls: ${calls.join(' ') || 'none'}`);
  }
}

/** Waits until a locator matches exactly `n` elements (lists that update asynchronously). */
export async function waitForCount(locator: Locator, n: number, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  let count = -1;
  while (Date.now() < end) {
    count = await locator.count();
    if (count === n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${n} matches, found ${count}`);
}

/** Polls until `check` holds (state that changes asynchronously in the panel or the workbench). */
export async function until(what: string, check: () => Promise<boolean>, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}
