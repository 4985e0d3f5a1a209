// In-page watch on the chat webview for the answer to the next send: when Enter went down in the
// composer and when the answer's final DOM was in place, on the webview's own clock. Awaiting it is
// one evaluate call, not polling, so the measurement adds no work to the thread it measures.
import type { Frame } from 'playwright-core';

export interface AnswerDone {
  /** Enter in the composer to the answer's final status, ms. */
  wallMs: number;
  status: string;
  codeBlocks: number;
  textLength: number;
  /** `naive` when the bench-only baseline renderer drew it. */
  renderer: string;
}

// Page code is passed as text: tsx wraps named functions in a helper that the page does not have.
const INSTALL = `(() => {
  const answers = () => document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
  const before = answers().length;
  let sentAt = 0;
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !sentAt) sentAt = performance.now();
  }, { capture: true });
  window.benchAnswer = new Promise((resolve) => {
    new MutationObserver((_, observer) => {
      const all = answers();
      const last = all[all.length - 1];
      const status = last && last.dataset.status;
      if (all.length <= before || !status || status === 'streaming') return;
      observer.disconnect();
      const content = last.querySelector('[data-testid="message-content"]');
      resolve({
        wallMs: performance.now() - sentAt,
        status,
        codeBlocks: content ? content.querySelectorAll('pre.md-code').length : 0,
        textLength: content ? content.textContent.length : 0,
        renderer: (content && content.dataset.renderer) || 'streaming',
      });
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  });
})()`;

/** Longer than any benchmark's answer takes: past it, something is stuck, and waiting on hides what. */
const ANSWER_TIMEOUT_MS = 120_000;

const SNAPSHOT = `JSON.stringify({
  composer: document.querySelector('[data-testid="composer"]')?.value,
  busy: document.querySelector('#app')?.dataset.busy,
  messages: [...document.querySelectorAll('[data-testid="message"]')].slice(-4).map((m) => [m.dataset.role, m.dataset.status]),
})`;

export async function watchNextAnswer(frame: Frame): Promise<() => Promise<AnswerDone>> {
  await frame.evaluate(INSTALL);
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void frame.evaluate(SNAPSHOT).catch((e: unknown) => String(e)).then((state) =>
          reject(new Error(`no answer settled within ${ANSWER_TIMEOUT_MS / 1000} s; the panel: ${state}`)));
      }, ANSWER_TIMEOUT_MS);
    });
    try {
      return await Promise.race([frame.evaluate('window.benchAnswer') as Promise<AnswerDone>, stuck]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Starts a new chat, so every run renders into the same (empty) transcript. */
export async function newChat(frame: Frame): Promise<void> {
  await frame.locator('[data-testid="new-chat"]').click();
  await frame.locator('[data-testid="message"]').first().waitFor({ state: 'detached' });
}
