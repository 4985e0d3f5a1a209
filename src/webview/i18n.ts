import type { WebviewString } from '../shared/webviewStrings';

let bundle: Record<string, string> = {};

export function setStrings(strings: Record<string, string>): void {
  bundle = strings;
}

/** The translated string, falling back to the English source. */
export function t(s: WebviewString): string {
  return bundle[s] ?? s;
}
