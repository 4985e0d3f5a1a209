// Carries out one response's tool calls: validate, prepare, ask where the policy says, run, report.
// Sequential and in the order given; each call runs at most once; every call gets exactly one result
// (a call never throws out of here: whatever goes wrong becomes its failed result).
import type { AssembledToolCall, ChatMessage } from '../llm';
import { approvalReasons, approvalRequest, NEVER_ALLOW_FOR_CONVERSATION, rejectionMessage, TOOLS_OFF_UNTRUSTED, type ApprovalDecision, type ApprovalRequest, type ApprovalSettings } from './approval';
import { verifyUnchanged } from './pathGuard';
import { defaultRegistry, type ToolRegistry } from './registry';
import { capText } from './text';
import { ToolError } from './toolError';
import type { PreparedCall, ToolContext, ToolImage } from './types';
import { nestsDeeperThan } from './validation';
import type { WorkspacePort } from './workspacePort';

export type ToolCallState = 'pending' | 'approved' | 'rejected' | 'done' | 'failed';

export interface ToolResult {
  callId: string;
  name: string;
  /** What goes back to the model. */
  content: string;
  isError: boolean;
  state: 'done' | 'failed' | 'rejected';
  /** Images the tool returned (MCP), for the model and the transcript. */
  images?: ToolImage[];
  /** Answer with a `function` role message (the call came as a legacy `function_call`). */
  legacy?: true;
}

export interface ExecutorContext {
  port: WorkspacePort;
  settings?: ApprovalSettings;
  /** Tools the user allowed for this conversation; the executor adds to it when the user says so. */
  allowedTools: Set<string>;
  requestApproval(request: ApprovalRequest): Promise<ApprovalDecision>;
  /** `detail`: the result text for done/failed/rejected, 'auto' for an approval by policy. */
  onUpdate?(callId: string, state: ToolCallState, detail?: string): void;
  /** Awaited right before a tool runs (persist "running"); if it throws, the tool does not run. */
  beforeRun?(call: AssembledToolCall): void | Promise<void>;
  /** Awaited once for every call when its result is final, whether or not it ran. If it throws, executeToolCalls rejects with that error (the journal is broken: stop the turn). */
  afterRun?(call: AssembledToolCall, result: ToolResult): void | Promise<void>;
  /** Stop: cancels the running tool or approval, and the calls after it do not run. */
  signal?: AbortSignal;
  /** Calls after this many get an error result and do not run. Default 20. */
  maxCalls?: number;
  registry?: ToolRegistry;
  /** Cap on each result's content. Default 250 000 characters. */
  maxResultChars?: number;
}

export const DEFAULT_MAX_CALLS = 20;
export const DEFAULT_MAX_RESULT_CHARS = 262_144;
/** No tool's schema nests more than a few levels; this leaves room and keeps every recursion safe. */
export const MAX_ARGUMENT_DEPTH = 64;

type Outcome = { state: ToolResult['state']; content: string; images?: ToolImage[]; isError?: boolean };
const failed = (content: string): Outcome => ({ state: 'failed', content: `Error: ${content}` });

export async function executeToolCalls(calls: readonly AssembledToolCall[], ctx: ExecutorContext): Promise<ToolResult[]> {
  const signal = ctx.signal ?? new AbortController().signal;
  const maxCalls = ctx.maxCalls ?? DEFAULT_MAX_CALLS;
  const seen = new Set<string>();
  const results: ToolResult[] = [];
  for (const [i, call] of calls.entries()) {
    const duplicate = call.id !== '' && seen.has(call.id);
    seen.add(call.id);
    const outcome = signal.aborted ? failed('Not run: the user pressed Stop.')
      : i >= maxCalls ? failed(`Not run: at most ${maxCalls} tool calls are carried out per response. Make fewer calls at a time.`)
        : duplicate ? failed(`Not run: a call with id "${call.id}" was already handled in this response.`)
          : !ctx.port.isTrusted() ? failed(TOOLS_OFF_UNTRUSTED)
            : await carryOut(call, ctx, signal).catch((e: unknown) => failed(`${call.name} failed: ${e instanceof Error ? e.message : String(e)}`));
    const capped = capText(outcome.content, ctx.maxResultChars ?? DEFAULT_MAX_RESULT_CHARS, 'result truncated').text;
    const result: ToolResult = { callId: call.id, name: call.name, content: capped, isError: outcome.isError === true || outcome.state !== 'done', state: outcome.state };
    if (outcome.images?.length) result.images = outcome.images;
    if (call.legacy) result.legacy = true;
    ctx.onUpdate?.(call.id, result.state, result.content);
    await ctx.afterRun?.(call, result);
    results.push(result);
  }
  return results;
}

async function carryOut(call: AssembledToolCall, ctx: ExecutorContext, signal: AbortSignal): Promise<Outcome> {
  ctx.onUpdate?.(call.id, 'pending');
  const registry = ctx.registry ?? defaultRegistry();
  const entry = registry.get(call.name);
  if (!entry) return failed(`Unknown tool "${call.name}"; nothing was run. Available tools: ${registry.names.join(', ')}.`);
  if (call.invalid) return failed(`The arguments of ${call.name} are not valid JSON; nothing was run. Received: ${call.arguments.slice(0, 200)}`);
  // Before anything recursive (the clone, ajv, the approval's freeze) sees them.
  if (nestsDeeperThan(call.parsed, MAX_ARGUMENT_DEPTH)) return failed(`The arguments of ${call.name} nest deeper than ${MAX_ARGUMENT_DEPTH} levels; nothing was run.`);
  // A private copy: nothing the caller does to the call afterwards reaches what runs.
  const args = structuredClone(call.parsed === undefined && call.arguments.trim() === '' ? {} : call.parsed) as Record<string, unknown>;
  const check = entry.validate(args);
  if (!check.ok) return failed(`Invalid arguments for ${call.name}; nothing was run: ${check.message}.`);

  const toolCtx: ToolContext = { port: ctx.port, signal };
  let prepared: PreparedCall;
  try {
    prepared = await entry.tool.prepare(args, toolCtx);
  } catch (e) {
    return failed(describe(e, call.name));
  }

  const reasons = approvalReasons(entry.tool, prepared, ctx.settings ?? {}, ctx.allowedTools);
  if (reasons.length) {
    let decision: ApprovalDecision | undefined;
    try {
      decision = await untilAborted(ctx.requestApproval(approvalRequest(call.id, entry.tool, args, prepared, reasons)), signal);
    } catch (e) {
      return failed(`Not run: the user could not be asked for approval (${(e as Error).message}).`);
    }
    // Stopped while it waited (Stop, a new chat, another conversation, the view closed): nobody approved it.
    if (!decision) return { state: 'rejected', content: 'Not run: the turn was stopped before it was approved.' };
    if (decision.approved !== true) return { state: 'rejected', content: rejectionMessage(decision.reason) };
    if (decision.allowForConversation && !NEVER_ALLOW_FOR_CONVERSATION.has(call.name)) ctx.allowedTools.add(call.name);
    ctx.onUpdate?.(call.id, 'approved');
  } else {
    ctx.onUpdate?.(call.id, 'approved', 'auto');
  }

  if (signal.aborted) return failed('Not run: the user pressed Stop.');
  try {
    await verifyUnchanged(ctx.port, prepared.paths);
  } catch (e) {
    return failed(describe(e, call.name));
  }
  try {
    await ctx.beforeRun?.(call);
  } catch (e) {
    return failed(`Not run: its start could not be recorded (${(e as Error).message}).`);
  }
  try {
    const output = await prepared.run(toolCtx);
    const { content, ...rest } = typeof output === 'string' ? { content: output } : output;
    // A tool that returns what it had when Stop came (a terminal command, whose text says so) did not finish.
    if (signal.aborted) return { state: 'failed', content };
    return { state: 'done', content, ...rest };
  } catch (e) {
    return failed(signal.aborted && !(e instanceof ToolError) ? 'Stopped by the user while it ran.' : describe(e, call.name));
  }
}

function describe(e: unknown, tool: string): string {
  if (e instanceof ToolError) return e.message;
  return `${tool} failed: ${e instanceof Error ? e.message : String(e)}`;
}

/** The approval's answer, or undefined once Stop is pressed (the dialog is left to the host to close). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The messages that answer the calls: `tool` with the call id, or `function` with the name for legacy calls. */
export function toolResultMessages(results: readonly ToolResult[]): ChatMessage[] {
  return results.map((r) => (r.legacy
    ? { role: 'function', name: r.name, content: r.content }
    : { role: 'tool', tool_call_id: r.callId, content: r.content }));
}
