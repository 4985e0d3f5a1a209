// The host <-> webview protocol. Each member carries exactly its fields; both sides switch on
// `type` and end in an exhaustive `never` check. The host validates everything it receives.

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'openSettings' };

export type HostToWebview =
  | { type: 'init'; locale: string; strings: Record<string, string>; version: string }
  | { type: 'newChat' };

const webviewMessageTypes: { [K in WebviewToHost['type']]: (m: Record<string, unknown>) => boolean } = {
  ready: (m) => Object.keys(m).length === 1,
  openSettings: (m) => Object.keys(m).length === 1,
};

/** Returns the message if it is a well-formed WebviewToHost, otherwise undefined. */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  if (typeof m.type !== 'string' || !Object.hasOwn(webviewMessageTypes, m.type)) return undefined;
  const valid = webviewMessageTypes[m.type as WebviewToHost['type']];
  return valid(m) ? (m as WebviewToHost) : undefined;
}

export function assertNever(x: never): never {
  throw new Error('unexpected message: ' + JSON.stringify(x));
}
