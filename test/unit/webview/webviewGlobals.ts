// The globals panel code expects (document, DOM classes, the VS Code API), from a jsdom window. The VS
// Code API is acquired once per process when src/webview/vscodeApi loads: it is defined as soon as this
// file loads (import it before panel modules), and every test file shares one `posted` list, to clear
// in beforeEach.
import { JSDOM } from 'jsdom';
import type { WebviewToHost } from '../../../src/shared/protocol';

export const posted: WebviewToHost[] = [];
const api = { postMessage: (m: WebviewToHost) => posted.push(m), getState: () => undefined, setState: () => undefined };
(globalThis as Record<string, unknown>).acquireVsCodeApi ??= () => api;

/** Installs the window's globals; returns a function that puts the previous ones back. */
export function installWebviewGlobals(window: JSDOM['window']): () => void {
  const globals: Record<string, unknown> = {
    document: window.document, HTMLElement: window.HTMLElement, HTMLImageElement: window.HTMLImageElement,
    NodeFilter: window.NodeFilter, KeyboardEvent: window.KeyboardEvent,
    // jsdom paints nothing: a frame is a timer.
    requestAnimationFrame: (cb: (t: number) => void) => setTimeout(() => cb(performance.now()), 16),
  };
  const g = globalThis as Record<string, unknown>;
  const saved = Object.fromEntries(Object.keys(globals).map((k) => [k, g[k]]));
  Object.assign(g, globals);
  return () => Object.assign(g, saved);
}

/**
 * For a describe block: a jsdom window whose globals are installed for the block, with an empty body
 * and nothing posted before each test.
 */
export function useWebviewWindow(): JSDOM['window'] {
  const dom = new JSDOM('<!doctype html><body></body>');
  let restore: () => void;
  before(() => (restore = installWebviewGlobals(dom.window)));
  after(() => restore());
  beforeEach(() => {
    posted.length = 0;
    dom.window.document.body.replaceChildren();
  });
  return dom.window;
}
