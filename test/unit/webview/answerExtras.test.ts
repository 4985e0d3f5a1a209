// What a settled answer shows besides its text (citations, the JSON tree, images), in jsdom.
import assert from 'node:assert/strict';
import type { MessageRecord } from '../../../src/shared/conversation';
import { posted, useWebviewWindow } from './webviewGlobals';
// After webviewGlobals: these modules reach the VS Code API when they load.
import { AnswerExtras } from '../../../src/webview/answers/answerExtrasView';
import { StreamingMarkdown } from '../../../src/webview/markdown';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const message = (over: Partial<MessageRecord>): MessageRecord => ({ id: 'a1', role: 'assistant', content: '', status: 'complete', createdAt: 0, ...over });

describe('webview: answer extras', () => {
  const window = useWebviewWindow();

  /** A message view's content + extras, rendered as the message view does; `root` holds both. */
  function render(m: MessageRecord) {
    const content = window.document.createElement('div');
    const extras = new AnswerExtras(content);
    const root = window.document.createElement('div');
    root.append(content, extras.root);
    window.document.body.append(root);
    const md = new StreamingMarkdown(content, { onLinkClick: (href) => posted.push({ type: 'openLink', href }) });
    md.setText(m.content, true);
    extras.render(m, md);
    return { content, root };
  }

  it('puts numbered markers where citations end (code points) and lists each source once', () => {
    const text = 'Rust 🦀 is fast. It is **safe** too.\n\n- listed item';
    const cut = (s: string) => Array.from(text.slice(0, text.indexOf(s) + s.length)).length;
    const { content, root } = render(message({
      content: text,
      citations: [
        { url: 'https://rust-lang.org/', title: 'Rust', start: 0, end: cut('fast.') },
        { url: 'https://blog.example/safety', end: cut('**safe**') },
        { url: 'https://rust-lang.org/', end: cut('listed item') },
        { url: 'https://nostart.example/' },
      ],
    }));
    assert.equal(content.querySelector('p')!.textContent, 'Rust 🦀 is fast.[1] It is safe[2] too.');
    assert.equal(content.querySelector('li')!.textContent, 'listed item[1]');
    assert.equal(/[\u0002\u0003]/.test(content.textContent!), false, 'no placeholder left');
    const items = [...root.querySelectorAll<HTMLElement>('[data-testid="citation"]')];
    assert.deepEqual(items.map((i) => i.textContent), ['[1]Rustrust-lang.org', '[2]blog.example', '[3]nostart.example']);
    content.querySelectorAll<HTMLElement>('[data-testid="citation-marker"]')[1].click();
    items[0].querySelector('button')!.click();
    assert.deepEqual(posted, [{ type: 'openLink', href: 'https://blog.example/safety' }, { type: 'openLink', href: 'https://rust-lang.org/' }]);
  });

  it('keeps links whole: a marker never lands in a link target or an autolinked URL', () => {
    const text = 'See [the docs](https://docs.example/) or https://bare.example/page now.';
    const { content } = render(message({
      content: text,
      citations: [{ url: 'https://src.example/', end: text.indexOf(')') }, { url: 'https://other.example/', end: text.indexOf(' now') }],
    }));
    assert.deepEqual([...content.querySelectorAll('a')].map((a) => a.getAttribute('data-href')), ['https://docs.example/', 'https://bare.example/page']);
    assert.equal(content.querySelector('p')!.textContent, 'See the docs[1] or https://bare.example/page[2] now.');
    content.querySelector<HTMLElement>('[data-testid="citation-marker"]')!.click();
    assert.deepEqual(posted, [{ type: 'openLink', href: 'https://src.example/' }], 'the marker opens its source, not the link');
  });

  it('keeps markers out of fenced code (it is copied as it is)', () => {
    const text = 'Like this:\n\n```js\nlet a = 1;\n```\nDone.';
    const { content } = render(message({ content: text, citations: [{ url: 'https://src.example/', end: text.indexOf(';') }] }));
    assert.equal(content.querySelector('pre')!.textContent, 'let a = 1;\n');
    assert.equal(content.querySelector('p')!.textContent, 'Like this:[1]', 'the marker goes before the block');
    const atStart = render(message({ content: '```\nx\n```', citations: [{ url: 'https://src.example/', end: 5 }] }));
    assert.equal(atStart.content.querySelectorAll('[data-testid="citation-marker"]').length, 0);
    assert.equal(atStart.root.querySelectorAll('[data-testid="citation"]').length, 1, 'the source is still listed');
  });

  it('shows an unsafe source as text that opens nothing, and citations without positions as a list only', () => {
    const { content, root } = render(message({ content: 'Hello.', citations: [{ url: 'javascript:alert(1)', title: 'x' }] }));
    assert.equal(content.querySelectorAll('[data-testid="citation-marker"]').length, 0);
    const item = root.querySelector<HTMLElement>('[data-testid="citation"] .citation-source')!;
    assert.equal(item.tagName, 'SPAN');
    item.click();
    assert.deepEqual(posted, []);
  });

  it('renders a JSON answer as a tree with copy, and Tree / Text switches back to the markdown', () => {
    const { content, root } = render(message({ content: '```json\n{"name":"Ada","tags":["x",1,null,true],"nested":{"deep":{"deeper":{"k":"v"}}}}\n```', json: { mode: 'object' } }));
    const tree = root.querySelector<HTMLElement>('[data-testid="json-tree"]')!;
    assert.ok(tree);
    assert.equal(content.hidden, true, 'Tree mode hides the text');
    assert.equal(root.firstElementChild!.contains(tree), true, 'the tree takes the text\'s place, before it');
    assert.deepEqual([...tree.querySelectorAll('.json-key')].slice(0, 2).map((k) => k.textContent), ['name', 'tags']);
    assert.deepEqual([...tree.querySelectorAll('.json-value')].slice(0, 5).map((v) => v.className.split(' ')[1]), ['json-string', 'json-string', 'json-number', 'json-null', 'json-boolean']);
    const deep = [...tree.querySelectorAll<HTMLDetailsElement>('details')].find((d) => d.querySelector('.json-key')?.textContent === 'deeper')!;
    assert.equal(deep, undefined, 'deep levels render only when opened');
    root.querySelector<HTMLElement>('[data-testid="json-copy"]')!.click();
    assert.deepEqual(posted, [{ type: 'copy', text: JSON.stringify({ name: 'Ada', tags: ['x', 1, null, true], nested: { deep: { deeper: { k: 'v' } } } }, null, 2) }]);
    root.querySelector<HTMLElement>('[data-testid="json-mode-text"]')!.click();
    assert.equal(content.hidden, false);
    assert.equal(tree.hidden, true);
  });

  it('says when a JSON answer is not JSON, and shows schema violations', () => {
    const invalid = render(message({ content: 'Sure: {"a":1}', json: { mode: 'object' } }));
    assert.ok(invalid.root.querySelector('[data-testid="json-invalid"]'));
    assert.equal(invalid.root.querySelector('.json-raw')!.textContent, 'Sure: {"a":1}');
    assert.equal(invalid.root.querySelector('[data-testid="json-copy"]'), null);
    const json = { mode: 'schema' as const, name: 'person', schema: {} };
    const violating = render(message({ content: '{}', json, jsonCheck: { valid: false, errors: ["$: must have required property 'name'"] } }));
    assert.deepEqual([...violating.root.querySelectorAll('[data-testid="json-violation"]')].map((v) => v.textContent), ["$: must have required property 'name'"]);
    const fine = render(message({ content: '{}', json, jsonCheck: { valid: true, errors: [] } }));
    assert.ok(fine.root.querySelector('[data-testid="json-valid"]'));
  });

  it('shows no JSON view for a streaming answer or a tool step', () => {
    assert.equal(render(message({ content: '{}', json: { mode: 'object' }, status: 'streaming' })).root.querySelector('.answer-extras')!.childElementCount, 0);
    assert.equal(render(message({ content: '{}', json: { mode: 'object' }, toolCalls: [{ id: 'c', name: 't', arguments: '{}', state: 'done' }] })).root.querySelector('[data-testid="json-tree"]'), null);
  });

  it('shows returned images once (not again when the markdown has them), opens them larger and saves them', () => {
    const OTHER = 'data:image/jpeg;base64,/9j/4AAQ';
    const { content, root } = render(message({
      content: `Here:\n\n![drawn](${PNG})`,
      images: [{ dataUrl: PNG }, { dataUrl: OTHER }, { dataUrl: 'https://remote.example/x.png' }],
    }));
    assert.equal(content.querySelectorAll('img').length, 1, 'the markdown shows its own image');
    const images = [...root.querySelectorAll<HTMLImageElement>('[data-testid="answer-image"]')];
    assert.deepEqual(images.map((i) => i.getAttribute('src')), [OTHER]);
    images[0].click();
    const viewer = window.document.querySelector<HTMLElement>('[data-testid="image-viewer"]')!;
    assert.equal(viewer.querySelector('img')!.getAttribute('src'), OTHER);
    window.document.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape' }));
    assert.equal(window.document.querySelector('[data-testid="image-viewer"]'), null, 'Escape closes');
    content.querySelector('img')!.click();
    assert.ok(window.document.querySelector('[data-testid="image-viewer"]'), 'the markdown image opens larger too');
    root.querySelector<HTMLElement>('[data-testid="save-image"]')!.click();
    assert.deepEqual(posted, [{ type: 'saveImage', messageId: 'a1', index: 1 }]);
  });

  it('does the work once per message, however often the view refreshes', () => {
    const content = window.document.createElement('div');
    const extras = new AnswerExtras(content);
    const md = new StreamingMarkdown(content);
    const m = message({ content: 'Fact.', citations: [{ url: 'https://a.example/', end: 5 }] });
    md.setText(m.content, true);
    extras.render(m, md);
    const first = extras.root.firstElementChild;
    extras.render(m, md);
    assert.equal(extras.root.firstElementChild, first);
    assert.equal(content.querySelectorAll('[data-testid="citation-marker"]').length, 1);
  });
});
