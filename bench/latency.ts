// Latency in the real panel: the test gateway streams chunks at 100 per second, each carrying the
// time it was written; the webview notes when each chunk's text is first in its DOM. The span covers
// the gateway's write, the extension host's read and its one-batch-per-frame coalescing, the trip
// through code-server to the workbench and its webview frames, and the render.
//
// usage: npx tsx bench/latency.ts [--runs N]
import { numberOption } from './options';
import { recordResult } from './results';
import { median, ms, percentile, printTable } from './stats';
import { newChat, watchNextAnswer } from './webview/answerWatch';
import { benchModel, openBenchPanel, type BenchPanel } from './webview/benchPanel';
import { STAMP_PLACEHOLDER, stampText, watchStamps } from './webview/stampWatch';

const RUNS = numberOption('--runs', 3);
const CHUNKS = 400;
const PER_SECOND = 100;
const PARAGRAPH = 12; // chunks per paragraph, so blocks keep freezing as in a real answer

/** CHUNKS pieces of equal length, so the gateway's even split hands out exactly one per event. */
function stampedAnswer(): string {
  const words = ['streaming', 'keeps', 'the', 'panel', 'responsive', 'while', 'tokens', 'arrive'];
  const pieces = Array.from({ length: CHUNKS }, (_, i) => {
    const end = (i + 1) % PARAGRAPH === 0 ? '\n\n' : ' ';
    return `${words[i % words.length].padEnd(10, '.')} ${stampText()}${end}`.padEnd(30, ' ');
  });
  return pieces.join('');
}

interface Run {
  p50: number;
  p95: number;
  max: number;
  /** p95 of the part before the webview: extension host and transport. */
  arrivalP95: number;
  seen: number;
}

async function runOnce(bp: BenchPanel): Promise<Run> {
  await newChat(bp.frame);
  bp.gw.route(benchModel, { answer: { content: stampedAnswer() }, stream: { pieces: CHUNKS, rate: PER_SECOND, stampPlaceholder: STAMP_PLACEHOLDER } });
  await bp.panel.composer.fill('Stream slowly, please.');
  const latencies = await watchStamps(bp.frame);
  const answer = await watchNextAnswer(bp.frame);
  await bp.panel.composer.press('Enter');
  const done = await answer();
  if (done.status !== 'complete') throw new Error(`the answer ended ${done.status}`);
  const { dom, arrival } = await latencies();
  if (dom.length < CHUNKS) throw new Error(`only ${dom.length} of ${CHUNKS} chunks were seen in the DOM`);
  return { p50: percentile(dom, 50), p95: percentile(dom, 95), max: Math.max(...dom), arrivalP95: percentile(arrival, 95), seen: dom.length };
}

async function main(): Promise<void> {
  const bp = await openBenchPanel('bench-latency');
  try {
    await runOnce(bp); // warm-up
    const runs: Run[] = [];
    for (let r = 0; r < RUNS; r++) {
      const run = await runOnce(bp);
      runs.push(run);
      console.log(`  run ${r + 1}: ${run.seen} chunks  p50 ${ms(run.p50)}  p95 ${ms(run.p95)}  max ${ms(run.max)}  (p95 to the webview's door: ${ms(run.arrivalP95)})`);
    }
    const p50 = median(runs.map((r) => r.p50));
    const p95 = median(runs.map((r) => r.p95));
    const max = median(runs.map((r) => r.max));
    const arrivalP95 = median(runs.map((r) => r.arrivalP95));
    console.log(`\n${CHUNKS} chunks at ${PER_SECOND}/s, gateway write to webview DOM, median of ${RUNS} runs:\n`);
    printTable([['p50', 'p95', 'max', 'p95 of the part before the webview (host + transport)'], [ms(p50), ms(p95), ms(max), ms(arrivalP95)]]);
    const area = `latency (${PER_SECOND} chunks/s)`;
    recordResult({ area, metric: 'chunk to DOM p50', value: ms(p50) });
    recordResult({ area, metric: 'chunk to DOM p95', value: ms(p95), target: '<= 17 ms', pass: p95 <= 17 });
    recordResult({ area, metric: 'chunk to DOM max', value: ms(max) });
  } finally {
    await bp.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
