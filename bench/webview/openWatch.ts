// In-page timing of opening a saved conversation in the chat webview, on the webview's clock, from
// the click on the history entry:
// - shown: the conversation's last message is in the transcript;
// - first paint: the first frame rendered after that (a task queued from requestAnimationFrame runs
//   once that frame's style, layout and paint are done);
// - interactive: the end of the last long task (>= 50 ms) before a quiet second, or first paint;
// - all rendered: every message of the conversation is in the transcript.
import type { Frame } from 'playwright-core';

export interface OpenTimes {
  shownMs: number;
  firstPaintMs: number;
  interactiveMs: number;
  allRenderedMs: number;
  messages: number;
}

const INSTALL = `((expected, lastId) => {
  const count = () => document.querySelectorAll('[data-testid="message"]').length;
  let clickedAt = 0, shownAt = 0, paintAt = 0, allAt = 0, lastLongTaskEnd = 0, quietTimer = 0;
  let resolve;
  window.benchOpened = new Promise((r) => (resolve = r));
  const finishWhenQuiet = () => {
    if (!paintAt || !allAt) return;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => {
      longTasks.disconnect();
      resolve({
        shownMs: shownAt - clickedAt,
        firstPaintMs: paintAt - clickedAt,
        interactiveMs: Math.max(paintAt, lastLongTaskEnd) - clickedAt,
        allRenderedMs: allAt - clickedAt,
        messages: count(),
      });
    }, 1000);
  };
  const longTasks = new PerformanceObserver((list) => {
    for (const t of list.getEntries()) if (clickedAt && t.startTime + t.duration > clickedAt) lastLongTaskEnd = Math.max(lastLongTaskEnd, t.startTime + t.duration);
    finishWhenQuiet();
  });
  longTasks.observe({ type: 'longtask' });
  document.addEventListener('click', (e) => {
    if (!clickedAt && e.target.closest('.history-open')) clickedAt = e.timeStamp;
  }, { capture: true });
  const observer = new MutationObserver(() => {
    if (!clickedAt) return;
    if (!shownAt && document.querySelector('[data-testid="message"][data-id="' + lastId + '"]')) {
      shownAt = performance.now();
      requestAnimationFrame(() => setTimeout(() => {
        paintAt = performance.now();
        finishWhenQuiet();
      }));
    }
    if (shownAt && count() >= expected) {
      allAt = performance.now();
      observer.disconnect();
      finishWhenQuiet();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
})`;

export async function watchOpen(frame: Frame, expectedMessages: number, lastMessageId: string): Promise<() => Promise<OpenTimes>> {
  await frame.evaluate(`${INSTALL}(${expectedMessages}, ${JSON.stringify(lastMessageId)})`);
  return () => frame.evaluate('window.benchOpened') as Promise<OpenTimes>;
}
