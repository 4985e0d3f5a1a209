// Loaded by VS Code's extension host as extensionTestsPath (the @vscode/test-electron contract:
// export run(): Promise<void>). Console output does not leave the extension host, so the summary
// goes to the file named by EXT_TEST_RESULT_FILE.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const lines: string[] = [];
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void };
  const original = base.consoleLog;
  base.consoleLog = (...a: unknown[]) => lines.push(util.format(...a));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  const summary = { passed: 0, failed: 0, failures: [] as { title: string; error: string }[], output: '' };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      base.consoleLog = original;
      summary.output = lines.join('\n');
      const out = process.env.EXT_TEST_RESULT_FILE;
      if (out) fs.writeFileSync(out, JSON.stringify(summary));
      if (failures) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    runner.on('pass', () => summary.passed++);
    runner.on('fail', (t, err) => {
      summary.failed++;
      summary.failures.push({ title: t.fullTitle(), error: String((err && err.stack) || err) });
    });
  });
}
