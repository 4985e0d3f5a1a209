// An MCP server's tool as one of the model's tools: `<server>__<tool>`, the server's description and
// schema, asking before each call (unless the user's settings allow it), its result converted.
import { ToolError } from '../toolError';
import type { JsonSchema, Tool } from '../types';
import type { McpConnection, McpToolInfo } from './connection';
import { convertResult } from './results';

/** Descriptions past this are cut: some gateways refuse long ones, and they cost tokens on every request. */
const MAX_DESCRIPTION = 2000;

export function mcpTool(connection: McpConnection, info: McpToolInfo, name: string, callTimeoutMs: () => number): Tool {
  const server = connection.config.name;
  const description = (info.description.trim() || `The tool ${info.name} of the MCP server ${server}.`).slice(0, MAX_DESCRIPTION);
  return {
    name,
    description,
    parameters: wireSchema(info.inputSchema),
    readOnly: false,
    origin: 'mcp',
    preApproved: connection.config.alwaysAllow.includes(info.name),
    async prepare(args) {
      return {
        paths: [],
        preview: { kind: 'external', origin: 'mcp', server, tool: info.name },
        async run(ctx) {
          try {
            return convertResult(await connection.callTool(info.name, args, { signal: ctx.signal, timeoutMs: callTimeoutMs() }));
          } catch (e) {
            throw new ToolError(`The MCP server "${server}" could not run ${info.name}: ${(e as Error).message}`);
          }
        },
      };
    },
  };
}

/**
 * The schema as the model and ajv get it: always an object schema; `$schema` is dropped (the chat
 * APIs do not want it and the draft it names may not be ajv's default).
 */
export function wireSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _drop, ...rest } = schema;
  return { ...rest, type: 'object', ...(rest.properties === undefined ? { properties: {} } : {}) };
}
