// Mocha's spec output, plus a summary { passed, failed, failures } written to $TEST_SUMMARY_FILE
// so test/run-all.mjs can add up every layer.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const summary = { passed: 0, failed: 0, failures: [] };
    runner.on('pass', () => summary.passed++);
    runner.on('fail', (test, err) => {
      summary.failed++;
      summary.failures.push({ title: test.fullTitle(), error: String((err && err.stack) || err).slice(0, 2000) });
    });
    // e2e tests get one retry (real VS Code on a loaded 2-core machine has timing flakes); a test
    // that needed it is named at the end, so a flake is seen and chased, not hidden.
    const retried = [];
    runner.on('retry', (test, err) => retried.push(`${test.fullTitle()}: ${String((err && err.message) || err).split('\n')[0]}`));
    runner.once('end', () => {
      if (retried.length) console.log(`\n  passed or failed only after a retry (${retried.length}):\n${retried.map((r) => `    - ${r}`).join('\n')}\n`);
      if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify(summary));
    });
  }
}
module.exports = CountingReporter;
