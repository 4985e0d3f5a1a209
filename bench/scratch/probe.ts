import { connect, disconnect } from '../../test/e2e/fixtures';
async function main() {
  const c = await connect('bench-probe');
  const page = c.wb.page;
  for (const f of page.frames()) console.log('frame', f.url().slice(0, 200));
  const cdp = await page.context().browser()!.newBrowserCDPSession();
  const t = await cdp.send('Target.getTargets');
  for (const x of t.targetInfos) console.log('target', x.type, x.url.slice(0, 160));
  const pcdp = await page.context().newCDPSession(page);
  await pcdp.send('Performance.enable');
  console.log((await pcdp.send('Performance.getMetrics')).metrics.filter((m: any) => /Duration|Heap|Nodes|Frames|Documents/.test(m.name)));
  await disconnect(c);
}
main().catch((e) => { console.error(e); process.exit(1); });
