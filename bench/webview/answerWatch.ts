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

export async function watchNextAnswer(frame: Frame): Promise<() => Promise<AnswerDone>> {
  await frame.evaluate(INSTALL);
  return () => frame.evaluate('window.benchAnswer') as Promise<AnswerDone>;
}

/** Starts a new chat, so every run renders into the same (empty) transcript. */
export async function newChat(frame: Frame): Promise<void> {
  await frame.locator('[data-testid="new-chat"]').click();
  await frame.locator('[data-testid="message"]').first().waitFor({ state: 'detached' });
}
