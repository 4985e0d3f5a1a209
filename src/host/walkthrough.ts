// The Getting Started walkthrough's steps complete on what the user really did, not on a click in
// the walkthrough: each is a context key (package.json `completionEvents: onContext:...`) set here
// when it happens. VS Code remembers a completed step itself, so a key only needs setting once.
import * as vscode from 'vscode';

export type WalkthroughStep = 'connected' | 'modelChosen' | 'askedSelection' | 'approvedToolCall';

const done = new Set<WalkthroughStep>();

export function completeStep(step: WalkthroughStep): void {
  if (done.has(step)) return;
  done.add(step);
  void vscode.commands.executeCommand('setContext', `gatewayChat.walkthrough.${step}`, true);
}
