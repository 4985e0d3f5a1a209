// The extension's activation as the real extension host reports it: which event activated it (from
// the extension host's log) and how long activation took, split as VS Code splits it in Developer:
// Startup Performance (loading the extension's code, then the activate() call; their sum is what
// Developer: Show Running Extensions calls "Activation").
import fs from 'node:fs';
import { extensionId } from '../../test/harness/paths';
import type { Workbench } from '../../test/harness/workbench';

export interface ActivationTimes {
  loadCodeMs: number;
  activateCallMs: number;
}

/** The activation events the extension host logged for our extension so far. */
export function loggedActivations(wb: Workbench): string[] {
  const logs = wb.logFiles('remoteexthost.log').map((f) => fs.readFileSync(f, 'utf8'));
  const line = new RegExp(`_doActivateExtension ${extensionId.replace('.', '\\.')}, startup: (\\w+), activationEvent: '([^']*)'`, 'g');
  return logs.flatMap((text) => [...text.matchAll(line)].map((m) => `${m[2]}${m[1] === 'true' ? ' (startup)' : ''}`));
}

/** Waits until the extension host logs our activation; returns the activating event. */
export async function waitForActivation(wb: Workbench, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const events = loggedActivations(wb);
    if (events.length) return events[0];
    if (Date.now() > end) throw new Error('the extension host never logged the activation of the extension');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Our row of the "Extension Activation Stats" table in Developer: Startup Performance. */
export async function activationTimes(wb: Workbench): Promise<ActivationTimes> {
  await wb.runCommand('Developer: Startup Performance');
  const editor = wb.editorLines().first();
  await editor.waitFor({ timeout: 15_000 });
  // The report is long and the editor shows only what is on screen: read it through the clipboard.
  for (let attempt = 0; attempt < 20; attempt++) {
    await editor.click();
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Control+C');
    const row = (await wb.clipboard()).split('\n').find((l) => l.startsWith(`| ${extensionId} `));
    const cells = row?.split('|').map((c) => c.trim());
    // | id | eager | load code | call activate | finish activate | event | by |
    if (cells && /^\d+$/.test(cells[3]) && /^\d+$/.test(cells[4])) return { loadCodeMs: Number(cells[3]), activateCallMs: Number(cells[4]) };
    await wb.page.waitForTimeout(500); // the report fills in as its parts arrive
  }
  throw new Error('Developer: Startup Performance has no activation row for the extension');
}
