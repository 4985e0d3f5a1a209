// Tools other extensions registered with VS Code (`vscode.lm.tools`), offered to the model when the
// user turned on `gatewayChat.tools.fromExtensions`. They ask in the transcript like MCP tools, and
// VS Code shows the tool's own confirmation when `invokeTool` runs it outside a chat request.
import * as vscode from 'vscode';
import { ToolError, type Tool } from '../../tools';
import { convertResult } from '../../tools/mcp';
import { userSetting } from '../settings/userSettings';

/** Cached per VS Code tool list: the Tool objects (and so their compiled schemas) stay the same between turns. */
let cache: { from: readonly vscode.LanguageModelToolInformation[]; tools: Tool[] } | undefined;

export function extensionTools(): Tool[] {
  if (userSetting<boolean>('tools.fromExtensions') !== true) return [];
  const infos = vscode.lm?.tools ?? [];
  if (cache?.from === infos) return cache.tools;
  const tools = infos.map(extensionTool);
  cache = { from: infos, tools };
  return tools;
}

function extensionTool(info: vscode.LanguageModelToolInformation): Tool {
  const schema = (info.inputSchema ?? {}) as Record<string, unknown>;
  const { $schema: _drop, ...rest } = schema;
  return {
    // VS Code's tool names already fit the chat APIs' charset; anything else becomes `_`.
    name: info.name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64),
    description: (info.description || info.name).slice(0, 2000),
    parameters: { ...rest, type: 'object', ...(rest.properties === undefined ? { properties: {} } : {}) },
    readOnly: false,
    origin: 'extension',
    async prepare(args) {
      return {
        paths: [],
        preview: { kind: 'external', origin: 'extension', server: info.tags.join(', '), tool: info.name },
        async run(ctx) {
          const cancel = new vscode.CancellationTokenSource();
          const onAbort = () => cancel.cancel();
          ctx.signal.addEventListener('abort', onAbort, { once: true });
          try {
            const result = await vscode.lm.invokeTool(info.name, { input: args, toolInvocationToken: undefined }, cancel.token);
            return convertResult({ content: result.content.map(part) });
          } catch (e) {
            throw new ToolError(`The extension tool ${info.name} failed: ${e instanceof Error ? e.message : String(e)}`);
          } finally {
            ctx.signal.removeEventListener('abort', onAbort);
            cancel.dispose();
          }
        },
      };
    },
  };
}

/** A result part in MCP's shape, so one conversion serves both. */
function part(p: unknown): unknown {
  if (p instanceof vscode.LanguageModelTextPart) return { type: 'text', text: p.value };
  if (p instanceof vscode.LanguageModelPromptTsxPart) return { type: 'text', text: JSON.stringify(p.value) };
  return { type: 'text', text: JSON.stringify(p) };
}
