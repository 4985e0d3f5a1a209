// Text helpers shared by the tools: decoding, line endings, numbering and caps.

/** Bytes looked at to decide whether a file is binary (as git does: a NUL byte means binary). */
const BINARY_SNIFF_BYTES = 8000;

/** UTF-8 text, or undefined for a binary file. A BOM is dropped, as editors do. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
  return new TextDecoder('utf-8').decode(bytes);
}

/** The file's dominant line ending, so edits keep it. */
export function detectEol(text: string): '\r\n' | '\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

export const toLf = (text: string) => text.replace(/\r\n/g, '\n');
export const fromLf = (text: string, eol: '\r\n' | '\n') => (eol === '\n' ? text : text.replace(/\n/g, '\r\n'));

/** Lines of an LF text; a final newline does not start another line; '' has no lines. */
export function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `cat -n` style, which models read and do not copy into edits by mistake as often as `12: `. */
export function numberLines(lines: readonly string[], firstLine: number): string {
  const width = String(firstLine + lines.length - 1).length;
  return lines.map((l, i) => `${String(firstLine + i).padStart(width)}\t${l}`).join('\n');
}

/** Cuts `text` to `max` characters (not inside a surrogate pair) and says so. */
export function capText(text: string, max: number, note = 'output truncated'): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { text: `${text.slice(0, end)}\n[${note}: showing ${end} of ${text.length} characters]`, truncated: true };
}

/** Terminal colour and cursor codes mean nothing to the model. */
// eslint-disable-next-line no-control-regex
export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '');

/** `1 file`, `2 files`: results read by the model should not look broken. */
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
