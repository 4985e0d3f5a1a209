import * as vscode from 'vscode';
import type { EndpointDraft } from '../../shared/protocol';
import { restoreDraftSecrets } from '../../shared/endpointDraftSecrets';
import { userSetting } from './userSettings';

export interface EndpointConfig {
  id: string;
  name?: string;
  baseUrl: string;
  headers?: Record<string, string>;
  /** Header names whose values are credentials though the name does not say so (redacted everywhere). */
  secretHeaders?: string[];
  /** A PEM file of extra certificate authorities for this gateway. */
  caFile?: string;
  /** False turns certificate checks off for this gateway (warned about once). */
  rejectUnauthorized?: boolean;
  /** A header that carries the conversation's id, for relays that route or cache by it. */
  sessionHeader?: string;
  apiKeyEnv?: string;
  /** Bounds on the wait for headers and on the silence between events, ms (defaultTimeouts when absent). */
  timeoutMs?: number;
  idleTimeoutMs?: number;
}

export function readEndpoints(): EndpointConfig[] {
  const raw = userSetting<unknown>('endpoints');
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (e): e is EndpointConfig =>
      typeof e === 'object' && e !== null && typeof e.id === 'string' && !e.id.includes('/') && typeof e.baseUrl === 'string',
  );
}

/** A draft from the setup form with the credentials it was shown as `***` put back from the stored endpoint. */
export function withStoredSecrets(draft: EndpointDraft): EndpointDraft {
  const stored = readEndpoints().find((e) => e.id === draft.id);
  return restoreDraftSecrets(draft, stored && { id: stored.id, name: stored.name ?? stored.id, baseUrl: stored.baseUrl, headers: stored.headers ?? {} });
}

const secretKey = (endpointId: string) => `gatewayChat.apiKey.${endpointId}`;

/** The key for an endpoint: its environment variable when set (it wins), else SecretStorage. */
export async function readApiKey(secrets: vscode.SecretStorage, endpoint: EndpointConfig): Promise<string | undefined> {
  const fromEnv = endpoint.apiKeyEnv ? process.env[endpoint.apiKeyEnv] : undefined;
  if (fromEnv) return fromEnv;
  return secrets.get(secretKey(endpoint.id));
}

export async function storeApiKey(secrets: vscode.SecretStorage, endpointId: string, key: string): Promise<void> {
  await secrets.store(secretKey(endpointId), key);
}

/** gatewayChat.setApiKey: pick an endpoint (or take the one given), ask for the key, keep it in SecretStorage. */
export async function setApiKeyCommand(secrets: vscode.SecretStorage, endpointId?: string): Promise<boolean> {
  const endpoints = readEndpoints();
  let id = typeof endpointId === 'string' ? endpointId : undefined;
  if (!id) {
    if (endpoints.length === 0) {
      const open = vscode.l10n.t('Open settings');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Add an endpoint to gatewayChat.endpoints first.'), open);
      if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'gatewayChat.endpoints');
      return false;
    }
    id =
      endpoints.length === 1
        ? endpoints[0].id
        : (
            await vscode.window.showQuickPick(
              endpoints.map((e) => ({ label: e.name || e.id, description: e.baseUrl, id: e.id })),
              { title: vscode.l10n.t('Set the API key for which endpoint?') },
            )
          )?.id;
    if (!id) return false;
  }
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('API key for {0}', id),
    prompt: vscode.l10n.t('Stored in VS Code SecretStorage, never in settings.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The key cannot be empty.')),
  });
  if (!key) return false;
  await storeApiKey(secrets, id, key.trim());
  void vscode.window.showInformationMessage(vscode.l10n.t('API key saved for {0}.', id));
  return true;
}
