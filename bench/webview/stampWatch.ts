// In-page record of when each stamped chunk reaches the chat webview and when its text is first in
// the webview's DOM. The gateway writes its send time into the chunk (`{t=<ms>}`); a capturing
// message listener notes when the host's post carrying it arrives (before the panel handles it), a
// MutationObserver when its text was first inserted. Same machine, same wall clock.
import type { Frame } from 'playwright-core';

export const STAMP_PLACEHOLDER = '@@@@@@@@@@@@@';
export const stampText = () => `{t=${STAMP_PLACEHOLDER}}`;

export interface StampTimes {
  /** Gateway write to the post's arrival in the webview, ms (extension host and transport). */
  arrival: number[];
  /** Gateway write to the text in the DOM, ms (the whole way). */
  dom: number[];
}

const INSTALL = `(() => {
  const arrived = new Map(), shown = new Map();
  const scan = (text, now, into) => {
    for (const m of (text || '').matchAll(/\\{t=(\\d{13})\\}/g)) if (!into.has(m[1])) into.set(m[1], now - Number(m[1]));
  };
  window.addEventListener('message', (e) => {
    if (e.data && typeof e.data.content === 'string') scan(e.data.content, Date.now(), arrived);
  }, { capture: true });
  new MutationObserver((records) => {
    const now = Date.now();
    for (const r of records) {
      if (r.type === 'characterData') scan(r.target.data, now, shown);
      for (const n of r.addedNodes) scan(n.textContent, now, shown);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  window.benchStamps = () => ({ arrival: [...arrived.values()], dom: [...shown.values()] });
})()`;

/** Starts recording; the returned function gives the latencies seen so far. */
export async function watchStamps(frame: Frame): Promise<() => Promise<StampTimes>> {
  await frame.evaluate(INSTALL);
  return () => frame.evaluate('window.benchStamps()') as Promise<StampTimes>;
}
