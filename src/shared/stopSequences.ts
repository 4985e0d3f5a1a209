// Stop sequences as the form edits them: one exact string per line, with the characters a line cannot
// hold written as escapes (`\n`, `\r`, `\t`, `\\`, `\uXXXX` for other control characters). Reading
// back what was written gives the same strings, so an entry the user did not touch is saved unchanged
// (spaces included: nothing is trimmed).

/** The gateways document at most four. */
export const maxStopSequences = 4;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

export function escapeStop(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\\n\r\t\u0000-\u001f\u007f\u2028\u2029]/g, (c) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An escape this does not know (`\p` in `C:\path`) stays as typed. */
export function unescapeStop(line: string): string {
  return line.replace(/\\(u[0-9a-fA-F]{4}|[nrt\\])/g, (_, e: string) =>
    e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === '\\' ? '\\' : String.fromCharCode(parseInt(e.slice(1), 16)));
}

export function stopText(stop: unknown): string {
  const list = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string') : [];
  return list.map(escapeStop).join('\n');
}

/** Each non-empty line, exactly. */
export function stopList(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line !== '').map(unescapeStop);
}
