// `npm run bench`: every benchmark in turn. Each prints its own table with ratios measured in the
// same run; none of them is a test. Run on an otherwise idle machine.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const benches = [
  ['gateway client: parse + assemble vs the openai SDK', 'bench/client.ts'],
  ['markdown: streaming renderer vs naive re-render (jsdom)', 'bench/markdown.ts'],
];
let failed = 0;
for (const [title, file] of benches) {
  console.log(`\n## ${title} (${file})\n`);
  const r = spawnSync(tsx, [file], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
