// Opening the panel as a user does: a click on the activity-bar icon to a composer that takes
// input, on the page's clock. The click time is the event's own timestamp; "interactive" is the
// first frame painted once the composer is in the chat webview's DOM, enabled and on screen, watched
// from the workbench page once per frame (code-server serves webviews from the workbench's origin,
// so their documents are reachable from it): a figure may read up to one frame late.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { extensionId } from '../../test/harness/paths';
import type { Workbench } from '../../test/harness/workbench';

const WATCH = `((extensionId) => new Promise((resolve) => {
  let clickedAt = 0;
  const onClick = (e) => {
    const item = e.target.closest && e.target.closest('.part.activitybar .action-item');
    if (item && (item.querySelector('.action-label')?.getAttribute('aria-label') || '').startsWith('Gateway Chat')) clickedAt = performance.timeOrigin + e.timeStamp;
  };
  document.addEventListener('click', onClick, true);
  const composerReady = () => {
    for (const outer of document.querySelectorAll('iframe.webview')) {
      if (!outer.src.includes('extensionId=' + extensionId)) continue;
      const box = outer.getBoundingClientRect();
      if (!box.width || !box.height || getComputedStyle(outer).visibility === 'hidden') continue;
      const inner = outer.contentDocument?.querySelector('iframe#active-frame')?.contentDocument;
      const composer = inner?.querySelector('[data-testid="composer"]');
      if (composer && !composer.disabled && composer.getBoundingClientRect().width > 0) return true;
    }
    return false;
  };
  const tick = () => {
    if (clickedAt && composerReady()) {
      requestAnimationFrame(() => setTimeout(() => {
        document.removeEventListener('click', onClick, true);
        resolve(performance.timeOrigin + performance.now() - clickedAt);
      }));
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}))`;

const activityItem = (page: Page, label: string) => page.locator(`.part.activitybar .action-item:has(.action-label[aria-label^="${label}"]) .action-label`);

const ourItem = (page: Page) => page.locator('.part.activitybar .action-item:has(.action-label[aria-label^="Gateway Chat"])');

/**
 * Clicks `label`'s activity-bar icon until the workbench takes it: code-server now and then drops a
 * click on the activity bar (the item's state never changes, nothing opens or hides). The watch counts
 * from the latest click, the one the workbench acted on.
 */
async function clickUntil(page: Page, label: string, oursChecked: boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await activityItem(page, label).click();
    const taken = await page.waitForFunction(({ el, want }) => !!el && el.classList.contains('checked') === want, { el: await ourItem(page).elementHandle(), want: oursChecked }, { timeout: 5_000 })
      .then(() => true, () => false);
    if (taken) return;
    if (attempt >= 3) {
      await page.screenshot({ path: path.join('test-output', `bench-click-${label.replace(/\W+/g, '-')}-lost.png`) }).catch(() => undefined);
      throw new Error(`the ${label} activity-bar click was not taken after ${attempt} tries`);
    }
    console.log(`  (the ${label} activity-bar click was not taken; clicking again)`);
  }
}

/** Clicks the Gateway Chat icon and resolves with the time from that click to an interactive composer. */
export async function timeOpen(page: Page): Promise<number> {
  const watching = page.evaluate(`${WATCH}(${JSON.stringify(extensionId)})`) as Promise<number>;
  await clickUntil(page, 'Gateway Chat', true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the composer did not become interactive within 60 s of the click')), 60_000);
  });
  try {
    return await Promise.race([watching, timeout]);
  } catch (e) {
    await page.screenshot({ path: path.join('test-output', 'bench-open-failed.png') }).catch(() => undefined);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

export async function hideChat(page: Page): Promise<void> {
  await clickUntil(page, 'Explorer', false);
  await page.locator(`iframe.webview[src*="extensionId=${extensionId}"]`).first().waitFor({ state: 'hidden', timeout: 15_000 });
}

/** A window a user would click in: the extension host has activated the eager extensions and the page is idle. */
export async function settled(wb: Workbench): Promise<void> {
  const end = Date.now() + 60_000;
  const started = () => wb.logFiles('remoteexthost.log').some((f) => fs.readFileSync(f, 'utf8').includes('Eager extensions activated'));
  while (!started()) {
    if (Date.now() > end) throw new Error('the extension host never finished starting');
    await new Promise((r) => setTimeout(r, 200));
  }
  await wb.page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(undefined), { timeout: 5000 })));
}
