// `---` front matter at the top of a markdown file (prompt templates, rules files): simple
// `key: value` lines, a value quoted or not, and lists written `[a, b]` or as `- item` lines.
// Anything else in it is ignored; the file's text is what follows it.

export interface FrontMatter {
  /** Lower-cased keys; a list's items joined by `, ` (a single value is kept as written). */
  meta: Record<string, string>;
  /** The text after the front matter (or the whole text), BOM and CRLF removed. */
  body: string;
}

const unquote = (v: string) => v.trim().replace(/^(["'])(.*)\1$/, '$2');

export function splitFrontMatter(text: string): FrontMatter {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n?---(?:\n|$)/.exec(normalized);
  const meta: Record<string, string> = {};
  if (m) {
    let listKey: string | undefined;
    for (const line of m[1].split('\n')) {
      const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
      if (item && listKey) {
        meta[listKey] = [meta[listKey], unquote(item[1])].filter(Boolean).join(', ');
        continue;
      }
      const kv = /^(\w+)\s*:\s*(.*)$/.exec(line);
      if (!kv) continue;
      const key = kv[1].toLowerCase();
      const value = kv[2].trim();
      listKey = value ? undefined : key;
      const inline = /^\[(.*)\]$/.exec(value);
      meta[key] = inline ? inline[1].split(',').map(unquote).filter(Boolean).join(', ') : unquote(value);
    }
  }
  return { meta, body: m ? normalized.slice(m[0].length) : normalized };
}
