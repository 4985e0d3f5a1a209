// Prompt templates: the five built-in actions (overridable in gatewayChat.prompts), extra named
// templates from that setting, and markdown files in the workspace's .gateway-chat/prompts/.
import * as vscode from 'vscode';
import { userSetting } from '../settings/userSettings';
import { actionKinds, builtInPrompts, parseUserTemplate, type ActionKind, type UserTemplate } from '../../chat/request/prompts';

export function actionTemplate(kind: ActionKind): string {
  const custom = vscode.workspace.getConfiguration('gatewayChat').get<Record<string, unknown>>('prompts')?.[kind];
  return typeof custom === 'string' && custom.trim() ? custom : builtInPrompts[kind];
}

export async function userTemplates(): Promise<UserTemplate[]> {
  const out: UserTemplate[] = [];
  const fromSettings = vscode.workspace.getConfiguration('gatewayChat').get<Record<string, unknown>>('prompts') ?? {};
  for (const [id, body] of Object.entries(fromSettings)) {
    if (typeof body === 'string' && !actionKinds.includes(id as ActionKind)) out.push({ id, title: id, body });
  }
  if (vscode.workspace.isTrusted) {
    const files = await vscode.workspace.findFiles('.gateway-chat/prompts/*.md', undefined, 200);
    for (const uri of files.sort((a, b) => a.path.localeCompare(b.path))) {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      out.push(parseUserTemplate(uri.path.split('/').pop() ?? 'prompt.md', text));
    }
  }
  return out;
}

export function commandModel(kind: ActionKind | 'ask' | 'prompt'): string | undefined {
  // Which model a command uses spends the user's money: their own settings only.
  const m = userSetting<Record<string, unknown>>('commandModels')?.[kind];
  return typeof m === 'string' && m.includes('/') ? m : undefined;
}
