// Asking the user about a tool call: the panel shows the call with Approve / Reject; an edit also
// opens a diff of the exact text that will be written. The model's text never approves anything:
// only a toolDecision message from the panel, caused by a click, does.
import * as vscode from 'vscode';
import type { ToolHost } from '../chat/toolRunner';
import type { MessageRecord } from '../shared/conversation';
import type { HostToWebview, ToolApprovalView } from '../shared/protocol';
import type { ApprovalDecision, ApprovalRequest } from '../tools';
import type { ProposalDocuments } from './applyWithDiff';
import { VsCodeWorkspacePort } from './workspacePort';

interface Pending {
  messageId: string;
  view: ToolApprovalView;
  resolve(d: ApprovalDecision): void;
  cleanup(): Promise<void>;
}

export class ToolApprovals implements ToolHost {
  readonly port = new VsCodeWorkspacePort();
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly post: (m: HostToWebview) => void, private readonly proposals: ProposalDocuments) {}

  alwaysAskForReadOnly(): boolean {
    return vscode.workspace.getConfiguration('gatewayChat.tools').get<boolean>('autoApproveReadOnly') === false;
  }

  async requestApproval(request: ApprovalRequest, message: MessageRecord): Promise<ApprovalDecision> {
    const view = approvalView(request);
    let diff: vscode.Uri | undefined;
    const p = request.preview;
    if (p.kind === 'edit') {
      const name = p.path.display.split('/').pop() ?? p.path.display;
      const left = this.proposals.add(p.oldText, name);
      diff = this.proposals.add(p.newText, name);
      await vscode.commands.executeCommand('vscode.diff', left, diff, vscode.l10n.t('{0}: change proposed by the model', p.path.display), { preview: true, preserveFocus: true });
      const right = diff;
      const cleanup = async () => {
        const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === right.toString());
        if (tabs.length) await vscode.window.tabGroups.close(tabs);
        this.proposals.remove(left);
        this.proposals.remove(right);
      };
      return this.wait(message, view, cleanup);
    }
    return this.wait(message, view, async () => undefined);
  }

  /** The panel's answer (a click); unknown call ids are ignored. */
  decide(callId: string, decision: ApprovalDecision): void {
    const p = this.pending.get(callId);
    if (!p) return;
    this.pending.delete(callId);
    this.post({ type: 'toolApprovalDone', callId });
    void p.cleanup().finally(() => p.resolve(decision));
  }

  /** The panel was hidden or reloaded while questions were open: ask them again. */
  repost(): void {
    for (const p of this.pending.values()) this.post({ type: 'toolApproval', messageId: p.messageId, request: p.view });
  }

  /** Stop: every open question is answered "no". */
  rejectAll(reason: string): void {
    for (const id of [...this.pending.keys()]) this.decide(id, { approved: false, reason });
  }

  private wait(message: MessageRecord, view: ToolApprovalView, cleanup: () => Promise<void>): Promise<ApprovalDecision> {
    return new Promise((resolve) => {
      this.pending.set(view.callId, { messageId: message.id, view, resolve, cleanup });
      this.post({ type: 'toolApproval', messageId: message.id, request: view });
    });
  }
}

function approvalView(r: ApprovalRequest): ToolApprovalView {
  const p = r.preview;
  const base = { callId: r.callId, toolName: r.toolName, sensitive: r.sensitivePaths.length > 0, canAllowForConversation: r.canAllowForConversation };
  switch (p.kind) {
    case 'edit': return { ...base, kind: 'edit', summary: p.path.display };
    case 'rename': return { ...base, kind: 'rename', summary: `${p.from.display} -> ${p.to.display}` };
    case 'delete': return { ...base, kind: 'delete', summary: p.path.display };
    case 'terminal': return { ...base, kind: 'terminal', summary: p.command, cwd: p.cwd.display || '.' };
    case 'read': return { ...base, kind: 'read', summary: p.summary };
  }
}
