// Footprint: the packaged .vsix's size; activation of the extension in the real extension host
// (code-server's), its time as VS Code reports it (code loading + the activate() call, from
// Developer: Startup Performance); proof that nothing activates it at startup (the workbench is
// left idle past startup, onStartupFinished included, and the extension host's log must not show
// the extension until the chat view is opened); and opening the view: cold (the click that
// activates the extension) and warm (hidden and shown again), click to an interactive composer.
//
// usage: npx tsx bench/footprint.ts [--runs N]
import fs from 'node:fs';
import { Workbench } from '../test/harness/workbench';
import { numberOption } from './options';
import { recordResult } from './results';
import { kb, median, ms, printTable } from './stats';
import { activationTimes, loggedActivations, waitForActivation, type ActivationTimes } from './webview/activation';
import { hideChat, settled, timeOpen } from './webview/openTiming';
import { benchVsix } from './webview/vsix';

const RUNS = numberOption('--runs', 3);
const IDLE_AFTER_STARTUP_MS = 5000;

interface Run extends ActivationTimes {
  atStartup: string[];
  activatedBy: string;
  coldOpenMs: number;
  warmOpenMs: number;
}

async function activationRun(vsix: string): Promise<Run> {
  const wb = await Workbench.open({
    name: 'bench-footprint',
    vsix,
    // A configured endpoint, so the panel opens on the chat (not the first-run setup) as it does for a user.
    settings: {
      'gatewayChat.endpoints': [{ id: 'bench', name: 'Bench gateway', baseUrl: 'http://127.0.0.1:9/v1', apiKeyEnv: 'GATEWAY_CHAT_BENCH_KEY' }],
      'gatewayChat.defaultModel': 'bench/bench-model',
    },
    env: { GATEWAY_CHAT_BENCH_KEY: 'sk-bench' },
  });
  try {
    await wb.page.waitForTimeout(IDLE_AFTER_STARTUP_MS); // the idle time is what is measured: nothing may activate us in it
    await settled(wb);
    const atStartup = loggedActivations(wb);
    const coldOpenMs = await timeOpen(wb.page);
    const activatedBy = await waitForActivation(wb);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      await hideChat(wb.page);
      warm.push(await timeOpen(wb.page));
    }
    return { atStartup, activatedBy, coldOpenMs, warmOpenMs: median(warm), ...(await activationTimes(wb)) };
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
    console.log(`  run ${r + 1}: activated by ${run.activatedBy}: code loading ${ms(run.loadCodeMs)} + activate() ${ms(run.activateCallMs)}; at startup: ${run.atStartup.join(', ') || 'nothing'}; open cold ${ms(run.coldOpenMs)}, warm ${ms(run.warmOpenMs)}`);
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
  recordResult({ area, metric: '.vsix size', value: kb(size), target: '<= 400 KB', pass: size <= 400 * 1024 });
  recordResult({ area, metric: 'activation time (extension host)', value: ms(activation), target: '<= 20 ms', pass: activation <= 20 });
  const cold = median(runs.map((r) => r.coldOpenMs));
  const warm = median(runs.map((r) => r.warmOpenMs));
  console.log(`\nactivity-bar click to an interactive composer: cold ${ms(cold)}, warm ${ms(warm)}`);
  recordResult({ area: 'open', metric: 'cold: click to interactive composer (activation included)', value: ms(cold), target: '<= 400 ms', pass: cold <= 400 });
  recordResult({ area: 'open', metric: 'warm: view hidden and shown again', value: ms(warm), target: '<= 100 ms', pass: warm <= 100 });
  recordResult({ area, metric: `activated at startup (idle ${IDLE_AFTER_STARTUP_MS / 1000} s)`, value: `${RUNS - idleStartups} of ${RUNS} runs; then by ${events}`, target: 'never', pass: idleStartups === RUNS });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
