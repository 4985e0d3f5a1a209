import * as vscode from 'vscode';
import { settingsFor } from '../chat/modelSettings';
import type { ChatRequest, ToolDefinition } from '../llm/types';
import { defaultRegistry, TOOLS_OFF_UNTRUSTED } from '../tools';

export function modelSettings(model: string) {
  return settingsFor(vscode.workspace.getConfiguration('gatewayChat').get<Record<string, unknown>>('models'), model);
}

/** Which tools a model is offered: none when tools are off, the model cannot call them, or the workspace is untrusted. */
export function toolOffer(model: string): { tools?: ToolDefinition[]; functions?: ChatRequest['functions']; note?: string } {
  if (vscode.workspace.getConfiguration('gatewayChat').get<boolean>('tools.enabled') === false) return {};
  const settings = modelSettings(model);
  if (settings.capabilities?.tools === false) return {};
  if (!vscode.workspace.workspaceFolders?.some((f) => f.uri.scheme === 'file')) return {};
  // The model is told, so it does not pretend to have looked at files.
  if (!vscode.workspace.isTrusted) return { note: TOOLS_OFF_UNTRUSTED };
  // Older gateways and models answer only the legacy `functions` / `function_call` form.
  // The registry (ajv compiling every tool's schema) is built on the first request, not at activation.
  if (settings.toolFormat === 'functions') return { functions: defaultRegistry().legacyFunctions() };
  return { tools: defaultRegistry().toolDefinitions() };
}
