// Opening a long saved conversation in the real panel: 2,000 messages (~1 MB) written into the
// extension's history store, opened from the history list as a user does. Times are from the click,
// on the webview's clock; the heap is the renderer's JS heap after a forced GC, before and after.
//
// usage: npx tsx bench/long-conversation.ts [--runs N]
import path from 'node:path';
import { conversationFixture, saveConversation } from './conversationFixture';
import { numberOption } from './options';
import { recordResult } from './results';
import { mb, median, ms, printTable } from './stats';
import { newChat } from './webview/answerWatch';
import { openBenchPanel, type BenchPanel } from './webview/benchPanel';
import { extensionId } from '../test/harness/paths';
import { watchOpen, type OpenTimes } from './webview/openWatch';
import { LONG_TASK_MS, longTasks, measureMainThread } from './webview/mainThread';

const RUNS = numberOption('--runs', 3);
const MESSAGES = 2000;

interface Run extends OpenTimes {
  heapGrowth: number;
  heapAfter: number;
  longTasks: number;
  longestTaskMs: number;
}

async function jsHeapAfterGc(bp: BenchPanel): Promise<number> {
  const cdp = await bp.wb.page.context().newCDPSession(bp.wb.page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function openOnce(bp: BenchPanel, lastId: string): Promise<Run> {
  await newChat(bp.frame);
  const before = await jsHeapAfterGc(bp);
  await bp.frame.locator('[data-testid="history"]').click();
  const entry = bp.frame.locator('[data-testid="history-item"] .history-open').first();
  await entry.waitFor();
  const opened = await watchOpen(bp.frame, MESSAGES, lastId);
  const { result: times, time } = await measureMainThread(bp.wb.page, async () => {
    await entry.click();
    return opened();
  });
  if (times.messages !== MESSAGES) throw new Error(`the transcript shows ${times.messages} of ${MESSAGES} messages`);
  const after = await jsHeapAfterGc(bp);
  const long = longTasks(time);
  return { ...times, heapGrowth: after - before, heapAfter: after, longTasks: long.count, longestTaskMs: long.longestMs };
}

async function main(): Promise<void> {
  const conversation = conversationFixture(MESSAGES);
  let bytes = 0;
  const bp = await openBenchPanel('bench-long-conversation', {
    beforePanel: (wb) => {
      bytes = saveConversation(path.join(wb.server.userDataDir, 'User', 'globalStorage', extensionId), conversation);
    },
  });
  try {
    const lastId = conversation.messages.at(-1)!.id;
    await openOnce(bp, lastId); // warm-up
    const runs: Run[] = [];
    for (let r = 0; r < RUNS; r++) {
      const run = await openOnce(bp, lastId);
      runs.push(run);
      console.log(`  run ${r + 1}: shown ${ms(run.shownMs)}  first paint ${ms(run.firstPaintMs)}  interactive ${ms(run.interactiveMs)}  all rendered ${ms(run.allRenderedMs)}  heap +${mb(run.heapGrowth)}  tasks > ${LONG_TASK_MS} ms: ${run.longTasks} (longest ${ms(run.longestTaskMs)})`);
    }
    const med = (f: (r: Run) => number) => median(runs.map(f));
    console.log(`\n${MESSAGES} messages (${mb(bytes)} on disk), from the click on the history entry, median of ${RUNS} runs.`);
    console.log('Interactive: the end of the last task of 50 ms or more (GC pauses count) before a quiet second. The webview');
    console.log("shares the workbench's renderer, so its JS heap is shown as the growth of that heap, after a forced GC.\n");
    printTable([
      ['last message in the DOM', 'first paint', 'interactive', 'all messages rendered', 'JS heap growth', 'renderer JS heap after'],
      [ms(med((r) => r.shownMs)), ms(med((r) => r.firstPaintMs)), ms(med((r) => r.interactiveMs)), ms(med((r) => r.allRenderedMs)), mb(med((r) => r.heapGrowth)), mb(med((r) => r.heapAfter))],
    ]);
    const area = `long conversation (${MESSAGES} messages, ${mb(bytes)})`;
    const paint = med((r) => r.firstPaintMs);
    recordResult({ area, metric: 'first paint', value: ms(paint), target: '<= 200 ms', pass: paint <= 200 });
    const long = med((r) => r.longTasks);
    const longest = med((r) => r.longestTaskMs);
    recordResult({ area: 'long tasks', metric: `webview tasks > ${LONG_TASK_MS} ms opening ${MESSAGES} messages`, value: String(long), target: '0', pass: long === 0 });
    recordResult({ area: 'long tasks', metric: `longest webview task opening ${MESSAGES} messages`, value: ms(longest), target: `< ${LONG_TASK_MS} ms`, pass: longest < LONG_TASK_MS });
    recordResult({ area, metric: 'interactive', value: ms(med((r) => r.interactiveMs)) });
    recordResult({ area, metric: 'JS heap growth (after GC)', value: mb(med((r) => r.heapGrowth)) });
  } finally {
    await bp.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
