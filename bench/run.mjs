// `npm run bench`: every benchmark in turn, each printing its own table (figures are medians of
// several runs, comparisons ratios measured in the same run), then one summary table of the
// headline figures with their targets. None of them is a test. Other load on the machine shows in
// the absolute figures; the ratios are what each run is built around.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const benches = [
  ['gateway client: parse + assemble vs the openai SDK', ['bench/client.ts']],
  ['markdown renderer alone: streaming vs naive re-render (jsdom)', ['bench/markdown.ts', '--estimate-only']],
  ['footprint: .vsix, activation in the extension host, nothing at startup', ['bench/footprint.ts']],
  ['render scaling in the real webview: panel vs naive renderer', ['bench/webview-render.ts']],
  ['latency in the real webview: gateway chunk to DOM at 100 chunks/s', ['bench/latency.ts']],
  ['long conversation in the real webview: 2,000 messages', ['bench/long-conversation.ts']],
];

const benchDir = path.join(root, '.vscode-test', 'bench');
fs.mkdirSync(benchDir, { recursive: true });
const results = path.join(benchDir, 'results.jsonl');
const vsix = path.join(benchDir, 'run.vsix'); // packaged by the first benchmark that needs it
for (const f of [results, vsix]) fs.rmSync(f, { force: true });
const env = { ...process.env, BENCH_RESULTS: results, BENCH_VSIX: vsix };

const started = Date.now();
const failed = [];
for (const [title, args] of benches) {
  console.log(`\n## ${title} (${args.join(' ')})\n`);
  const r = spawnSync(tsx, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) failed.push(args[0]);
}

console.log(`\n## Summary (${((Date.now() - started) / 60000).toFixed(1)} min)\n`);
spawnSync(tsx, ['bench/summary.ts'], { cwd: root, stdio: 'inherit', env });
if (failed.length) console.log(`\nfailed to run: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
