// Leaks over an afternoon of use: 200 turns in the real panel (plain answers, a read-only tool call
// and its follow-up, two candidates side by side), a new chat every 10 turns and a reload of the
// webviews every 50, then back to an empty chat. The extension host's heap (through its inspector)
// and the renderer's JS heap (the webview shares the workbench's renderer) are read after a full GC
// before and after; what is left over is the growth.
//
// usage: npx tsx bench/leaks.ts [--turns N]
import { numberOption } from './options';
import { recordResult } from './results';
import { mb, printTable } from './stats';
import { newChat, watchNextAnswer } from './webview/answerWatch';
import { benchModel, chatFrame, openBenchPanel, type BenchPanel } from './webview/benchPanel';
import { extHostHeapAfterGc } from './webview/extHostHeap';

const TURNS = numberOption('--turns', 200);
const NEW_CHAT_EVERY = 10;
const RELOAD_EVERY = 50;
const LIMIT = 5 * 1024 * 1024;

async function rendererHeapAfterGc(bp: BenchPanel): Promise<number> {
  const cdp = await bp.wb.page.context().newCDPSession(bp.wb.page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

function script(turn: number): Parameters<BenchPanel['gw']['route']>[1] {
  const text = `Answer ${turn}: ${'some streamed words '.repeat(40)}\n\n\`\`\`ts\nconst turn = ${turn};\n\`\`\``;
  switch (turn % 3) {
    case 0: return { answer: { content: text }, stream: { pieces: 20 } };
    case 1: return { sequence: [
      { answer: { toolCalls: [{ id: `r${turn}`, name: 'read_file', arguments: JSON.stringify({ path: 'notes.md' }) }] } },
      { answer: { content: text }, stream: { pieces: 20 } },
    ] };
    default: return { answer: { choices: [{ content: text }, { content: `Other ${text}` }] }, stream: { pieces: 20 } };
  }
}

async function turnOnce(bp: BenchPanel, turn: number): Promise<void> {
  bp.gw.route(benchModel, script(turn));
  await bp.panel.composer.fill(`Turn ${turn}`);
  const answer = await watchNextAnswer(bp.frame);
  await bp.panel.composer.press('Enter');
  const done = await answer();
  if (done.status !== 'complete') throw new Error(`turn ${turn} ended ${done.status}`);
}

async function reloadWebview(bp: BenchPanel): Promise<void> {
  const old = bp.frame;
  await bp.wb.runCommand('Developer: Reload Webviews');
  // The old frame goes a moment after the command returns (a turn on it then fails "Frame was detached"):
  // wait for it to go, unless the reload kept it (then it has navigated in place).
  const started = Date.now();
  const deadline = started + 30_000;
  for (;;) {
    const oldGone = old.isDetached() || !bp.wb.page.frames().includes(old) || Date.now() - started > 10_000;
    const frame = oldGone ? attachedChatFrame(bp) : undefined;
    if (frame && await frame.locator('[data-testid="composer"]').count().catch(() => 0)) {
      bp.frame = frame;
      return;
    }
    if (Date.now() > deadline) throw new Error('the chat webview did not come back after Reload Webviews');
    await bp.wb.page.waitForTimeout(100);
  }
}

function attachedChatFrame(bp: BenchPanel) {
  try {
    return chatFrame(bp.wb.page);
  } catch {
    return undefined; // between the old frame going and the new one coming
  }
}

async function main(): Promise<void> {
  const bp = await openBenchPanel('bench-leaks', {
    files: { 'notes.md': '# Notes\n\nA file the model reads.\n' },
    settings: { 'gatewayChat.models': { [`bench/${benchModel}`]: {} } },
  });
  try {
    for (let t = 0; t < 6; t++) await turnOnce(bp, t); // warm-up: every path loaded and JIT-compiled
    await newChat(bp.frame);
    const hostBefore = await extHostHeapAfterGc(bp.wb);
    const webBefore = await rendererHeapAfterGc(bp);
    const started = Date.now();
    for (let t = 1; t <= TURNS; t++) {
      await turnOnce(bp, t);
      if (t % NEW_CHAT_EVERY === 0) await newChat(bp.frame);
      if (t % RELOAD_EVERY === 0) await reloadWebview(bp);
      if (t % 50 === 0) console.log(`  ${t} turns (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    await newChat(bp.frame);
    const hostAfter = await extHostHeapAfterGc(bp.wb);
    const webAfter = await rendererHeapAfterGc(bp);
    const host = hostAfter - hostBefore;
    const web = webAfter - webBefore;
    console.log(`\n${TURNS} turns, heaps after a full GC, before and after:\n`);
    printTable([
      ['heap', 'before', 'after', 'growth'],
      ['extension host', mb(hostBefore), mb(hostAfter), mb(host)],
      ['renderer (workbench + webview)', mb(webBefore), mb(webAfter), mb(web)],
    ]);
    recordResult({ area: `leaks (${TURNS} turns)`, metric: 'extension host heap growth (after GC)', value: mb(host), target: '< 5 MB', pass: host < LIMIT });
    recordResult({ area: `leaks (${TURNS} turns)`, metric: 'renderer JS heap growth (after GC)', value: mb(web), target: '< 5 MB', pass: web < LIMIT });
  } finally {
    await bp.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
