// Carries out the tool calls of one assistant message through the tools layer, keeping the saved
// conversation a journal: a call waiting for the user is saved with what it asks, a call is saved as
// approved before it runs and with its result after, so a reload never runs it again and settles
// what was still waiting.
import type { AssembledToolCall } from '../../llm';
import type { MessageRecord, ToolApprovalView, ToolCallRecord } from '../../shared/conversation';
import { executeToolCalls, type ApprovalDecision, type ApprovalRequest, type ToolRegistry, type WorkspacePort } from '../../tools';
import { assertNever } from '../../shared/assertNever';
import type { CheckpointStore } from '../checkpoints/checkpointStore';
import { CheckpointRecorder } from '../checkpoints/recorder';
import { recordingPort } from '../checkpoints/recordingPort';

export interface ToolHost {
  port: WorkspacePort;
  /**
   * Waits for the user's decision on a call the transcript shows as pending (opening a diff for an
   * edit); when `signal` aborts first it settles as rejected and closes what it opened.
   */
  requestApproval(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}

export interface ToolRunOptions {
  host: ToolHost;
  /** Tools allowed for the rest of this conversation; grows when the user says so. */
  allowed: Set<string>;
  /** Read-only tools inside the workspace run without asking. */
  readOnlyWithoutAsking: boolean;
  /** The tools offered this turn (built-in, MCP, other extensions'); absent: the built-in ones. */
  registry?: ToolRegistry;
  signal: AbortSignal;
  /** A record changed: show it. */
  onChange(): void;
  /** Persist the conversation now. */
  save(): Promise<void>;
  /** Where the files the calls are about to change are kept first, so the user can restore them. */
  checkpoints?: { store: CheckpointStore; conversationId: string; promptId: string };
}

export async function runToolCalls(m: MessageRecord, o: ToolRunOptions): Promise<void> {
  const records = m.toolCalls ?? [];
  const byId = new Map(records.map((r) => [r.id, r]));
  const calls: AssembledToolCall[] = records.map(toAssembled);
  for (const r of records) r.path ??= pathArgument(r);
  const recorder = o.checkpoints && new CheckpointRecorder({
    store: o.checkpoints.store, port: o.host.port,
    meta: { id: m.id, conversationId: o.checkpoints.conversationId, promptId: o.checkpoints.promptId },
    onChange: (summary) => {
      if (summary.files.length || summary.commands) m.checkpoint = summary;
      o.onChange();
    },
  });
  await executeToolCalls(calls, {
    port: recorder ? recordingPort(o.host.port, recorder) : o.host.port,
    settings: { alwaysAskForReadOnly: !o.readOnlyWithoutAsking },
    allowedTools: o.allowed,
    signal: o.signal,
    ...(o.registry ? { registry: o.registry } : {}),
    requestApproval: async (request) => {
      const r = byId.get(request.callId);
      if (r) r.approval = approvalView(request);
      o.onChange();
      // Waiting for the user can last through a reload: the question is on disk before it is asked.
      await o.save();
      try {
        return await o.host.requestApproval(request, o.signal);
      } finally {
        if (r) delete r.approval;
      }
    },
    onUpdate: (callId, state) => {
      const r = byId.get(callId);
      if (r && r.state !== 'done' && r.state !== 'failed' && r.state !== 'rejected') r.state = state;
      o.onChange();
    },
    beforeRun: async (call) => {
      const r = byId.get(call.id);
      if (r) r.state = 'approved';
      await o.save();
    },
    afterRun: async (call, result) => {
      const r = byId.get(call.id);
      if (r) Object.assign(r, { state: result.state, result: result.content, isError: result.isError });
      if (r && result.images?.length) r.images = result.images.map((i) => `data:${i.mimeType};base64,${i.data}`);
      o.onChange();
      await o.save();
    },
  });
}

/** After a reload: a call that was approved but has no result may have run; it is never re-run. */
export function settleUnfinishedCalls(m: MessageRecord): void {
  for (const r of m.toolCalls ?? []) {
    delete r.approval;
    if (r.state === 'done' || r.state === 'failed' || r.state === 'rejected') continue;
    const ran = r.state === 'approved';
    r.state = ran ? 'failed' : 'rejected';
    r.isError = true;
    r.result = ran
      ? 'This tool call was interrupted (VS Code closed while it ran); it may have partly run and was not run again.'
      : 'This tool call was not run: VS Code closed before it was approved.';
  }
}

/** What the transcript shows while a call waits: the paths, `from -> to`, or the exact command line. */
export function approvalView(r: ApprovalRequest): ToolApprovalView {
  const p = r.preview;
  const base = { toolName: r.toolName, sensitive: r.sensitivePaths.length > 0, canAllowForConversation: r.canAllowForConversation };
  switch (p.kind) {
    case 'edit': return { ...base, kind: 'edit', summary: p.path.display };
    case 'rename': return { ...base, kind: 'rename', summary: `${p.from.display} -> ${p.to.display}` };
    case 'delete': return { ...base, kind: 'delete', summary: p.path.display };
    case 'terminal': return { ...base, kind: 'terminal', summary: p.command, cwd: p.cwd.display || '.' };
    case 'read': return { ...base, kind: 'read', summary: p.summary };
    case 'external': return { ...base, kind: 'external', summary: p.server, tool: p.tool, origin: p.origin, args: JSON.stringify(r.args, null, 2) };
    default: return assertNever(p);
  }
}

function toAssembled(r: ToolCallRecord): AssembledToolCall {
  const call: AssembledToolCall = { id: r.id, name: r.name, arguments: r.arguments, ...(r.legacy ? { legacy: true as const } : {}) };
  if (r.invalid) return { ...call, invalid: true };
  try {
    return { ...call, parsed: r.arguments.trim() ? JSON.parse(r.arguments) : {} };
  } catch {
    return { ...call, invalid: true };
  }
}

function pathArgument(r: ToolCallRecord): string | undefined {
  try {
    const args = JSON.parse(r.arguments) as Record<string, unknown>;
    const p = args.path ?? args.from;
    return typeof p === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
}
