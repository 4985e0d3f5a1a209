// The MCP client of the tools layer (Node only, no VS Code): configuration, naming, results, servers.
export { parseUserServers, parseWorkspaceMcpJson, launchKey, launchSummary, type McpServerConfig, type McpConfigProblem, type McpSource, type ParsedServers, type Substitutions } from './config';
export { mcpToolName } from './naming';
export { convertResult, MCP_RESULT_LIMIT_BYTES } from './results';
export { McpManager, type McpServerStatus, type McpStatusState, type McpConfiguration } from './manager';
export { resolveServers, type ServerSources } from './resolve';
