import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness/paths';
import { connect, disconnect, type Connected } from './fixtures';

const packFolder = path.join(repoRoot, 'test', 'e2e', 'assets', 'zh-language-pack');

/** Packs test/e2e/assets/zh-language-pack: VS Code shows zh-cn only when a language pack for it is installed. */
function zhLanguagePack(): string {
  const out = path.join(repoRoot, '.vscode-test', 'zh-language-pack.vsix');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '--skip-license', '-o', out],
    { cwd: packFolder, stdio: 'pipe' });
  return out;
}

describe('languages and themes', function () {
  describe('Simplified Chinese', () => {
    let c: Connected;
    before(async () => (c = await connect('e2e-zh', { args: ['--locale', 'zh-cn'], extraVsix: [zhLanguagePack()], languagePack: packFolder })));
    after(async () => disconnect(c));

    it('shows the panel in Chinese, test ids unchanged', async () => {
      const { panel, gw } = c;
      assert.equal(await panel.view.locator('[data-testid="send"]').innerText(), '发送');
      assert.equal(await panel.composer.getAttribute('placeholder'), '随便问。输入 @ 附加文件；可粘贴或拖入图片。');
      gw.route('test-model', { status: 429, headers: { 'x-should-retry': 'false' }, error: { message: 'Rate limit reached for requests' } });
      await panel.send('你好');
      const answer = await panel.waitForAnswer('error');
      assert.match(await answer.locator('[data-testid="error"]').innerText(), /网关正在对此密钥限流（HTTP 429）/);
      assert.equal(await answer.locator('[data-testid="retry"]').innerText(), '重试');
      await c.wb.screenshotPanel('panel-zh-cn');
    });
  });

  for (const theme of ['Default Dark Modern', 'Default Light Modern', 'Default High Contrast']) {
    describe(theme, () => {
      let c: Connected;
      before(async () => (c = await connect(`e2e-theme-${theme.split(' ')[1].toLowerCase()}`, { settings: { 'workbench.colorTheme': theme } })));
      after(async () => disconnect(c));

      it('renders a conversation readably', async () => {
        const { panel, gw } = c;
        gw.route('test-model', {
          answer: {
            reasoning: 'The user wants a sorting function; a short example will do.',
            content: 'Use **`sorted`**:\n\n```python\ndef by_length(words):\n    return sorted(words, key=len)\n```\n\n| call | result |\n| --- | --- |\n| `by_length(["bb", "a"])` | `["a", "bb"]` |\n',
            usage: { prompt_tokens: 25, completion_tokens: 48, prompt_tokens_details: { cached_tokens: 16 } },
          },
        });
        await panel.send('How do I sort words by length in Python?');
        const answer = await panel.waitForAnswer();
        const colors = await answer.evaluate((el) => {
          const style = getComputedStyle(el);
          const body = getComputedStyle(el.ownerDocument.body);
          return { fg: style.color, bg: body.backgroundColor };
        });
        assert.notEqual(colors.fg, colors.bg, 'text and background differ');
        await c.wb.screenshotPanel(`panel-${theme.replace(/\s+/g, '-').toLowerCase()}`);
      });
    });
  }
});
