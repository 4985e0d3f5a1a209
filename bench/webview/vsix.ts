// The .vsix every real-webview benchmark installs: packaged once per `npm run bench` and copied
// aside, so a concurrent `npm run package` (the e2e layer runs one) cannot swap it mid-run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, vsixPath } from '../../test/harness/paths';
import { benchDir } from './benchPaths';

/** Packages the extension now and copies the .vsix to `file`. */
function packageVsix(file: string): void {
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run package failed');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(vsixPath, file);
}

/**
 * The run's .vsix: BENCH_VSIX (bench/run.mjs names one per run; the first benchmark to need it
 * packages it), or a fresh one for a benchmark run on its own.
 */
export function benchVsix(): string {
  const file = process.env.BENCH_VSIX ?? path.join(benchDir, 'gateway-chat.vsix');
  if (!process.env.BENCH_VSIX || !fs.existsSync(file)) packageVsix(file);
  process.env.BENCH_VSIX = file;
  return file;
}
