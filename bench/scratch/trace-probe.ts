import fs from 'node:fs';
import { connect, disconnect } from '../../test/e2e/fixtures';
import { answerFixture } from '../answerFixture';

async function main() {
  const tokens = Number(process.argv[2] ?? 4000);
  const c = await connect('bench-probe');
  const page = c.wb.page;
  const text = answerFixture(tokens * 4);
  c.gw.route('test-model', { answer: { content: text }, stream: { pieces: tokens } });
  const browser = page.context().browser()!;
  const pcdp = await page.context().newCDPSession(page);
  const tree = await pcdp.send('Page.getFrameTree');
  console.log(JSON.stringify(tree, (k, v) => (k === 'url' || k === 'id' || k === 'childFrames' || k === 'frameTree' || k === 'frame' || /^\d+$/.test(k) ? v : undefined)));
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink.user_timing'] });
  const t0 = Date.now();
  await c.panel.send('go');
  await c.panel.waitForAnswer('complete', 300_000);
  console.log('wall', Date.now() - t0);
  const buf = await browser.stopTracing();
  fs.writeFileSync(`/tmp/trace-${tokens}.json`, buf);
  await disconnect(c);
}
main().catch((e) => { console.error(e); process.exit(1); });
