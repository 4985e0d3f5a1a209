// `npm run bench`: every benchmark in turn, each printing its own table (figures are medians of
// several runs, comparisons ratios measured in the same run), then one summary table of the
// headline figures with their targets. None of them is a test. Other load on the machine shows in
// the absolute figures (the ratios are what each run is built around): the load average before and
// after is printed with the summary, and a loaded run says so instead of passing silently.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const benches = [
  ['gateway client: parse + assemble vs the openai SDK', ['bench/client.ts']],
  ['per-send costs in the extension host', ['bench/costs.ts']],
  ['footprint: .vsix, activation, nothing at startup, cold and warm open', ['bench/footprint.ts']],
  ['render scaling and long tasks in the real webview: panel vs naive renderer', ['bench/webview-render.ts']],
  ['latency in the real webview: gateway chunk to DOM at 100 chunks/s', ['bench/latency.ts']],
  ['input latency while streaming: keydown to next paint', ['bench/input-latency.ts']],
  ['long conversation in the real webview: 2,000 messages', ['bench/long-conversation.ts']],
  ['leaks: heaps after 200 turns', ['bench/leaks.ts']],
];
// bench/markdown.ts (the renderer alone in jsdom) is left out: the real-webview runs show the same.

const benchDir = path.join(root, '.vscode-test', 'bench');
fs.mkdirSync(benchDir, { recursive: true });
const results = path.join(benchDir, 'results.jsonl');
const vsix = path.join(benchDir, 'run.vsix'); // packaged by the first benchmark that needs it
for (const f of [results, vsix]) fs.rmSync(f, { force: true });
const env = { ...process.env, BENCH_RESULTS: results, BENCH_VSIX: vsix };

const loadBefore = os.loadavg()[0];
const started = Date.now();
const failed = [];
const took = [];
for (const [title, args] of benches) {
  console.log(`\n## ${title} (${args.join(' ')})\n`);
  const t0 = Date.now();
  const r = spawnSync(tsx, args, { cwd: root, stdio: 'inherit', env });
  took.push(`${args[0].replace(/^bench\//, '')} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (r.status !== 0) failed.push(args[0]);
}
const minutes = (Date.now() - started) / 60000;
console.log(`\neach benchmark took: ${took.join(', ')}`);
fs.appendFileSync(results, JSON.stringify({ area: 'the whole run', metric: 'npm run bench, wall time', value: `${minutes.toFixed(1)} min`, target: '< 6 min', pass: minutes < 6 }) + '\n');

const loadAfter = os.loadavg()[0];
console.log(`\n## Summary (${minutes.toFixed(1)} min)\n`);
spawnSync(tsx, ['bench/summary.ts'], { cwd: root, stdio: 'inherit', env });
// Before the run nothing of ours is running: load then is someone else's. After it, the benchmarks'
// own browser, code-server and extension host account for up to about the machine's cores.
const cores = os.cpus().length;
console.log(`\nload average (1 min) before ${loadBefore.toFixed(2)}, after ${loadAfter.toFixed(2)} on ${cores} cores`);
if (loadBefore > 1 || loadAfter > cores + 1) {
  console.log('THE MACHINE WAS LOADED: other work ran beside the benchmarks; the absolute figures above are not the budget\'s, only the ratios are.');
}
if (failed.length) console.log(`\nfailed to run: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
