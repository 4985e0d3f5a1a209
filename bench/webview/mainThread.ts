// How much main-thread time the chat webview took, from a Chromium trace.
//
// code-server serves webviews from the workbench's own origin, so Chromium runs them as same-process
// iframes: the webview shares the workbench page's renderer main thread, and the page's Performance
// metrics cannot tell the two apart. The trace can: script, style and layout events carry the frame
// they ran for. Two figures come out of one trace:
// - webview: every top-level task in which the webview's frames (VS Code's outer relay frame and
//   our document inside it) ran script, whole (its style, layout and GC included), plus the style and
//   layout work done for those frames inside other tasks (the rendering steps of a frame);
// - renderer: every top-level task on that thread (workbench, webview, paint and compositing).
import type { Browser, Page } from 'playwright-core';
import { extensionId } from '../../test/harness/paths';

export interface MainThreadTime {
  webviewMs: number;
  rendererMs: number;
  /** Durations of the top-level tasks in which the webview ran script (what a user feels as a freeze). */
  webviewTasksMs: number[];
}

/** RAIL's bound: a task longer than this delays input visibly. */
export const LONG_TASK_MS = 50;

export function longTasks(time: MainThreadTime): { count: number; longestMs: number } {
  return { count: time.webviewTasksMs.filter((d) => d > LONG_TASK_MS).length, longestMs: Math.max(0, ...time.webviewTasksMs) };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: Record<string, unknown> & { frame?: string; frames?: TraceFrame[] }; beginData?: { frame?: string }; name?: string };
}

interface TraceFrame {
  frame: string;
  url: string;
  parent?: string;
  processId: number;
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
/** Rendering steps: counted on their own when they run outside a task of the webview's script. */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'ParseHTML', 'HitTest', 'ScrollLayer']);

/** Traces `body` and returns its result with the main-thread time it cost. */
export async function measureMainThread<T>(page: Page, body: () => Promise<T>): Promise<{ result: T; time: MainThreadTime }> {
  const browser = page.context().browser() as Browser;
  await browser.startTracing(page, { categories: CATEGORIES });
  let result: T;
  try {
    result = await body();
  } catch (e) {
    await browser.stopTracing().catch(() => undefined);
    throw e;
  }
  const trace = await browser.stopTracing();
  return { result, time: mainThreadTime(JSON.parse(trace.toString('utf8')).traceEvents as TraceEvent[]) };
}

export function mainThreadTime(events: TraceEvent[]): MainThreadTime {
  const frames = webviewFrames(events);
  const pid = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames?.find((f) => frames.has(f.frame))?.processId;
  const tid = mainThreadOf(events, pid);
  const main = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let webview = 0;
  let renderer = 0;
  const webviewTasksMs: number[] = [];
  for (const { task, inside } of topLevelTasks(main)) {
    renderer += task.dur ?? 0;
    const ours = inside.filter((e) => frames.has(frameOf(e) ?? ''));
    if (ours.some((e) => !RENDERING.has(e.name))) {
      webview += task.dur ?? 0;
      webviewTasksMs.push((task.dur ?? 0) / 1000);
    } else {
      webview += outermost(ours).reduce((sum, e) => sum + (e.dur ?? 0), 0);
    }
  }
  return { webviewMs: webview / 1000, rendererMs: renderer / 1000, webviewTasksMs };
}

/** The outer frame VS Code tags with our extension id, and every frame inside it. */
function webviewFrames(events: TraceEvent[]): Set<string> {
  const all = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
  const ours = new Set(all.filter((f) => f.url.includes(`extensionId=${extensionId}`)).map((f) => f.frame));
  for (let grew = true; grew;) {
    grew = false;
    for (const f of all) if (f.parent && ours.has(f.parent) && !ours.has(f.frame)) grew = !!ours.add(f.frame);
  }
  if (!ours.size) throw new Error('the trace does not show the chat webview frames');
  return ours;
}

function mainThreadOf(events: TraceEvent[], pid: number | undefined): number | undefined {
  return events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain')?.tid;
}

function frameOf(e: TraceEvent): string | undefined {
  return e.args?.data?.frame ?? e.args?.beginData?.frame;
}

/** Outermost RunTask events, each with the events nested inside it. */
function* topLevelTasks(sorted: TraceEvent[]): Generator<{ task: TraceEvent; inside: TraceEvent[] }> {
  let i = 0;
  while (i < sorted.length) {
    const task = sorted[i++];
    if (task.name !== 'RunTask') continue;
    const end = task.ts + (task.dur ?? 0);
    const inside: TraceEvent[] = [];
    while (i < sorted.length && sorted[i].ts < end) inside.push(sorted[i++]);
    yield { task, inside };
  }
}

/** Events not nested in another of the list (the list sorted by start). */
function outermost(sorted: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts >= end) {
      out.push(e);
      end = e.ts + (e.dur ?? 0);
    }
  }
  return out;
}
