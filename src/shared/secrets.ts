// Hiding known secrets (keys, relay tokens, query-string keys) in text that is shown, traced or
// logged. Pure, so the gateway client, the chat layer and the panel can all use the same rule.

/** Shorter values are not worth hiding and would mangle ordinary text ("abc", "1"). */
const MIN_SECRET_LENGTH = 4;

/**
 * Names of headers and query parameters whose values are credentials: what a user may configure
 * (`X-Relay-Token`, `x-api-key`, `?key=`, `?api_key=`, `?token=`, Azure SAS `sig`) errs towards
 * hiding. Response headers such as `x-ratelimit-remaining-tokens` use a narrower rule (trace.ts).
 */
export function looksSecretName(name: string): boolean {
  return /key|token|auth|secret|signature|passw|credential|session|cookie|^sig$/i.test(name);
}

/** The secrets worth hiding, longest first so a key that contains another is hidden whole. */
export function usableSecrets(secrets: Iterable<string>): string[] {
  const unique = new Set<string>();
  for (const s of secrets) if (s && s.length >= MIN_SECRET_LENGTH) unique.add(s);
  return [...unique].sort((a, b) => b.length - a.length);
}

/** Every occurrence of every known secret replaced by `***`; the rest of the text exactly as it was. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= MIN_SECRET_LENGTH && out.includes(s)) out = out.split(s).join('***');
  }
  return out;
}

/**
 * Masks text that arrives in pieces: a secret split across two pieces is masked whole. Only a tail
 * that could still become a secret (a proper prefix of one) is held back, so ordinary text passes
 * through at once; `flush` releases it at the end.
 */
export class SecretMasker {
  private held = '';

  constructor(private readonly secrets: readonly string[]) {}

  push(text: string): string {
    if (this.secrets.length === 0) return text;
    const all = this.held + text;
    const cut = this.safeCut(all);
    this.held = all.slice(cut);
    return maskSecrets(all.slice(0, cut), this.secrets);
  }

  flush(): string {
    const rest = maskSecrets(this.held, this.secrets);
    this.held = '';
    return rest;
  }

  /**
   * Where the raw text can be cut so that what comes before it masks the same alone as in the whole:
   * before any tail that may still grow into a secret, and never inside a secret already there.
   */
  private safeCut(text: string): number {
    let cut = text.length - this.pendingPrefix(text);
    for (let moved = true; moved;) {
      moved = false;
      for (const s of this.secrets) {
        const p = text.indexOf(s, Math.max(0, cut - s.length + 1));
        if (p !== -1 && p < cut && p + s.length > cut) {
          cut = p;
          moved = true;
        }
      }
    }
    return cut;
  }

  /** Length of the longest tail of `text` that is the start, but not the whole, of a secret. */
  private pendingPrefix(text: string): number {
    let longest = 0;
    for (const s of this.secrets) {
      if (s.length < MIN_SECRET_LENGTH) continue;
      // Candidates start with the secret's first character: few, so this stays cheap per piece.
      let p = text.indexOf(s[0], Math.max(0, text.length - s.length + 1));
      while (p !== -1 && text.length - p > longest) {
        if (s.startsWith(text.slice(p))) {
          longest = text.length - p;
          break;
        }
        p = text.indexOf(s[0], p + 1);
      }
    }
    return longest;
  }
}
