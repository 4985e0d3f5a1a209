import * as vscode from 'vscode';
import type { EndpointDraft } from '../../shared/protocol';
import { readEndpoints, withStoredSecrets } from './endpoints';

/** Adds or updates an endpoint in the user settings (never the workspace: it decides where keys go). */
export async function saveEndpoint(shown: EndpointDraft): Promise<void> {
  const draft = withStoredSecrets(shown);
  const endpoints = readEndpoints();
  const i = endpoints.findIndex((e) => e.id === draft.id);
  const entry = {
    ...(i >= 0 ? endpoints[i] : {}),
    id: draft.id,
    name: draft.name || draft.id,
    baseUrl: draft.baseUrl,
    headers: Object.keys(draft.headers).length ? draft.headers : undefined,
    // Empty in the form: the defaults apply, so nothing is written.
    timeoutMs: draft.timeoutMs,
    idleTimeoutMs: draft.idleTimeoutMs,
  };
  const next = i >= 0 ? endpoints.map((e, j) => (j === i ? entry : e)) : [...endpoints, entry];
  await vscode.workspace.getConfiguration('gatewayChat').update('endpoints', next, vscode.ConfigurationTarget.Global);
}
