// An answer to a JSON-output request, as a value. Shared by the chat layer (schema check) and the
// panel (the tree), so both read the same text the same way.

export type ParsedJsonAnswer = { ok: true; value: unknown } | { ok: false; error: string };

// Some models wrap JSON output in one ```json fence even when asked for bare JSON.
const FENCE = /^\s*(`{3,}|~{3,})[ \t]*(?:json[c5]?)?[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*\1[ \t]*\s*$/i;

/** The text with one enclosing code fence removed (if there is exactly that around it). */
export function unfenceJson(text: string): string {
  const m = FENCE.exec(text);
  return m ? m[2] : text;
}

export function parseJsonAnswer(text: string): ParsedJsonAnswer {
  try {
    return { ok: true, value: JSON.parse(unfenceJson(text)) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
