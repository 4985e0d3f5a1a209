// Render scaling in the real panel: a 4k- and a 40k-token markdown answer streamed by the test
// gateway into the chat webview of code-server in Chromium, rendered by the panel's streaming
// renderer and, in a second installation, by a naive one (whole message re-parsed and assigned to
// innerHTML on every delta). Runs alternate between sizes and renderers so load from elsewhere on
// the machine falls on all of them alike.
//
// usage: npx tsx bench/webview-render.ts [--runs N]
import { answerFixture, CHARS_PER_TOKEN } from './answerFixture';
import { numberOption } from './options';
import { recordResult } from './results';
import { median, ms, printTable, ratio } from './stats';
import { newChat, watchNextAnswer, type AnswerDone } from './webview/answerWatch';
import { benchModel, openBenchPanel, type BenchPanel } from './webview/benchPanel';
import { LONG_TASK_MS, longTasks, measureMainThread, type MainThreadTime } from './webview/mainThread';
import { buildNaiveWebview } from './webview/naiveBundle';

const RUNS = numberOption('--runs', 3);
const SIZES = [4_000, 40_000];
// As fast as the extension takes it: the gateway sends 2 KB of SSE (about 10 one-token events) per
// millisecond, far beyond any model, yet paced, so the host still posts one batch per frame rather
// than starving its own timers on one huge read.
const STREAM = { chunkBytes: 2048, rate: 1000 };

interface Run extends MainThreadTime {
  wallMs: number;
  longTasks: number;
  longestTaskMs: number;
}

async function streamOnce(bp: BenchPanel, renderer: string, tokens: number, text: string): Promise<Run> {
  await newChat(bp.frame);
  bp.gw.route(benchModel, { answer: { content: text }, stream: { pieces: tokens, ...STREAM } });
  await bp.panel.composer.fill('Walk me through the whole module, step by step.');
  const answer = await watchNextAnswer(bp.frame);
  const { result, time } = await measureMainThread(bp.wb.page, async () => {
    await bp.panel.composer.press('Enter');
    return answer();
  });
  checkFinalDom(result, renderer, text);
  const long = longTasks(time);
  return { ...time, wallMs: result.wallMs, longTasks: long.count, longestTaskMs: long.longestMs };
}

/** A run counts only if the renderer meant drew the whole answer: complete, every code block there. */
function checkFinalDom(done: AnswerDone, renderer: string, text: string): void {
  const fences = text.match(/^```\w/gm)?.length ?? 0;
  if (done.status !== 'complete' || done.codeBlocks !== fences) {
    throw new Error(`the answer ended ${done.status} with ${done.codeBlocks} of ${fences} code blocks`);
  }
  if ((renderer === 'naive') !== (done.renderer === 'naive')) throw new Error(`the ${renderer} run was drawn by the ${done.renderer} renderer`);
}

async function main(): Promise<void> {
  const naiveBundle = await buildNaiveWebview();
  const panels: [string, BenchPanel][] = [];
  try {
    panels.push(['panel', await openBenchPanel('bench-render-panel')]);
    panels.push(['naive', await openBenchPanel('bench-render-naive', { webviewBundle: naiveBundle })]);
    const texts = SIZES.map((tokens) => answerFixture(tokens * CHARS_PER_TOKEN));
    for (const [name, bp] of panels) await streamOnce(bp, name, SIZES[0], texts[0]); // warm-up: JIT, fonts, caches
    const runs = new Map<string, Run[]>();
    for (let r = 0; r < RUNS; r++) {
      for (const [i, tokens] of SIZES.entries()) {
        for (const [name, bp] of panels) {
          const run = await streamOnce(bp, name, tokens, texts[i]);
          const key = `${name}/${tokens}`;
          runs.set(key, [...(runs.get(key) ?? []), run]);
          console.log(`  run ${r + 1}: ${name.padEnd(5)} ${String(tokens).padStart(6)} tokens  webview ${ms(run.webviewMs).padStart(9)}  renderer ${ms(run.rendererMs).padStart(9)}  wall ${ms(run.wallMs).padStart(9)}  tasks > ${LONG_TASK_MS} ms: ${run.longTasks} (longest ${ms(run.longestTaskMs)})`);
        }
      }
    }
    report(runs);
  } finally {
    for (const [, bp] of panels) await bp.close();
  }
}

function report(runs: Map<string, Run[]>): void {
  const med = (key: string, field: Exclude<keyof Run, 'webviewTasksMs'>) => median(runs.get(key)!.map((r) => r[field]));
  console.log(`\nmedian of ${RUNS} runs; webview = main-thread time of the chat webview's frames, renderer = the whole`);
  console.log('renderer main thread (workbench + webview + paint), wall = Enter to the final DOM\n');
  const rows = [['tokens', 'renderer', 'webview main thread', 'renderer main thread', 'wall to final DOM']];
  for (const tokens of SIZES) {
    for (const name of ['panel', 'naive']) {
      const key = `${name}/${tokens}`;
      rows.push([String(tokens), name, ms(med(key, 'webviewMs')), ms(med(key, 'rendererMs')), ms(med(key, 'wallMs'))]);
    }
  }
  printTable(rows);
  const [small, large] = SIZES;
  const scaling = med(`panel/${large}`, 'webviewMs') / med(`panel/${small}`, 'webviewMs');
  const naiveScaling = med(`naive/${large}`, 'webviewMs') / med(`naive/${small}`, 'webviewMs');
  const vsNaive = med(`naive/${large}`, 'webviewMs') / med(`panel/${large}`, 'webviewMs');
  console.log(`\npanel ${large / 1000}k / ${small / 1000}k tokens: ${ratio(scaling)} (naive: ${ratio(naiveScaling)}); naive / panel at ${large / 1000}k: ${ratio(vsNaive)}`);
  const area = 'render (real webview)';
  recordResult({ area, metric: `webview main thread, ${small / 1000}k tokens`, value: ms(med(`panel/${small}`, 'webviewMs')) });
  recordResult({ area, metric: `webview main thread, ${large / 1000}k tokens`, value: ms(med(`panel/${large}`, 'webviewMs')) });
  recordResult({ area, metric: `wall to final DOM, ${large / 1000}k tokens`, value: ms(med(`panel/${large}`, 'wallMs')) });
  recordResult({ area, metric: `scaling ${large / 1000}k / ${small / 1000}k (main thread)`, value: ratio(scaling), target: '<= 10x', pass: scaling <= 10 });
  recordResult({ area, metric: `naive / panel at ${large / 1000}k (main thread)`, value: ratio(vsNaive), target: '>= 5x', pass: vsNaive >= 5 });
  const long = med(`panel/${large}`, 'longTasks');
  const longest = med(`panel/${large}`, 'longestTaskMs');
  recordResult({ area: 'long tasks', metric: `webview tasks > ${LONG_TASK_MS} ms while streaming ${large / 1000}k tokens`, value: String(long), target: '0', pass: long === 0 });
  recordResult({ area: 'long tasks', metric: `longest webview task while streaming ${large / 1000}k tokens`, value: ms(longest), target: `< ${LONG_TASK_MS} ms`, pass: longest < LONG_TASK_MS });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
