// The tools the model may call, their validators, and their definitions in the two wire forms.
import type { ToolDefinition } from '../llm';
import { editFileTool } from './definitions/editFile';
import { getDiagnosticsTool, getOpenEditorsTool, getSelectionTool } from './definitions/editorState';
import { createFileTool, deleteFileTool, renameFileTool } from './definitions/fileOps';
import { findFilesTool } from './definitions/findFiles';
import { listDirectoryTool } from './definitions/listDirectory';
import { readFileTool } from './definitions/readFile';
import { runInTerminalTool } from './definitions/runInTerminal';
import { searchTextTool } from './definitions/searchText';
import type { Tool } from './types';
import { compileValidator, type Validator } from './validation';

export const BUILTIN_TOOLS: readonly Tool[] = [
  readFileTool, listDirectoryTool, findFilesTool, searchTextTool,
  getDiagnosticsTool, getSelectionTool, getOpenEditorsTool,
  createFileTool, editFileTool, renameFileTool, deleteFileTool, runInTerminalTool,
];

export class ToolRegistry {
  private readonly byName = new Map<string, { tool: Tool; validate: Validator }>();

  constructor(tools: readonly Tool[] = BUILTIN_TOOLS) {
    for (const tool of tools) {
      if (this.byName.has(tool.name)) throw new Error(`duplicate tool ${tool.name}`);
      this.byName.set(tool.name, { tool, validate: compileValidator(tool.parameters) });
    }
  }

  /**
   * These tools and `extra` (an MCP server's, another extension's), for one turn. A tool whose name is
   * taken or whose schema does not compile is left out and reported; schemas compile once each.
   */
  withTools(extra: readonly Tool[], onRejected?: (tool: Tool, reason: string) => void): ToolRegistry {
    const next = new ToolRegistry([]);
    for (const [name, entry] of this.byName) next.byName.set(name, entry);
    for (const tool of extra) {
      if (next.byName.has(tool.name)) {
        onRejected?.(tool, `another tool is already called ${tool.name}`);
        continue;
      }
      try {
        next.byName.set(tool.name, { tool, validate: cachedValidator(tool.parameters) });
      } catch (e) {
        onRejected?.(tool, `its input schema is not usable: ${(e as Error).message}`);
      }
    }
    return next;
  }

  get(name: string): { tool: Tool; validate: Validator } | undefined {
    return this.byName.get(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** For `request.tools`. */
  toolDefinitions(): ToolDefinition[] {
    return [...this.byName.values()].map(({ tool }) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }

  /** For `request.functions`, the legacy form for models that only speak it. */
  legacyFunctions(): { name: string; description: string; parameters: unknown }[] {
    return [...this.byName.values()].map(({ tool }) => ({ name: tool.name, description: tool.description, parameters: tool.parameters }));
  }
}

/** By schema object: an external tool's schema stays the same object until its server restarts. */
const validators = new WeakMap<object, Validator>();
function cachedValidator(schema: Tool['parameters']): Validator {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = compileValidator(schema)));
  return v;
}

let shared: ToolRegistry | undefined;
/** The built-in tools, compiled once per process. */
export function defaultRegistry(): ToolRegistry {
  return (shared ??= new ToolRegistry());
}
