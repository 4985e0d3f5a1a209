import * as vscode from 'vscode';
import { webviewStrings } from '../../shared/webviewStrings';

/** The webview's strings in VS Code's display language. */
export function webviewBundle(): Record<string, string> {
  return Object.fromEntries(webviewStrings.map((s) => [s, vscode.l10n.t(s)]));
}
