// The Getting Started walkthrough's steps complete on what the user really did, not on a click in
// the walkthrough: each is a context key (package.json `completionEvents: onContext:...`) that the
// host sets when it happens. VS Code ticks a step when the key turns true while its walkthrough
// service is running; a key that is already true when that service starts (it starts late, with the
// Welcome page) never ticks its step. So the key is pulsed: true, then false again. The step ticks at
// once when the service is up, and otherwise on the next time it happens; VS Code remembers it.
import * as vscode from 'vscode';

export type WalkthroughStep = 'connected' | 'modelChosen' | 'askedSelection' | 'approvedToolCall';

export function completeStep(step: WalkthroughStep): void {
  const key = `gatewayChat.walkthrough.${step}`;
  void (async () => {
    await vscode.commands.executeCommand('setContext', key, true);
    await vscode.commands.executeCommand('setContext', key, false);
  })();
}
