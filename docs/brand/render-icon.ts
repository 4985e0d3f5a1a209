// Renders docs/brand/icon.svg to media/icon.png (128x128, transparent corners) in the test host's
// Chromium: `npx tsx docs/brand/render-icon.ts`. The PNG is committed; run this after editing the SVG.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../../test/harness/browser';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const svg = fs.readFileSync(path.join(root, 'docs/brand/icon.svg'), 'utf8');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(root, 'media/icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

void main();
