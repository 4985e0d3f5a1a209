// Streaming markdown benchmark: StreamingMarkdown (freeze finished blocks, re-render the open tail)
// against the naive renderer it replaces (re-parse the whole text, sanitize, assign innerHTML on
// every delta), both in jsdom, at ~4k and ~40k tokens streamed in ~4-character deltas.
//
// usage: npx tsx bench/markdown.ts [--runs N] [--delta N] [--tokens SMALL,LARGE] [--full-naive]
//
// The naive renderer is quadratic: at 40k tokens a full run takes tens of minutes in jsdom, so by
// default its 40k figure is estimated from evenly spaced sample deltas (the naive step is stateless,
// so total = mean sampled step x number of deltas). At 4k tokens both the full run and the estimate
// are printed, to show how close the estimate is. --full-naive measures 40k for real.
// A default run takes about 10 minutes, most of it the naive renderer at 4k; --runs 1 is quicker.
import DOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { StreamingMarkdown } from '../src/webview/markdown';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', '3'));
const DELTA = Number(option('--delta', '4'));
const FULL_NAIVE = args.includes('--full-naive');
const TOKENS = option('--tokens', '4000,40000').split(',').map(Number);
const NAIVE_SAMPLES = 120;
const CHARS_PER_TOKEN = 4;

const CODE = [
  ['ts', 'export async function load(path: string): Promise<Config> {\n  const text = await fs.readFile(path, "utf8");\n  const parsed = JSON.parse(text) as Partial<Config>;\n  if (!parsed.baseUrl) throw new Error(`missing baseUrl in ${path}`);\n  return { timeoutMs: 30_000, ...parsed } as Config;\n}\n'],
  ['python', 'def chunks(items, size):\n    """Yield successive chunks of `size` items."""\n    for i in range(0, len(items), size):\n        yield items[i:i + size]\n\nprint(list(chunks(list(range(10)), 3)))\n'],
  ['bash', 'set -euo pipefail\nnpm ci\nnpx tsc -p . --noEmit\nfor f in dist/*.js; do\n  echo "size of $f: $(wc -c < "$f")"\ndone\n'],
  ['json', '{\n  "gatewayChat.endpoints": [\n    { "id": "relay", "baseUrl": "https://relay.example/v1" }\n  ],\n  "gatewayChat.defaultModel": "relay/gpt-4o"\n}\n'],
  ['go', 'func handler(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodPost {\n\t\thttp.Error(w, "method not allowed", 405)\n\t\treturn\n\t}\n\tfmt.Fprintf(w, "ok")\n}\n'],
];

/** A long answer of the usual shape: headings, prose, lists, tables, quotes and code blocks. */
function answerFixture(targetChars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < targetChars; i++) {
    const [lang, code] = CODE[i % CODE.length];
    const section = [
      `## Step ${i + 1}: ${['configure', 'refactor', 'test', 'deploy'][i % 4]} the module`,
      `First, note that **streaming** output must stay responsive: each delta should cost time proportional to *its own size*, not the answer's. See [the docs](https://example.com/docs/${i}) and \`renderMarkdownOnce\` for details.`,
      '- Keep finished blocks frozen\n- Re-render only the open tail\n  - including nested items\n  - and `inline code`\n- Highlight code when its fence closes',
      `\`\`\`${lang}\n${code}\`\`\``,
      '| Option | Default | Meaning |\n|:--|:--:|--:|\n| `timeoutMs` | 30000 | header timeout |\n| `maxRetries` | 2 | retries before giving up |',
      `> **Note:** step ${i + 1} assumes the previous one succeeded.\n> Otherwise, re-run it first.`,
      '1. Run the tests.\n2. Read the output.\n3. Fix what failed, then go back to 1.',
    ].join('\n\n');
    parts.push(section);
    length += section.length + 2;
  }
  return parts.join('\n\n');
}

function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
const NAIVE_PURIFY_CONFIG = {
  FORBID_TAGS: ['svg', 'math', 'style', 'iframe', 'form', 'script', 'object', 'embed', 'link', 'meta', 'base'],
  ALLOW_DATA_ATTR: false,
};
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
    const naive = tokens === TOKENS[0] || FULL_NAIVE ? await medianOf(RUNS, () => timeNaiveFull(chunks)) : undefined;
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
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1).padStart(9)}x`;
  console.log(`\nscaling ${TOKENS[1]} / ${TOKENS[0]} tokens (${factor}x the text):`);
  console.log(`  StreamingMarkdown        ${ratio(large.streaming, small.streaming)}   (linear would be ~${factor}x)`);
  console.log(`  naive, sampled estimates ${ratio(large.estimate, small.estimate)}   (quadratic would be ~${factor * factor}x)`);
  if (large.naive !== undefined && small.naive !== undefined) console.log(`  naive re-render          ${ratio(large.naive, small.naive)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
