// Asking the user about a tool call: the transcript shows the call as pending with Approve / Reject
// (the chat layer keeps what it asks on the call itself); an edit also opens a diff of the exact text
// that will be written. Only the resolvers live here. The model's text never approves anything: only
// a toolDecision message from the panel, caused by a click, does; a stopped turn settles as rejected.
import * as vscode from 'vscode';
import type { ToolHost } from '../../chat/turn/toolRunner';
import type { ApprovalDecision, ApprovalRequest } from '../../tools';
import type { ProposalDocuments } from '../editor/applyWithDiff';
import { completeStep } from '../walkthrough';
import { VsCodeWorkspacePort } from './workspacePort';

export class ToolApprovals implements ToolHost {
  readonly port = new VsCodeWorkspacePort();
  private readonly waiting = new Map<string, (d: ApprovalDecision) => void>();

  constructor(private readonly proposals: ProposalDocuments) {}

  async requestApproval(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    const closeDiff = request.preview.kind === 'edit' ? await this.openDiff(request.preview) : async () => undefined;
    try {
      return await new Promise<ApprovalDecision>((resolve) => {
        if (signal.aborted) return resolve({ approved: false });
        const onAbort = () => resolve({ approved: false });
        signal.addEventListener('abort', onAbort, { once: true });
        this.waiting.set(request.callId, (d) => {
          signal.removeEventListener('abort', onAbort);
          resolve(d);
        });
      });
    } finally {
      this.waiting.delete(request.callId);
      await closeDiff();
    }
  }

  /** The panel's answer (a click); unknown or settled call ids are ignored. */
  decide(callId: string, decision: ApprovalDecision): void {
    const waiting = this.waiting.get(callId);
    waiting?.(decision);
    if (waiting && decision.approved) completeStep('approvedToolCall');
  }

  private async openDiff(p: Extract<ApprovalRequest['preview'], { kind: 'edit' }>): Promise<() => Promise<void>> {
    const name = p.path.display.split('/').pop() ?? p.path.display;
    const left = this.proposals.add(p.oldText, name);
    const right = this.proposals.add(p.newText, name);
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0}: change proposed by the model', p.path.display), { preview: true, preserveFocus: true });
    return async () => {
      await closeTabsOf((uri) => uri.toString() === right.toString());
      this.proposals.remove(left);
      this.proposals.remove(right);
    };
  }
}

/** Closes the diff editors whose proposed side matches (after a reload: every proposal left open). */
export async function closeTabsOf(match: (modified: vscode.Uri) => boolean): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && match(t.input.modified));
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
