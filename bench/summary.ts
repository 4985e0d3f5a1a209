// The closing table of `npm run bench`: every benchmark's headline figures (bench/results.ts), with
// the target and PASS / MISS where the performance budget sets one.
import fs from 'node:fs';
import type { ResultRow } from './results';
import { printTable } from './stats';

const file = process.env.BENCH_RESULTS;
const rows: ResultRow[] = file && fs.existsSync(file)
  ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ResultRow)
  : [];
printTable([
  ['area', 'figure', 'value', 'target', 'result'],
  ...rows.map((r) => [r.area, r.metric, r.value, r.target ?? '', r.target ? (r.pass ? 'PASS' : 'MISS') : '']),
]);
