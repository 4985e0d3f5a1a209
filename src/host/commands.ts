import * as vscode from 'vscode';
import { conversationToMarkdown } from '../chat/storage/exportMarkdown';
import { joinModelRef } from '../chat/request/modelRef';
import type { ChatController } from './panel/chatController';
import { selectModel } from './panel/chatController';
import { currentModel } from './settings/turnPlanner';
import type { ProposalDocuments } from './editor/applyWithDiff';
import type { CompatibilityMemory } from './settings/compatibilityMemory';
import type { ChatViewProvider } from './panel/chatViewProvider';
import { readEndpoints, setApiKeyCommand } from './settings/endpoints';
import type { ActionKind } from '../chat/request/prompts';
import { EditorCommands } from './editor/editorCommands';
import { manageEndpoints } from './settings/manageEndpoints';
import { forgetCompatibilityCommand } from './settings/compatibilityMemory';

export interface CommandParts {
  context: vscode.ExtensionContext;
  view: ChatViewProvider;
  controller: ChatController;
  proposals: ProposalDocuments;
  compatibility: CompatibilityMemory;
}

/** Registers every command the manifest declares. */
export function registerCommands({ context, view, controller, proposals, compatibility }: CommandParts): vscode.Disposable[] {
  const editor = new EditorCommands(controller, view, proposals);
  const action = (kind: ActionKind) => (uri?: unknown, range?: unknown) =>
    editor.runAction(kind, uri instanceof vscode.Uri ? uri : undefined, range instanceof vscode.Range ? range : undefined);
  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    'gatewayChat.stop': () => controller.stop(),
    'gatewayChat.newChat': async () => {
      await view.reveal();
      await controller.newChat();
    },
    'gatewayChat.setApiKey': async (endpointId?: unknown) => {
      const saved = await setApiKeyCommand(context.secrets, typeof endpointId === 'string' ? endpointId : undefined);
      if (saved) await controller.refreshAfterKeyChange();
      return saved;
    },
    'gatewayChat.manageEndpoints': () => manageEndpoints(context, controller, view),
    'gatewayChat.selectModel': () => pickModel(controller),
    'gatewayChat.exportChat': () => exportChat(controller),
    'gatewayChat.explainSelection': action('explain'),
    'gatewayChat.refactorSelection': action('refactor'),
    'gatewayChat.fixSelection': action('fix'),
    'gatewayChat.documentSelection': action('document'),
    'gatewayChat.testSelection': action('test'),
    'gatewayChat.ask': () => editor.ask(),
    'gatewayChat.runPrompt': () => editor.runPrompt(),
    'gatewayChat.forgetCompatibility': () => forgetCompatibilityCommand(compatibility),
    'gatewayChat.compactChat': async () => {
      await view.reveal();
      await controller.compact();
    },
  };
  return Object.entries(handlers).map(([id, run]) => vscode.commands.registerCommand(id, run));
}

type ModelItem = vscode.QuickPickItem & { model?: string };

/** The palette's model picker: every endpoint's models, grouped, searchable, with manual entry. */
async function pickModel(controller: ChatController): Promise<void> {
  const qp = vscode.window.createQuickPick<ModelItem>();
  qp.title = vscode.l10n.t('Select a model');
  qp.placeholder = vscode.l10n.t('Search, or type a model id the gateway does not list');
  qp.busy = true;
  qp.show();
  const groups = await controller.modelGroups(false);
  const current = currentModel();
  const listed: ModelItem[] = groups.flatMap((g) => [
    { label: g.endpointName, kind: vscode.QuickPickItemKind.Separator },
    ...(g.error ? [{ label: `$(warning) ${g.error}` } as ModelItem] : []),
    ...g.models.map((m) => {
      const ref = joinModelRef(g.endpointId, m);
      return { label: m, description: ref === current ? vscode.l10n.t('current') : undefined, model: ref };
    }),
  ]);
  qp.items = listed;
  qp.busy = false;
  qp.onDidChangeValue((value) => {
    const typed = value.trim();
    const manual: ModelItem[] = typed && !listed.some((i) => i.label === typed)
      ? readEndpoints().map((e) => ({ label: typed, description: vscode.l10n.t('use on {0}', e.name ?? e.id), model: joinModelRef(e.id, typed), alwaysShow: true }))
      : [];
    qp.items = [...manual, ...listed];
  });
  const chosen = await new Promise<ModelItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
  });
  qp.dispose();
  if (chosen?.model) {
    await selectModel(chosen.model);
    await controller.postModels(false);
  }
}

async function exportChat(controller: ChatController): Promise<void> {
  const c = controller.conversation;
  if (!c.messages.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This conversation is empty.'));
    return;
  }
  const markdown = vscode.l10n.t('Markdown');
  const format = await vscode.window.showQuickPick([markdown, 'JSON'], { title: vscode.l10n.t('Export the conversation as') });
  if (!format) return;
  const ext = format === markdown ? 'md' : 'json';
  const base = (c.title || 'conversation').replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 60);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.${ext}`) : undefined,
    filters: { [format]: [ext] },
  });
  if (!target) return;
  const text = ext === 'md' ? conversationToMarkdown(c) : JSON.stringify(c, null, 2);
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', vscode.workspace.asRelativePath(target)));
}
