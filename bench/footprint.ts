// Footprint: the packaged .vsix's size; activation of the extension in the real extension host
// (code-server's), its time as VS Code reports it (code loading + the activate() call, from
// Developer: Startup Performance); and proof that nothing activates it at startup:
// the workbench is left idle past startup (onStartupFinished included) and the extension host's log
// must not show the extension until the chat view is opened.
//
// usage: npx tsx bench/footprint.ts [--runs N]
import fs from 'node:fs';
import { Workbench } from '../test/harness/workbench';
import { numberOption } from './options';
import { recordResult } from './results';
import { kb, median, ms, printTable } from './stats';
import { activationTimes, loggedActivations, waitForActivation, type ActivationTimes } from './webview/activation';
import { benchVsix } from './webview/vsix';

const RUNS = numberOption('--runs', 5); // activation is a few tens of ms of wall time: more runs steady the median
const IDLE_AFTER_STARTUP_MS = 5000;

interface Run extends ActivationTimes {
  atStartup: string[];
  activatedBy: string;
}

async function activationRun(vsix: string): Promise<Run> {
  const wb = await Workbench.open({ name: 'bench-footprint', vsix });
  try {
    await wb.page.waitForTimeout(IDLE_AFTER_STARTUP_MS);
    const atStartup = loggedActivations(wb);
    await wb.openChatView();
    const activatedBy = await waitForActivation(wb);
    await wb.chatView().locator('[data-testid="composer"]').waitFor({ timeout: 30_000 });
    return { atStartup, activatedBy, ...(await activationTimes(wb)) };
  } finally {
    await wb.close();
  }
}

async function main(): Promise<void> {
  const vsix = benchVsix();
  const size = fs.statSync(vsix).size;
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) {
    const run = await activationRun(vsix);
    runs.push(run);
    console.log(`  run ${r + 1}: activated by ${run.activatedBy}: code loading ${ms(run.loadCodeMs)} + activate() ${ms(run.activateCallMs)}; at startup: ${run.atStartup.join(', ') || 'nothing'}`);
  }
  const activation = median(runs.map((r) => r.loadCodeMs + r.activateCallMs));
  const idleStartups = runs.filter((r) => r.atStartup.length === 0).length;
  const events = [...new Set(runs.map((r) => r.activatedBy))].join(', ');
  console.log(`\nmedian of ${RUNS} runs:\n`);
  printTable([
    ['.vsix', 'activation', 'code loading', 'activate() call', 'activated at startup', 'activated by'],
    [kb(size), ms(activation), ms(median(runs.map((r) => r.loadCodeMs))), ms(median(runs.map((r) => r.activateCallMs))), `${RUNS - idleStartups} of ${RUNS} runs`, events],
  ]);
  const area = 'footprint';
  recordResult({ area, metric: '.vsix size', value: kb(size), target: '<= 1024 KB', pass: size <= 1024 * 1024 });
  recordResult({ area, metric: 'activation time (extension host)', value: ms(activation), target: '<= 50 ms', pass: activation <= 50 });
  recordResult({ area, metric: `activated at startup (idle ${IDLE_AFTER_STARTUP_MS / 1000} s)`, value: `${RUNS - idleStartups} of ${RUNS} runs; then by ${events}`, target: 'never', pass: idleStartups === RUNS });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
