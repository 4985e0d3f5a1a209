import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, disconnect, type Connected } from './fixtures';

/** A server that must never be contacted: every hit is a fetch the panel should not have made. */
async function canary(): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('x');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, close: () => new Promise((r) => server.close(() => r())) };
}

describe('security: malicious answers run nothing and fetch nothing', function () {
  let c: Connected;
  let bait: Awaited<ReturnType<typeof canary>>;
  before(async () => {
    bait = await canary();
    c = await connect('e2e-security');
  });
  after(async () => {
    await disconnect(c);
    await bait?.close();
  });

  it('renders a hostile answer inert', async () => {
    const { panel, gw } = c;
    const u = bait.url;
    const evil = [
      `<script>fetch('${u}/script')</script>`,
      `<img src="${u}/img-onerror" onerror="fetch('${u}/onerror')">`,
      `<svg onload="fetch('${u}/svg')"><circle r="1"/></svg>`,
      `<iframe src="${u}/iframe"></iframe>`,
      `<style>body{background:url(${u}/css)}</style>`,
      `<form action="${u}/form"><button>go</button></form>`,
      `[click me](javascript:fetch('${u}/js-link'))`,
      `[settings](command:workbench.action.openSettings)`,
      `[data](data:text/html,<script>alert(1)</script>)`,
      `![remote](${u}/remote-image.png)`,
      `<a href="${u}/raw-link" onclick="fetch('${u}/onclick')">raw</a>`,
      `[safe link](${u}/docs)`,
    ].join('\n\n');
    gw.route('test-model', { answer: { content: evil } });
    await panel.send('be evil');
    const answer = await panel.waitForAnswer();
    const content = answer.locator('[data-testid="message-content"]');
    await new Promise((r) => setTimeout(r, 1000)); // give anything that would load a chance to
    const report = await content.evaluate((root) => {
      const all = [...root.querySelectorAll('*')];
      return {
        scripts: root.querySelectorAll('script, iframe, svg, math, style, form, object, embed').length,
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
        remoteSrc: all.flatMap((e) => ['src', 'srcset', 'poster', 'background', 'action', 'formaction']
          .map((n) => e.getAttribute(n) ?? '').filter((v) => v && !v.startsWith('data:image/'))),
        hrefs: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
        text: (root as HTMLElement).innerText,
      };
    });
    assert.equal(report.scripts, 0);
    assert.deepEqual(report.handlers, []);
    assert.deepEqual(report.remoteSrc, []);
    assert.ok(report.hrefs.every((h) => h === '#' || h === null), JSON.stringify(report.hrefs));
    assert.match(report.text, /remote-image\.png/, 'the remote image shows as its link, not loaded');
    // Inert links render as their text: click that text, as a user would.
    await content.getByText('click me').dispatchEvent('click');
    await content.getByText('settings', { exact: true }).dispatchEvent('click');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await c.wb.page.locator('.settings-editor').count(), 0, 'command: link did nothing');
    assert.deepEqual(bait.hits, [], 'nothing was fetched');
  });

  it('opens a safe link only after showing its target', async () => {
    const { panel, wb } = c;
    await panel.lastAssistant().locator('a', { hasText: 'safe link' }).click();
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), new RegExp(`${bait.url}/docs`));
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    assert.deepEqual(bait.hits, []);
  });
});
