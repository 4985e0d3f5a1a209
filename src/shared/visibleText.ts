// Text the user must read exactly before approving it (a command line), with nothing hidden: a
// control character can rewrite what a terminal shows, a bidirectional override (U+202E) can make
// `rm -rf ~ # <U+202E>txt.gnp` read as something harmless, a zero-width character can split a word
// unseen. Each is shown as a visible symbol or escape; line breaks and tabs stay, as they are visible.

const CONTROL_PICTURES_BASE = 0x2400; // U+2400..U+241F: ␀..␟
const SYMBOL_FOR_DEL = '\u2421'; // ␡

/**
 * C0 controls (other than \n and \t) become their Control Pictures symbols (ESC -> ␛, CR -> ␍),
 * DEL becomes ␡; C1 controls, bidirectional marks and overrides, zero-width and invisible
 * formatting characters, line and paragraph separators become `\uXXXX` escapes.
 */
export function visibleText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]|[\x80-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(CONTROL_PICTURES_BASE + code);
    if (code === 0x7f) return SYMBOL_FOR_DEL;
    return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
