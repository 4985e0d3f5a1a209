// Every string the webview shows, in English. The host translates each through vscode.l10n and
// sends the bundle with `init`; the webview looks strings up by their English text.
export const webviewStrings = [
  'Gateway Chat',
  'Connected to the extension host.',
  'No gateway is configured yet. Add an endpoint in the settings to start chatting.',
  'Open settings',
  'New chat started.',
] as const;

export type WebviewString = (typeof webviewStrings)[number];
