// The composer's option bar, in jsdom: what it shows and what each choice posts.
import assert from 'node:assert/strict';
import type { RequestOptions } from '../../../src/shared/conversation';
import { posted, useWebviewWindow } from './webviewGlobals';
// After webviewGlobals: the bar reaches the VS Code API when it loads.
import { OptionBar } from '../../../src/webview/composer/optionBar';

describe('webview: option bar', () => {
  const window = useWebviewWindow();

  function bar(options?: RequestOptions) {
    const b = new OptionBar();
    window.document.body.append(b.root);
    b.set(options);
    const chip = (id: string) => b.root.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
    const pick = (id: string, label: string) => {
      chip(id).click();
      const item = [...chip(id).parentElement!.querySelectorAll<HTMLButtonElement>('[data-testid="option-choice"]')].find((i) => i.textContent === label);
      assert.ok(item, `${id} offers "${label}"`);
      item.click();
    };
    const last = () => (posted.at(-1) as { options: RequestOptions }).options;
    return { b, chip, pick, last };
  }

  it('starts with everything off, each control labelled for screen readers', () => {
    const { chip } = bar();
    for (const id of ['option-json', 'option-web-search', 'option-image', 'option-candidates', 'option-logprobs']) {
      assert.equal(chip(id).dataset.on, 'false', id);
      assert.ok(chip(id).getAttribute('aria-label'), id);
      assert.ok(chip(id).title, id);
    }
  });

  it('posts each choice as the whole option set, and shows it on', () => {
    const { chip, pick, last } = bar();
    pick('option-json', 'JSON object');
    assert.deepEqual(last(), { json: { mode: 'object' } });
    pick('option-web-search', 'medium');
    assert.deepEqual(last(), { json: { mode: 'object' }, webSearch: { contextSize: 'medium' } });
    pick('option-image', '16:9');
    pick('option-image', '2K');
    assert.deepEqual(last().image, { aspectRatio: '16:9', imageSize: '2K' });
    pick('option-candidates', '3 candidates');
    pick('option-logprobs', 'Top 2 alternatives');
    assert.deepEqual(last(), { json: { mode: 'object' }, webSearch: { contextSize: 'medium' }, image: { aspectRatio: '16:9', imageSize: '2K' }, n: 3, logprobs: { top: 2 } });
    assert.deepEqual(['option-json', 'option-web-search', 'option-image', 'option-candidates', 'option-logprobs'].map((id) => [chip(id).dataset.on, chip(id).textContent]), [
      ['true', 'JSON object'], ['true', 'Web search: medium'], ['true', 'Image 16:9 · 2K'], ['true', '3 candidates'], ['true', 'Logprobs: top 2'],
    ]);
    pick('option-json', 'Off');
    pick('option-image', 'Model default');
    assert.deepEqual(last().image, { imageSize: '2K' }, 'the first "Model default" resets the aspect ratio only');
    pick('option-candidates', 'One answer');
    assert.deepEqual(last(), { webSearch: { contextSize: 'medium' }, image: { imageSize: '2K' }, logprobs: { top: 2 } });
    assert.equal(chip('option-json').dataset.on, 'false');
  });

  it('asks the host for a schema and shows the one the conversation has', () => {
    const schema = { mode: 'schema' as const, name: 'person', schema: { type: 'object' } };
    const { chip, pick } = bar({ json: schema });
    assert.equal(chip('option-json').textContent, 'JSON: person');
    pick('option-json', 'Schema...');
    assert.deepEqual(posted, [{ type: 'pickSchema' }], 'nothing changes until the host answers');
    chip('option-json').click();
    const checked = chip('option-json').parentElement!.querySelector('[aria-checked="true"]');
    assert.equal(checked?.textContent, 'Schema: person');
  });

  it('opens one menu at a time and closes on Escape', () => {
    const { chip } = bar();
    chip('option-json').click();
    chip('option-logprobs').click();
    const open = [...window.document.querySelectorAll<HTMLElement>('.option-menu')].filter((m) => !m.hidden);
    assert.equal(open.length, 1);
    open[0].dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    assert.equal(open[0].hidden, true);
    assert.equal(chip('option-logprobs').getAttribute('aria-expanded'), 'false');
  });
});
