import type { WebviewString } from '../shared/webviewStrings';

let bundle: Record<string, string> = {};

export function setStrings(strings: Record<string, string>): void {
  bundle = strings;
}

/** The translated string with {0}, {1}... filled in, falling back to the English source. */
export function t(s: WebviewString, ...args: (string | number)[]): string {
  return format(bundle[s] ?? s, args);
}

/** For shared code that takes any English string (error texts); unknown strings stay as they are. */
export function tAny(s: string, ...args: (string | number)[]): string {
  return format(bundle[s] ?? s, args);
}

function format(s: string, args: (string | number)[]): string {
  return args.length ? s.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m)) : s;
}
