// Streaming markdown benchmark: StreamingMarkdown (freeze finished blocks, re-render the open tail)
// against the naive renderer it replaces (re-parse the whole text, sanitize, assign innerHTML on
// every delta), both in jsdom, at ~4k and ~40k tokens streamed in ~4-character deltas.
//
// usage: npx tsx bench/markdown.ts [--runs N] [--delta N] [--tokens SMALL,LARGE] [--full-naive | --estimate-only]
//
// The naive renderer is quadratic: at 40k tokens a full run takes tens of minutes in jsdom, so by
// default its 40k figure is estimated from evenly spaced sample deltas (the naive step is stateless,
// so total = mean sampled step x number of deltas). At 4k tokens both the full run and the estimate
// are printed, to show how close the estimate is. --full-naive measures 40k for real.
// A default run takes about 10 minutes, most of it the naive renderer at 4k; --estimate-only skips
// that full run (npm run bench uses it: the real-webview benchmark measures the naive renderer in full).
import DOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { StreamingMarkdown } from '../src/webview/markdown';
import { answerFixture, CHARS_PER_TOKEN } from './answerFixture';
import { recordResult } from './results';
import { median, ratio } from './stats';
import { NAIVE_PURIFY_CONFIG } from './webview/naiveMarkdown';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', '3'));
const DELTA = Number(option('--delta', '4'));
const FULL_NAIVE = args.includes('--full-naive');
const ESTIMATE_ONLY = args.includes('--estimate-only');
const TOKENS = option('--tokens', '4000,40000').split(',').map(Number);
const NAIVE_SAMPLES = 120;

function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const dom = new JSDOM('<!doctype html><body></body>');
const document = dom.window.document;
const newContainer = () => document.body.appendChild(document.createElement('div'));

// Each delta runs in its own task, as in the webview (one host post per frame). This also matters
// for jsdom: it keeps NodeIterators (DOMPurify makes one per call) in WeakRefs, whose targets live
// until the current task ends, so a long synchronous loop would pile up garbage and slow down.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Run `step(i)` for i in [0, count), one per task, timing only the steps. */
async function timed(count: number, step: (i: number) => void): Promise<number> {
  let elapsed = 0;
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    step(i);
    elapsed += performance.now() - start;
    await yieldToEventLoop();
  }
  return elapsed;
}

async function timeStreaming(chunks: string[]): Promise<number> {
  const container = newContainer();
  const renderer = new StreamingMarkdown(container);
  const elapsed = await timed(chunks.length + 1, (i) => (i < chunks.length ? renderer.append(chunks[i]) : renderer.finish()));
  container.remove();
  return elapsed;
}

// The baseline: same markdown-it options and sanitizer policy, no incrementality.
const naiveMd = new MarkdownIt({ html: false, linkify: true, typographer: false });
const purify = DOMPurify(dom.window as unknown as Parameters<typeof DOMPurify>[0]);
const naiveStep = (container: HTMLElement, text: string) => {
  container.innerHTML = purify.sanitize(naiveMd.render(text), NAIVE_PURIFY_CONFIG);
};

function prefixEnds(chunks: string[]): number[] {
  const ends: number[] = [];
  for (let i = 0, end = 0; i < chunks.length; i++) ends.push((end += chunks[i].length));
  return ends;
}

async function timeNaiveFull(chunks: string[]): Promise<number> {
  const container = newContainer();
  const text = chunks.join('');
  const ends = prefixEnds(chunks);
  const elapsed = await timed(chunks.length, (i) => naiveStep(container, text.slice(0, ends[i])));
  container.remove();
  return elapsed;
}

/** Time evenly spaced naive steps (each re-renders its whole prefix) and scale to every delta. */
async function estimateNaive(chunks: string[]): Promise<number> {
  const container = newContainer();
  const text = chunks.join('');
  const ends = prefixEnds(chunks);
  let total = 0;
  for (let k = 0; k < NAIVE_SAMPLES; k++) {
    const i = Math.floor(((k + 0.5) * chunks.length) / NAIVE_SAMPLES);
    // Start from what the previous step would have left in the container, as in a full run.
    naiveStep(container, text.slice(0, ends[Math.max(0, i - 1)]));
    await yieldToEventLoop();
    total += await timed(1, () => naiveStep(container, text.slice(0, ends[i])));
  }
  container.remove();
  return (total / NAIVE_SAMPLES) * chunks.length;
}

async function medianOf(runs: number, measure: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await measure());
  return median(values);
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(9)} ms`;

async function main(): Promise<void> {
  console.log(`markdown streaming benchmark: ${DELTA}-char deltas, median of ${RUNS} runs, jsdom, node ${process.version}`);
  const sizes = TOKENS.map((tokens) => ({ tokens, text: answerFixture(tokens * CHARS_PER_TOKEN) }));
  for (let i = 0; i < 2; i++) await timeStreaming(chunk(sizes[0].text, DELTA)); // warm up the JIT first
  // Streaming runs alternate between the sizes, so load from other processes drifting over the
  // minutes a run takes falls on both sizes alike rather than skewing the scaling figure.
  const streamingRuns = sizes.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) {
    for (const [i, { text }] of sizes.entries()) streamingRuns[i].push(await timeStreaming(chunk(text, DELTA)));
  }
  const results: { streaming: number; naive?: number; estimate: number }[] = [];
  for (const [i, { tokens, text }] of sizes.entries()) {
    const chunks = chunk(text, DELTA);
    const streaming = median(streamingRuns[i]);
    const naive = (tokens === TOKENS[0] && !ESTIMATE_ONLY) || FULL_NAIVE ? await medianOf(RUNS, () => timeNaiveFull(chunks)) : undefined;
    const estimate = await estimateNaive(chunks);
    const baseline = naive ?? estimate;
    console.log(`\n~${tokens} tokens (${(text.length / 1024).toFixed(0)} KB, ${chunks.length} deltas)`);
    console.log(`  StreamingMarkdown        ${fmt(streaming)}   (${((streaming * 1000) / chunks.length).toFixed(0)} µs per delta)`);
    if (naive !== undefined) console.log(`  naive re-render          ${fmt(naive)}`);
    console.log(`  naive, sampled estimate  ${fmt(estimate)}   (${NAIVE_SAMPLES} evenly spaced deltas x ${chunks.length})`);
    console.log(`  naive / streaming        ${(baseline / streaming).toFixed(1).padStart(9)}x${naive === undefined ? '   (against the estimate)' : ''}`);
    results.push({ streaming, naive, estimate });
  }
  const [small, large] = results;
  const factor = TOKENS[1] / TOKENS[0];
  const times = (a: number, b: number) => `${(a / b).toFixed(1).padStart(9)}x`;
  console.log(`\nscaling ${TOKENS[1]} / ${TOKENS[0]} tokens (${factor}x the text):`);
  console.log(`  StreamingMarkdown        ${times(large.streaming, small.streaming)}   (linear would be ~${factor}x)`);
  console.log(`  naive, sampled estimates ${times(large.estimate, small.estimate)}   (quadratic would be ~${factor * factor}x)`);
  if (large.naive !== undefined && small.naive !== undefined) console.log(`  naive re-render          ${times(large.naive, small.naive)}`);
  const area = 'markdown renderer alone (jsdom)';
  recordResult({ area, metric: `scaling ${TOKENS[1] / 1000}k / ${TOKENS[0] / 1000}k`, value: ratio(large.streaming / small.streaming) });
  recordResult({ area, metric: `naive / streaming at ${TOKENS[1] / 1000}k${large.naive === undefined ? ' (naive estimated)' : ''}`, value: ratio((large.naive ?? large.estimate) / large.streaming) });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
