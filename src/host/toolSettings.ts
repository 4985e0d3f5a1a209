import * as vscode from 'vscode';
import type { ChatRequest, ToolDefinition } from '../llm/types';
import { defaultRegistry, TOOLS_OFF_UNTRUSTED } from '../tools';

const registry = defaultRegistry();

/** Which tools a model is offered: none when tools are off, the model cannot call them, or the workspace is untrusted. */
export function toolOffer(model: string): { tools?: ToolDefinition[]; functions?: ChatRequest['functions']; note?: string } {
  const config = vscode.workspace.getConfiguration('gatewayChat');
  if (config.get<boolean>('tools.enabled') === false) return {};
  if (modelCapability(model, 'tools') === false) return {};
  if (!vscode.workspace.workspaceFolders?.some((f) => f.uri.scheme === 'file')) return {};
  // The model is told, so it does not pretend to have looked at files.
  if (!vscode.workspace.isTrusted) return { note: TOOLS_OFF_UNTRUSTED };
  // Older gateways and models answer only the legacy `functions` / `function_call` form.
  if (modelSetting(model, 'toolFormat') === 'functions') return { functions: registry.legacyFunctions() };
  return { tools: registry.toolDefinitions() };
}

function modelSetting(model: string, name: string): unknown {
  const models = vscode.workspace.getConfiguration('gatewayChat').get<Record<string, Record<string, unknown>>>('models') ?? {};
  return models[model]?.[name];
}

/** `gatewayChat.models["<endpoint>/<model>"].capabilities.<name>`, or undefined when not set. */
function modelCapability(model: string, name: string): boolean | undefined {
  const models = vscode.workspace.getConfiguration('gatewayChat').get<Record<string, { capabilities?: Record<string, unknown> }>>('models') ?? {};
  const value = models[model]?.capabilities?.[name];
  return typeof value === 'boolean' ? value : undefined;
}
