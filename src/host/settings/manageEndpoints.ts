import * as vscode from 'vscode';
import type { ChatController } from '../panel/chatController';
import type { ChatViewProvider } from '../panel/chatViewProvider';
import { readEndpoints, setApiKeyCommand } from './endpoints';
import { safeChatUrl } from './gateways';

type Item = vscode.QuickPickItem & { run: () => Promise<unknown> };

/** gatewayChat.manageEndpoints: add, edit, remove endpoints and set their keys. */
export async function manageEndpoints(context: vscode.ExtensionContext, controller: ChatController, view: ChatViewProvider): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('gatewayChat');
  const endpoints = readEndpoints();
  const items: Item[] = [
    { label: `$(add) ${vscode.l10n.t('Add an endpoint...')}`, run: () => addEndpoint() },
    ...endpoints.map((e): Item => ({
      label: e.name ?? e.id,
      description: safeChatUrl(e.baseUrl),
      run: async () => {
        const setKey = vscode.l10n.t('Set API key');
        const editUrl = vscode.l10n.t('Edit base URL');
        const remove = vscode.l10n.t('Remove');
        const json = vscode.l10n.t('Edit in settings.json');
        const action = await vscode.window.showQuickPick([setKey, editUrl, remove, json], { title: e.name ?? e.id });
        if (action === setKey) {
          if (await setApiKeyCommand(context.secrets, e.id)) await controller.refreshAfterKeyChange();
        } else if (action === editUrl) {
          const baseUrl = await askBaseUrl(e.baseUrl);
          if (baseUrl) await config().update('endpoints', readEndpoints().map((x) => (x.id === e.id ? { ...x, baseUrl } : x)), vscode.ConfigurationTarget.Global);
        } else if (action === remove) {
          const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Remove the endpoint "{0}"?', e.name ?? e.id), { modal: true }, remove);
          if (ok === remove) {
            await config().update('endpoints', readEndpoints().filter((x) => x.id !== e.id), vscode.ConfigurationTarget.Global);
            await context.secrets.delete(`gatewayChat.apiKey.${e.id}`);
          }
        } else if (action === json) {
          await vscode.commands.executeCommand('workbench.action.openSettingsJson');
        }
      },
    })),
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Gateway Chat endpoints') });
  await chosen?.run();
  await controller.postSetup();

  async function addEndpoint(): Promise<void> {
    const baseUrl = await askBaseUrl('');
    if (!baseUrl) return;
    const taken = new Set(readEndpoints().map((e) => e.id));
    const id = await vscode.window.showInputBox({
      title: vscode.l10n.t('A short id for this endpoint (used in model names)'),
      value: new URL(baseUrl).hostname.split('.').slice(-2, -1)[0] || 'relay',
      validateInput: (v) => (!v.trim() || v.includes('/') ? vscode.l10n.t('An id needs at least one character and no "/".') : taken.has(v.trim()) ? vscode.l10n.t('That id is taken.') : undefined),
    });
    if (!id) return;
    await config().update('endpoints', [...readEndpoints(), { id: id.trim(), name: id.trim(), baseUrl }], vscode.ConfigurationTarget.Global);
    if (await setApiKeyCommand(context.secrets, id.trim())) await controller.refreshAfterKeyChange();
    await view.reveal();
  }
}

async function askBaseUrl(value: string): Promise<string | undefined> {
  const url = await vscode.window.showInputBox({
    title: vscode.l10n.t('Base URL of the gateway'),
    value,
    placeHolder: 'https://api.example.com/v1',
    validateInput: (v) => (safeChatUrl(v.trim()) ? undefined : vscode.l10n.t('Enter an http(s) URL.')),
  });
  return url?.trim() || undefined;
}
