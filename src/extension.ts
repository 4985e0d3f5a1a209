import * as vscode from 'vscode';
import { compose } from './host/composition';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(...compose(context));
}

export function deactivate(): void {}
