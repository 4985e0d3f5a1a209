// The small print of the public API: text, setText, finish, dispose, and hooks that misbehave.
import assert from 'node:assert/strict';
import { StreamingMarkdown, renderMarkdownOnce } from '../../../../src/webview/markdown';
import { newContainer, oneShot } from './helpers';

describe('markdown: renderer API', () => {
  it('takes over the container and reports the text exactly as received', () => {
    const { container } = newContainer();
    container.innerHTML = '<p>old</p>';
    const renderer = new StreamingMarkdown(container);
    assert.ok(container.classList.contains('md-root'));
    assert.equal(container.innerHTML, '<div class="md-blocks"></div><div class="md-tail"></div>');
    renderer.append('a\r');
    renderer.append('\nb');
    assert.equal(renderer.text, 'a\r\nb');
  });

  it('setText replaces everything, and setText(text, true) equals renderMarkdownOnce', () => {
    const { container } = newContainer();
    const indexes: number[] = [];
    const renderer = new StreamingMarkdown(container, { decorateCodeBlock: ({ index }) => indexes.push(index) });
    renderer.append('# old\n\n```\nx\n```\n');
    renderer.setText('new *text*\n\n```js\ny\n```\n', true);
    assert.equal(container.innerHTML, oneShot('new *text*\n\n```js\ny\n```\n').innerHTML);
    assert.deepEqual(indexes, [0, 0], 'code block indexes restart with the new text');
    assert.equal(renderer.text, 'new *text*\n\n```js\ny\n```\n');
    renderer.setText('streaming on from a saved part\n\nmore');
    renderer.append(' text');
    renderer.finish();
    assert.equal(container.innerHTML, oneShot('streaming on from a saved part\n\nmore text').innerHTML);
  });

  it('a decorator that throws does not leave the renderer half-updated', () => {
    const { container } = newContainer();
    const renderer = new StreamingMarkdown(container, { decorateCodeBlock: () => { throw new Error('toolbar bug'); } });
    const text = 'a\n\n```js\nx\n```\n\nb\n\nc\n';
    assert.throws(() => { for (const ch of text) renderer.append(ch); }, /toolbar bug/);
    renderer.append(text.slice(text.indexOf('```\n\nb') + 4));
    renderer.finish();
    assert.equal(container.innerHTML, oneShot(text).innerHTML);
  });

  it('finish is idempotent, and an empty answer renders nothing', () => {
    const { container } = newContainer();
    const renderer = renderMarkdownOnce(container, '');
    renderer.finish();
    assert.equal(container.textContent, '');
    const again = oneShot('x');
    assert.equal(again.innerHTML, '<div class="md-blocks"><div class="md-chunk"><p>x</p>\n</div></div><div class="md-tail"></div>');
  });

  it('dispose removes the click listener', () => {
    const { container, window } = newContainer();
    const clicked: string[] = [];
    const renderer = renderMarkdownOnce(container, '[a](https://a.example)', { onLinkClick: (href) => clicked.push(href) });
    const click = () => container.querySelector('a')!.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
    click();
    renderer.dispose();
    click();
    assert.deepEqual(clicked, ['https://a.example']);
  });
});
