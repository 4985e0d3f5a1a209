// Who decides whether a prepared call runs. Only the user's answer to requestApproval can approve a
// call; nothing in the model's text or arguments can (unknown arguments are rejected by the schema).
import type { GuardedPath } from './pathGuard';
import type { ApprovalPreview, PreparedCall, Tool } from './types';

/** The terminal is never allowed for a whole conversation: every command is shown and approved. */
export const NEVER_ALLOW_FOR_CONVERSATION: ReadonlySet<string> = new Set(['run_in_terminal']);

export interface ApprovalSettings {
  /** The setting "ask before read-only tools too". Default false: reads inside the workspace just run. */
  alwaysAskForReadOnly?: boolean;
}

/** Why the user is asked: a write, a terminal command, a sensitive path, content from outside the workspace, or the setting. */
export type ApprovalReason = 'write' | 'terminal' | 'sensitive' | 'outside' | 'setting' | 'external';

export interface ApprovalRequest {
  callId: string;
  toolName: string;
  /** The validated arguments (a frozen copy). */
  args: Readonly<Record<string, unknown>>;
  reasons: ApprovalReason[];
  /** Display paths that always ask (`.vscode/`, `.git/`, `.env*`, `*.code-workspace`; for writes also `package.json` and the like; anything outside the workspace) that the call touches. */
  sensitivePaths: string[];
  /** Whether "allow this tool for this conversation" may be offered (never for the terminal). */
  canAllowForConversation: boolean;
  /** What will happen, exactly; frozen. For edits the whole new text, for the terminal the command line. */
  preview: ApprovalPreview;
}

export type ApprovalDecision =
  | { approved: true; /** The user ticked "allow this tool for this conversation". */ allowForConversation?: boolean }
  | { approved: false; /** Sent to the model. */ reason?: string };

/** Empty when the call may run without asking. */
export function approvalReasons(tool: Tool, prepared: PreparedCall, settings: ApprovalSettings, allowed: ReadonlySet<string>): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  const mayAllow = !NEVER_ALLOW_FOR_CONVERSATION.has(tool.name) && allowed.has(tool.name);
  if (NEVER_ALLOW_FOR_CONVERSATION.has(tool.name)) reasons.push('terminal');
  // Another program's tool: we cannot tell what it does, so it asks unless the user allowed it.
  else if (tool.origin) { if (!tool.preApproved && !mayAllow) reasons.push('external'); }
  else if (!tool.readOnly && !mayAllow) reasons.push('write');
  else if (tool.readOnly && settings.alwaysAskForReadOnly && !mayAllow) reasons.push('setting');
  if (prepared.paths.some((p) => alwaysAsks(tool, p))) reasons.push('sensitive');
  if (prepared.outside?.length) reasons.push('outside');
  return reasons;
}

/** Sensitive paths ask for every tool; paths whose change runs code ask for every write. */
const alwaysAsks = (tool: Tool, p: GuardedPath) => p.sensitive || (!tool.readOnly && p.runsCode);

export function approvalRequest(callId: string, tool: Tool, args: Record<string, unknown>, prepared: PreparedCall, reasons: ApprovalReason[]): ApprovalRequest {
  return deepFreeze({
    callId,
    toolName: tool.name,
    args: structuredClone(args),
    reasons,
    sensitivePaths: [...prepared.paths.filter((p) => alwaysAsks(tool, p)).map((p) => p.display), ...(prepared.outside ?? [])],
    canAllowForConversation: !NEVER_ALLOW_FOR_CONVERSATION.has(tool.name),
    // A copy: the plan's own values (captured by its run closure) cannot be reached through it.
    preview: structuredClone(prepared.preview),
  });
}

export const TOOLS_OFF_UNTRUSTED =
  'Tools are turned off because this workspace is not trusted (VS Code Restricted Mode); nothing was run. Answer without tools, or ask the user to trust the workspace.';

export function rejectionMessage(reason?: string): string {
  const r = reason?.trim();
  return `The user rejected this tool call; nothing was run.${r ? ` Their reason: ${r}` : ''}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
