// Every HTML string the renderer produces passes through DOMPurify before it touches the DOM. The
// markdown rules already avoid dangerous output; this is the second, independent line: forbidden
// tags, no event handlers, no data attributes beyond our own three, and no attribute that could make
// the browser fetch or navigate anywhere.
import DOMPurify from 'dompurify';
import { isInlineImageSrc, isSafeLinkHref } from './urls';

type Purifier = ReturnType<typeof DOMPurify>;

const CONFIG = {
  FORBID_TAGS: ['svg', 'math', 'style', 'iframe', 'form', 'script', 'object', 'embed', 'link', 'meta', 'base'],
  // Fetching/navigating attributes we never emit; style could carry url() and the CSP blocks it anyway.
  FORBID_ATTR: ['style', 'srcset', 'poster', 'background', 'ping', 'action', 'formaction', 'xlink:href'],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: ['data-href', 'data-lang', 'data-testid'],
  RETURN_DOM_FRAGMENT: true,
};

function keepAttribute(element: Element, name: string, value: string): boolean {
  if (name.startsWith('on')) return false;
  if (name === 'src') return element.nodeName === 'IMG' && isInlineImageSrc(value);
  if (name === 'href') return value === '#'; // real targets live in data-href and go through the host
  if (name === 'data-href') return isSafeLinkHref(value);
  return true;
}

// One purifier per window: hooks are per instance, and tests run several jsdom windows.
const purifiers = new WeakMap<object, Purifier>();

function purifierFor(win: Window & typeof globalThis): Purifier {
  let purifier = purifiers.get(win);
  if (!purifier) {
    purifier = DOMPurify(win);
    purifier.setConfig(CONFIG); // parsed once, not on every call
    purifier.addHook('uponSanitizeAttribute', (element, event) => {
      if (!keepAttribute(element, event.attrName.toLowerCase(), event.attrValue)) event.keepAttr = false;
    });
    purifiers.set(win, purifier);
  }
  return purifier;
}

/** Sanitize `html` into a fragment, ready to insert into `doc` (inserting adopts it). */
export function sanitizeToFragment(doc: Document, html: string): DocumentFragment {
  const win = doc.defaultView;
  if (!win) throw new Error('markdown: the container must belong to a document with a window');
  // DOMPurify parses into its own inert document and hands back the sanitized nodes themselves:
  // no serialize/re-parse round trip for mutation XSS to exploit.
  // (the configuration, RETURN_DOM_FRAGMENT included, was set on the instance once.)
  const fragment: unknown = purifierFor(win).sanitize(html);
  if (!(fragment instanceof win.DocumentFragment)) throw new Error('markdown: sanitizer did not return a fragment');
  return fragment;
}
