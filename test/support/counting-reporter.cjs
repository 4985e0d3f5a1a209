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
    runner.once('end', () => {
      if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify(summary));
    });
  }
}
module.exports = CountingReporter;
