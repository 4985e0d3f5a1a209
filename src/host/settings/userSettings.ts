// Settings that move the key, spend money or loosen approvals, read from the user's own settings
// only. Their manifest scope (`application`) already keeps a workspace from setting them; reading the
// global value as well means a cloned repository's .vscode/settings.json changes nothing even if a
// scope is ever lost. Everything else is read with the usual workspace-over-user precedence.
import * as vscode from 'vscode';

/** `key` under gatewayChat, e.g. `models` or `tools.enabled`: the user's value, else the default. */
export function userSetting<T>(key: string): T | undefined {
  const seen = vscode.workspace.getConfiguration('gatewayChat').inspect<T>(key);
  return seen?.globalValue ?? seen?.defaultValue;
}
