// The shape of a tool. A call is prepared first (arguments resolved, paths guarded, the preview the
// user approves computed) and only then run, by a closure over that same plan: what the user
// approved is exactly what runs.
import type { GuardedPath } from './pathGuard';
import type { WorkspacePort } from './workspacePort';

export type JsonSchema = Record<string, unknown>;

export interface ToolContext {
  port: WorkspacePort;
  /** Stop pressed: a running tool should end as soon as it can. */
  signal: AbortSignal;
}

/** What the user sees before approving. Frozen once prepared. */
export type ApprovalPreview =
  /** Read-only tools: one line saying what would be read (asked only for sensitive paths or when the setting says so). */
  | { kind: 'read'; summary: string }
  /** create_file and edit_file: the whole proposed text, for a diff against `oldText` (`''` for a new file). */
  | { kind: 'edit'; path: GuardedPath; oldText: string; newText: string; isNewFile: boolean }
  | { kind: 'rename'; from: GuardedPath; to: GuardedPath; overwrite: boolean }
  | { kind: 'delete'; path: GuardedPath; isDirectory: boolean; recursive: boolean }
  /** The exact command line that will run, byte for byte, and where. */
  | { kind: 'terminal'; command: string; cwd: GuardedPath; timeoutMs: number }
  /** A tool from an MCP server or another extension: which one and which tool (the arguments are on the request). */
  | { kind: 'external'; origin: ToolOrigin; server: string; tool: string };

/** Where a tool that is not built in comes from. */
export type ToolOrigin = 'mcp' | 'extension';

/** An image a tool returned, passed on to the model (when it takes images) and shown in the transcript. */
export interface ToolImage {
  mimeType: string;
  /** Base64, no `data:` prefix. */
  data: string;
}

/** A result richer than text: images, or the tool's own "this failed" (`isError`, MCP). */
export interface ToolOutput {
  content: string;
  images?: ToolImage[];
  isError?: boolean;
}

export interface PreparedCall {
  /** Every path the call touches, resolved and checked; sensitivity is judged on these. */
  readonly paths: readonly GuardedPath[];
  /** What the call would show the model from outside the workspace (an editor's file or title): always asks. */
  readonly outside?: readonly string[];
  readonly preview: ApprovalPreview;
  /** Carries out the plan; returns the text for the model (or a richer output). Throws ToolError for expected failures. */
  run(ctx: ToolContext): Promise<string | ToolOutput>;
}

export interface Tool {
  readonly name: string;
  /** Model-facing (English). */
  readonly description: string;
  /** JSON schema of the arguments object; ajv checks it before `prepare` sees anything. */
  readonly parameters: JsonSchema;
  /** Read-only tools may run without asking; the others always ask. */
  readonly readOnly: boolean;
  /** An MCP server's or another extension's tool: asks before every call unless allowed. */
  readonly origin?: ToolOrigin;
  /** The user's settings allow this external tool without asking (an MCP server's `alwaysAllow`). */
  readonly preApproved?: boolean;
  /** Resolves and checks; writes, runs and discloses nothing. `args` already passed the schema. */
  prepare(args: Record<string, unknown>, ctx: ToolContext): Promise<PreparedCall>;
}

/** Lets each tool name its own argument type while the registry holds them uniformly. */
export function defineTool<A>(tool: Omit<Tool, 'prepare'> & { prepare(args: A, ctx: ToolContext): Promise<PreparedCall> }): Tool {
  return tool as Tool;
}
