// Each benchmark records its headline figures here; `npm run bench` (bench/run.mjs) collects them
// from every benchmark into the closing summary table, with the target and PASS / MISS per row.
import fs from 'node:fs';

export interface ResultRow {
  area: string;
  metric: string;
  value: string;
  /** The budget in words, e.g. "<= 10x"; absent for figures that are reported, not judged. */
  target?: string;
  pass?: boolean;
}

/** Appends a row to the file named by BENCH_RESULTS (set by bench/run.mjs); prints it otherwise. */
export function recordResult(row: ResultRow): void {
  const file = process.env.BENCH_RESULTS;
  if (file) fs.appendFileSync(file, JSON.stringify(row) + '\n');
  else console.log(`result: ${row.area} / ${row.metric}: ${row.value}${row.target ? ` (target ${row.target}: ${row.pass ? 'PASS' : 'MISS'})` : ''}`);
}
