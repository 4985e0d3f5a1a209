// The extension host's JS heap after a full GC, through the Node inspector: SIGUSR1 opens the
// inspector of the running extension host (the pid its log names), and the DevTools protocol
// collects garbage and reads the heap. The extension host runs every extension: compare two
// readings of one window, not absolute figures.
import fs from 'node:fs';
import { WebSocket, type MessageEvent } from 'undici';
import type { Workbench } from '../../test/harness/workbench';

function extHostPid(wb: Workbench): number {
  const file = wb.logFiles('remoteexthost.log').at(-1);
  const pid = file && /Extension host with pid (\d+) started/.exec(fs.readFileSync(file, 'utf8'))?.[1];
  if (!pid) throw new Error('the extension host log names no pid');
  return Number(pid);
}

async function inspectorUrl(pid: number): Promise<string> {
  process.kill(pid, 'SIGUSR1');
  const end = Date.now() + 10_000;
  for (;;) {
    try {
      const list = await (await fetch('http://127.0.0.1:9229/json/list')).json() as { webSocketDebuggerUrl: string }[];
      if (list[0]?.webSocketDebuggerUrl) return list[0].webSocketDebuggerUrl;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error('the extension host inspector did not open on 9229');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function extHostHeapAfterGc(wb: Workbench): Promise<number> {
  const ws = new WebSocket(await inspectorUrl(extHostPid(wb)));
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', reject, { once: true });
  });
  let id = 0;
  const call = (method: string) => new Promise<Record<string, unknown>>((resolve, reject) => {
    const mine = ++id;
    const onMessage = (e: MessageEvent) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      if (msg.id !== mine) return;
      ws.removeEventListener('message', onMessage);
      if (msg.error) reject(new Error(msg.error.message));
      else resolve(msg.result ?? {});
    };
    ws.addEventListener('message', onMessage);
    ws.send(JSON.stringify({ id: mine, method }));
  });
  try {
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call('Runtime.getHeapUsage');
    return usedSize as number;
  } finally {
    ws.close();
  }
}
