// Model output is untrusted: nothing it contains may run script, carry an event handler, use a
// forbidden tag, fetch a remote resource or navigate. Links open only through the host.
import assert from 'node:assert/strict';
import { renderMarkdownOnce } from '../../../../src/webview/markdown';
import { sanitizeToFragment } from '../../../../src/webview/markdown/sanitize';
import { allElements, fixedChunks, newContainer, oneShot, streamed } from './helpers';

const FORBIDDEN_TAGS = ['script', 'svg', 'math', 'style', 'iframe', 'form', 'object', 'embed', 'link', 'meta', 'base', 'input', 'video', 'audio', 'source'];
const INLINE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*$/;
const SAFE_LINK = /^(https?:\/\/|mailto:)/;

const MALICIOUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<form action="https://evil.example"><input name=a></form>',
  '<style>body { background: url(https://evil.example/bg.png) }</style>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<a href="javascript:alert(1)">raw anchor</a> <div style="background:url(//evil.example)">d</div>',
  '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">',
  '<link rel="stylesheet" href="https://evil.example/s.css"><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">',
  '<video poster="https://evil.example/p.png" src="https://evil.example/v.mp4"></video> <img srcset="https://evil.example/a.png 1x">',
  '[x](javascript:alert(1))',
  '[x](command:workbench.action.openSettings)',
  '[x](JAVASCRIPT:alert(1)) [x](&#x6A;avascript:alert(1)) [x](&#106;&#97;vascript:alert(1)) [x](<java\tscript:alert(1)>) [x]( javascript:alert(1) )',
  '[x](vbscript:msgbox(1)) [x](file:///etc/passwd) [x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [x](data:text/html,<script>alert(1)</script>)',
  '[x](vscode://settings) [x](//evil.example/path) [x](/relative) [x](#frag) [x](ftp://evil.example)',
  '<javascript:alert(1)> <command:foo> <https://ok.example/auto> <mailto:a@b.example> https://bare.example/x',
  '![a](https://evil.example/x.png) ![b](http://evil.example/x.png) ![c](//evil.example/x.png) ![d](file:///c:/x.png)',
  '![e](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![f](data:image/png;base64,iVBORw0KGgo=) ![g](x.png "title")',
  '[![img in link](https://evil.example/i.png)](https://ok.example/) [**bold** link](https://ok.example/b)',
  '<think>reasoning</think> &lt;script&gt; <!-- comment --> <?php echo 1; ?> <![CDATA[x]]>',
  '```html\n<script>alert(1)</script><img src=x onerror=alert(1)>\n```',
  '| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |\n|---|---|\n| ![i](https://evil.example/t.png) | ok |',
  '> <iframe src=https://evil.example></iframe>\n> [q](command:x)',
].join('\n\n');

// Only links, so the list of clickable targets is exact (in MALICIOUS, linkify also turns URLs inside
// the escaped raw HTML into safe links, which is fine but makes a noisy list).
const LINKS = [
  '[x](javascript:alert(1)) [x](JAVASCRIPT:alert(1)) [x](&#x6A;avascript:alert(1)) [x](command:workbench.action.openSettings)',
  '[x](vscode://settings) [x](//evil.example/path) [x](/relative) [x](#frag) [x](ftp://evil.example) [x](data:text/html,hi)',
  '<javascript:alert(1)> <command:foo> <https://ok.example/auto> <mailto:a@b.example> https://bare.example/x',
  '[![img in link](https://evil.example/i.png)](https://ok.example/) [**bold** link](https://ok.example/b) [plain](http://ok.example/p)',
].join('\n\n');
const SAFE_TARGETS = ['https://ok.example/auto', 'mailto:a@b.example', 'https://bare.example/x', 'https://ok.example/', 'https://ok.example/b', 'http://ok.example/p'];

/** Walk every element and attribute; anything that could run, fetch or navigate fails the test. */
function assertInert(root: HTMLElement): void {
  for (const element of allElements(root)) {
    const tag = element.tagName.toLowerCase();
    assert.ok(!FORBIDDEN_TAGS.includes(tag), `forbidden <${tag}>`);
    for (const { name, value } of Array.from(element.attributes)) {
      assert.ok(!name.startsWith('on'), `event handler ${name} on <${tag}>`);
      assert.ok(!['style', 'srcset', 'poster', 'background', 'action', 'formaction', 'xlink:href', 'ping'].includes(name), `${name} on <${tag}>`);
      if (name === 'src') assert.match(value, INLINE_IMAGE, `src on <${tag}> would fetch`);
      if (name === 'href') assert.equal(value, '#', `<${tag}> navigates to ${value}`);
      if (name === 'data-href') assert.match(value, SAFE_LINK, `unsafe data-href ${value}`);
      if (name.startsWith('data-')) assert.ok(['data-href', 'data-lang', 'data-testid'].includes(name), `unexpected ${name}`);
    }
  }
}

describe('markdown: untrusted output is inert', function () {
  this.timeout(30_000);

  it('one-shot rendering of the malicious set is inert', () => assertInert(oneShot(MALICIOUS)));

  it('streaming rendering of the malicious set is inert at every step', () => {
    const { container } = newContainer();
    const chunks = fixedChunks(MALICIOUS, 7);
    const live = streamed([], undefined, false);
    for (const chunk of chunks) {
      live.renderer.append(chunk);
      assertInert(live.container);
    }
    live.renderer.finish();
    assertInert(live.container);
    renderMarkdownOnce(container, MALICIOUS);
    assert.equal(live.container.innerHTML, container.innerHTML);
  });

  it('keeps raw HTML as visible text', () => {
    const text = oneShot(MALICIOUS).textContent ?? '';
    for (const literal of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<think>reasoning</think>', '<iframe src="https://evil.example">']) {
      assert.ok(text.includes(literal), `shows ${literal}`);
    }
  });

  it('makes only http(s) and mailto links clickable, showing their target', () => {
    const container = oneShot(LINKS);
    assertInert(container);
    const links = Array.from(container.querySelectorAll('a'));
    assert.deepEqual(links.map((a) => a.getAttribute('data-href')), SAFE_TARGETS);
    assert.ok(container.textContent!.includes('[x](javascript:alert(1))'), 'a refused link stays readable text');
    for (const a of links) assert.equal(a.getAttribute('title'), a.getAttribute('data-href'));
  });

  it('shows remote images as placeholders and inline base64 images as images', () => {
    const container = oneShot(MALICIOUS);
    const placeholders = Array.from(container.querySelectorAll('[data-testid="remote-image"]'));
    assert.ok(placeholders.some((p) => p.textContent === '[image: a] https://evil.example/x.png'));
    assert.ok(placeholders.some((p) => p.getAttribute('title') === '//evil.example/x.png'));
    assert.deepEqual(Array.from(container.querySelectorAll('img')).map((i) => i.getAttribute('src')), ['data:image/png;base64,iVBORw0KGgo=']);
  });

  it('calls onLinkClick only for safe links, and never lets a click navigate', () => {
    const clicked: string[] = [];
    const { container, window } = newContainer();
    renderMarkdownOnce(container, LINKS, { onLinkClick: (href) => clicked.push(href) });
    // An anchor that got in some other way must not navigate or reach the host either.
    const stray = window.document.createElement('a');
    stray.setAttribute('data-href', 'javascript:alert(1)');
    stray.textContent = 'stray';
    container.append(stray);
    const click = (target: Element) => {
      const event = new window.MouseEvent('click', { bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    for (const a of Array.from(container.querySelectorAll('a'))) assert.ok(click(a), 'default prevented');
    assert.ok(click(container.querySelector('a strong')!), 'a click inside a link counts');
    assert.deepEqual(clicked, [...SAFE_TARGETS, 'https://ok.example/b']);
    assert.equal(click(container.querySelector('p')!), false, 'clicks elsewhere are left alone');
  });

  it('the sanitizer alone strips what the markdown rules would never emit', () => {
    const { container } = newContainer();
    container.append(sanitizeToFragment(container.ownerDocument, [
      '<a href="https://evil.example" onclick="x()" data-foo="1">a</a>',
      '<a href="#" data-href="javascript:alert(1)">b</a><a href="#" data-href="https://ok.example">c</a>',
      '<img src="https://evil.example/x.png"><img src="data:image/png;base64,AAAA" onerror="x()"><img src="data:image/svg+xml;base64,AAAA">',
      '<div style="background:url(https://evil.example)" onmouseover="x()">d</div><svg><image href="https://evil.example"/></svg>',
      '<math><mtext><style><img src=x onerror=x()></style></mtext></math><form><button formaction="https://evil.example">f</button></form>',
      '<iframe srcdoc="<script>x()</script>"></iframe><script>x()</script><template><img src=x onerror=x()></template>',
    ].join('')));
    assertInert(container);
    assert.deepEqual(Array.from(container.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.getAttribute('data-href')]), [[null, null], ['#', null], ['#', 'https://ok.example']]);
    assert.deepEqual(Array.from(container.querySelectorAll('img')).map((i) => i.getAttribute('src')), [null, 'data:image/png;base64,AAAA', null]);
  });
});
