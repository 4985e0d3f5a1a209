// Typing while an answer streams: the test gateway streams at 100 chunks/s while Playwright types
// into the composer at 10 characters/s. Each keydown's latency is what the Event Timing API reports
// for it in the chat webview: from the key event to the next frame painted after its handlers ran.
// The API reports only events of 16 ms or more (its smallest threshold), so every keydown without an
// entry took less than 16 ms; the percentile counts them as such.
//
// usage: npx tsx bench/input-latency.ts [--runs N]
import { numberOption } from './options';
import { recordResult } from './results';
import { median, ms, printTable } from './stats';
import { newChat, watchNextAnswer } from './webview/answerWatch';
import { benchModel, openBenchPanel, type BenchPanel } from './webview/benchPanel';

const RUNS = numberOption('--runs', 3);
const KEYS = 60;
const KEYS_PER_SECOND = 10;
const CHUNKS_PER_SECOND = 100;
const THRESHOLD_MS = 16;

const INSTALL = `(() => {
  const entries = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown') entries.push(e.duration);
  });
  observer.observe({ type: 'event', durationThreshold: ${THRESHOLD_MS}, buffered: false });
  let keydowns = 0;
  document.addEventListener('keydown', () => keydowns++, { capture: true });
  window.benchKeys = () => { observer.takeRecords().forEach((e) => e.name === 'keydown' && entries.push(e.duration)); return { entries, keydowns }; };
})()`;

interface Run {
  keydowns: number;
  slow: number[];
  p95: number;
  max: number;
}

/** p95 where the keydowns without an entry count as under the threshold. */
function p95Of(keydowns: number, slow: number[]): number {
  const rank = Math.ceil(0.95 * keydowns);
  const fast = keydowns - slow.length;
  if (rank <= fast) return THRESHOLD_MS - 1; // reported as "< 16 ms"
  return [...slow].sort((a, b) => a - b)[rank - fast - 1];
}

/** `streaming: false` types into an idle panel: the floor the workbench and its webview frame set. */
async function runOnce(bp: BenchPanel, streaming = true): Promise<Run> {
  await newChat(bp.frame);
  if (!streaming) return typeKeys(bp);
  const words = Array.from({ length: 1500 }, (_, i) => (i % 12 === 11 ? 'paragraph.\n\n' : 'streaming ')).join('');
  bp.gw.route(benchModel, { answer: { content: words }, stream: { pieces: 1500, rate: CHUNKS_PER_SECOND } });
  await bp.panel.composer.fill('Stream slowly while I type.');
  const answer = await watchNextAnswer(bp.frame);
  await bp.panel.composer.press('Enter');
  // Typing starts once text is streaming in.
  await bp.frame.locator('[data-testid="message"][data-role="assistant"][data-status="streaming"] [data-testid="message-content"]').last().waitFor();
  const run = await typeKeys(bp);
  await bp.frame.locator('[data-testid="stop"]').click().catch(() => undefined);
  await answer();
  return run;
}

async function typeKeys(bp: BenchPanel): Promise<Run> {
  await bp.frame.evaluate(INSTALL);
  await bp.panel.composer.click();
  for (let i = 0; i < KEYS; i++) {
    await bp.wb.page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    await bp.wb.page.waitForTimeout(1000 / KEYS_PER_SECOND); // the typing pace, not a wait for a state
  }
  const { entries, keydowns } = await bp.frame.evaluate('window.benchKeys()') as { entries: number[]; keydowns: number };
  await bp.panel.composer.fill('');
  if (keydowns < KEYS) throw new Error(`only ${keydowns} of ${KEYS} keydowns reached the composer`);
  return { keydowns, slow: entries, p95: p95Of(keydowns, entries), max: Math.max(0, ...entries) };
}

const show = (v: number) => (v < THRESHOLD_MS ? `< ${THRESHOLD_MS} ms` : ms(v));

async function main(): Promise<void> {
  const bp = await openBenchPanel('bench-input-latency');
  try {
    await runOnce(bp); // warm-up
    const runs: Run[] = [];
    for (let r = 0; r < RUNS; r++) {
      const run = await runOnce(bp);
      runs.push(run);
      console.log(`  run ${r + 1}: ${run.keydowns} keydowns, ${run.slow.length} of ${THRESHOLD_MS} ms or more; p95 ${show(run.p95)}  max ${show(run.max)}`);
    }
    const idle: Run[] = [];
    for (let r = 0; r < RUNS; r++) idle.push(await runOnce(bp, false));
    const idleP95 = median(idle.map((r) => r.p95));
    console.log(`  the same typing with nothing streaming: p95 ${show(idleP95)} (${idle.map((r) => r.slow.length).join(', ')} keydowns of ${THRESHOLD_MS} ms or more)`);
    const p95 = median(runs.map((r) => r.p95));
    const max = median(runs.map((r) => r.max));
    console.log(`\n${KEYS} keys at ${KEYS_PER_SECOND}/s while ${CHUNKS_PER_SECOND} chunks/s stream in, keydown to next paint, median of ${RUNS} runs:\n`);
    printTable([['p95', 'max'], [show(p95), show(max)]]);
    recordResult({ area: `input while streaming (${CHUNKS_PER_SECOND} chunks/s)`, metric: 'keydown to next paint p95', value: show(p95), target: '<= 16 ms', pass: p95 <= 16 });
    recordResult({ area: 'input, nothing streaming', metric: 'keydown to next paint p95 (the floor)', value: show(idleP95) });
  } finally {
    await bp.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
