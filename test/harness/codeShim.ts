// The code-server side of test/harness/code-shim.sh. test-electron starts it as it would start VS Code:
//   [folder] --extensionTestsPath=... --extensionDevelopmentPath=... --user-data-dir=... (Electron flags)
// with the test environment (extensionTestsEnv) in process.env. It starts a private code-server with
// the smoke-test driver on (a built workbench only honours the test payload then), opens the workbench
// in headless Chromium with extensionDevelopmentPath / extensionTestsPath / extensionEnvironment in the
// URL payload, and exits with the code the workbench reports through window.codeAutomationExit when
// the tests' run() settles. test-electron's --user-data-dir and --extensions-dir are not used: the
// run gets fresh ones under .vscode-test/runs/ with the harness's settings.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { outputDir } from './paths';

/** Variables of extensionTestsEnv that go on to the extension host (desktop VS Code passes its whole environment). */
const forwarded = /^(EXT_TEST_|GATEWAY_CHAT_TEST_)/;

async function main(argv: string[]): Promise<number> {
  const dev: string[] = [];
  let tests = '';
  let folder = '';
  for (const a of argv) {
    if (a.startsWith('--extensionDevelopmentPath=')) dev.push(a.slice(a.indexOf('=') + 1));
    else if (a.startsWith('--extensionTestsPath=')) tests = a.slice(a.indexOf('=') + 1);
    else if (!a.startsWith('--')) folder = a;
  }
  if (!tests || !dev.length) {
    console.error('code-shim: need --extensionDevelopmentPath and --extensionTestsPath');
    return 2;
  }
  const server = await startCodeServer({ name: 'host', args: ['--vscode-option', 'enable-smoke-test-driver'] });
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => forwarded.test(k)));
  const payload = [
    ...dev.map((d) => ['extensionDevelopmentPath', remote(d)]),
    ['extensionTestsPath', remote(tests)],
    ['extensionEnvironment', JSON.stringify(env)],
    ['skipWelcome', 'true'],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(path.resolve(folder || server.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let exit!: (c: number) => void;
    const exited = new Promise<number>((r) => (exit = r));
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      if (level === 'error' && process.env.VERBOSE) console.log(`[workbench ${level}] ${util.format(...(Array.isArray(args) ? args : [args])).slice(0, 500)}`);
    });
    await page.exposeFunction('codeAutomationExit', (c: number) => exit(c));
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 240_000)))]);
    clearTimeout(timer);
    if (code === 'timeout') {
      fs.mkdirSync(outputDir, { recursive: true });
      await page.screenshot({ path: path.join(outputDir, 'host-timeout.png') }).catch(() => {});
      console.error('code-shim: the tests did not finish within 240 s');
      return 1;
    }
    return code;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
}

main(process.argv.slice(2)).then((c) => process.exit(c), (e) => {
  console.error(e);
  process.exit(1);
});
