// The public entry of the tools layer: what src/chat and src/host use. No VS Code here.
export type { WorkspacePort, WorkspaceFolder, WorkspacePath, FileStat, DirEntry, EntryType, FileBytes, DiagnosticInfo, DiagnosticSeverity, SelectionInfo, OpenEditorInfo, TerminalRunOptions, TerminalResult } from './workspacePort';
export { resolveWorkspacePath, resolveExistingFile, isSensitive, type GuardedPath } from './pathGuard';
export { ToolError } from './toolError';
export type { Tool, ToolContext, PreparedCall, ApprovalPreview, JsonSchema } from './types';
export { ToolRegistry, BUILTIN_TOOLS, defaultRegistry } from './registry';
export { approvalReasons, approvalRequest, NEVER_ALLOW_FOR_CONVERSATION, TOOLS_OFF_UNTRUSTED, type ApprovalDecision, type ApprovalReason, type ApprovalRequest, type ApprovalSettings } from './approval';
export { executeToolCalls, toolResultMessages, DEFAULT_MAX_CALLS, DEFAULT_MAX_RESULT_CHARS, type ExecutorContext, type ToolCallState, type ToolResult } from './executor';
export { safeGitArgs, safeGitEnv } from './safeGit';
export { withoutVariables } from './terminalEnv';
export { displayOf } from './definitions/common';
