// `npm test`: every layer from nothing, then one line `N passed, N failed` summing them all.
// usage: node test/run-all.mjs [unit|host|e2e ...]   (no argument: all layers)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const mocha = (...args) => [bin('mocha'), '--reporter', path.join(root, 'test/support/counting-reporter.cjs'), ...args];

const layers = {
  // Each type-check counts as one test: the extension and tests, and the webview with the DOM lib.
  types: { checks: [[bin('tsc'), '-p', '.', '--noEmit'], [bin('tsc'), '-p', 'src/webview', '--noEmit']] },
  unit: { run: [mocha()] },
  host: { setup: true, run: [[bin('tsx'), 'test/host/runner.ts']] },
  e2e: {
    setup: true,
    prepare: [['npm', 'run', '--silent', 'package']],
    run: [mocha('--config', 'test/e2e/.mocharc.json')],
  },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(layers);
for (const w of wanted) if (!layers[w]) { console.error(`unknown layer ${w}; expected one of ${Object.keys(layers)}`); process.exit(2); }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-chat-test-'));
const totals = { passed: 0, failed: 0 };
const rows = [];
let setupDone = false;

function sh(cmd, env = {}) {
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

for (const name of wanted) {
  const layer = layers[name];
  const t0 = Date.now();
  let passed = 0, failed = 0, note = '';
  if (layer.setup && !setupDone) {
    if (sh(['bash', 'test/harness/install.sh']) !== 0) { failed++; note = 'install of the VS Code test host failed'; }
    setupDone = true;
  }
  for (const cmd of note ? [] : layer.prepare ?? []) {
    if (sh(cmd) !== 0) { failed++; note = `${cmd.join(' ')} failed`; break; }
  }
  for (const cmd of layer.checks ?? []) {
    console.log(`\n=== ${name}: ${cmd.map((c) => path.relative(root, c) || c).join(' ')}`);
    if (sh(cmd) === 0) passed++;
    else { failed++; note = 'type errors'; }
  }
  if (!note) {
    for (const cmd of layer.run ?? []) {
      const summaryFile = path.join(tmp, `${name}.json`);
      fs.rmSync(summaryFile, { force: true });
      console.log(`\n=== ${name}: ${cmd.map((c) => path.relative(root, c) || c).join(' ')}`);
      const status = sh(cmd, { TEST_SUMMARY_FILE: summaryFile });
      let s;
      try { s = JSON.parse(fs.readFileSync(summaryFile, 'utf8')); } catch { s = { passed: 0, failed: 0 }; }
      passed += s.passed; failed += s.failed;
      // A runner that died without reporting, or exited non-zero with nothing failed, still counts as a failure.
      if (status !== 0 && s.failed === 0) { failed++; note = `exited with ${status}`; }
    }
  }
  totals.passed += passed; totals.failed += failed;
  rows.push(`${name.padEnd(5)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed  ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s ${note}`);
}

fs.rmSync(tmp, { recursive: true, force: true });
console.log('\n' + rows.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
