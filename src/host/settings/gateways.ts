// Endpoints -> gateway clients, and the models each lists. Keys come from SecretStorage or the
// environment and go only into the client; nothing here logs or posts them.
import * as vscode from 'vscode';
import { splitModelRef } from '../../chat/request/modelRef';
import { chatCompletionsUrl, createClient, type GatewayClient } from '../../llm';
import type { ConfigErrorInfo } from '../../shared/conversation';
import type { EndpointDraft, EndpointSummary, ModelGroup } from '../../shared/protocol';
import { hideDraftSecrets } from '../../shared/endpointDraftSecrets';
import { stripSecrets } from '../../shared/gatewayUrl';
import { readApiKey, readEndpoints, withStoredSecrets, type EndpointConfig } from './endpoints';
import { windowFromModelEntry } from '../../chat/context/window';
import { timeoutsOf, validTimeout } from '../../shared/endpointTimeouts';
import { networkConfig, type NetworkConfig } from './networkSettings';
import { completeStep } from '../walkthrough';

const modelsCacheKey = 'gatewayChat.modelsCache';
const modelsCacheMs = 10 * 60_000;

/** `windows`: the context window each listed model's /models entry states, by `<endpointId>/<modelId>`. */
interface CachedModels { at: number; groups: ModelGroup[]; windows?: Record<string, number> }

export class Gateways implements vscode.Disposable {
  private clients = new Map<string, { signature: string; client: GatewayClient }>();
  private readonly modelsChanged = new vscode.EventEmitter<void>();
  /** The cached model lists changed (a refresh found other models): VS Code's model list follows. */
  readonly onDidChangeModels = this.modelsChanged.event;
  private warnedInsecure = new Set<string>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {}

  /** The client for `<endpointId>/<modelId>` and the id the gateway knows the model by, or why there is none. */
  async resolveModel(ref: string): Promise<{ client: GatewayClient; modelId: string } | { error: ConfigErrorInfo }> {
    const parts = splitModelRef(ref);
    if (!parts) return { error: { kind: 'config', reason: 'noModel' } };
    const endpoint = readEndpoints().find((e) => e.id === parts.endpointId);
    if (!endpoint) return { error: { kind: 'config', reason: 'noEndpoint', endpointId: parts.endpointId } };
    const client = await this.clientFor(endpoint);
    if ('error' in client) return client;
    return { client: client.client, modelId: parts.modelId };
  }

  async clientFor(endpoint: EndpointConfig): Promise<{ client: GatewayClient } | { error: ConfigErrorInfo }> {
    if (!safeChatUrl(endpoint.baseUrl)) return { error: { kind: 'config', reason: 'badUrl', endpointId: endpoint.id } };
    const apiKey = await readApiKey(this.context.secrets, endpoint);
    if (!apiKey) return { error: { kind: 'config', reason: 'noKey', endpointId: endpoint.id } };
    return { client: this.client(endpoint, apiKey) };
  }

  /** Clients are pooled per endpoint and rebuilt when its URL, headers, key, proxy or certificates change. */
  private client(endpoint: EndpointConfig, apiKey: string | undefined): GatewayClient {
    const network = networkConfig(endpoint);
    const secretHeaders = stringList(endpoint.secretHeaders);
    const timeouts = timeoutsOf(endpoint);
    const signature = JSON.stringify([endpoint.baseUrl, endpoint.headers ?? {}, secretHeaders, apiKey ?? '', network, timeouts]);
    const cached = this.clients.get(endpoint.id);
    if (cached?.signature === signature) return cached.client;
    void cached?.client.close();
    this.warnIfInsecure(endpoint.id, network);
    const client = createClient({ baseUrl: endpoint.baseUrl, apiKey, headers: endpoint.headers, secretHeaders, ...network, ...timeouts });
    this.clients.set(endpoint.id, { signature, client });
    return client;
  }

  /** `rejectUnauthorized: false` is an escape hatch: said once per endpoint and window, and logged. */
  private warnIfInsecure(endpointId: string, network: NetworkConfig): void {
    if (network.rejectUnauthorized !== false || this.warnedInsecure.has(endpointId)) return;
    this.warnedInsecure.add(endpointId);
    this.log.warn(`Certificate checks are off for endpoint ${endpointId} (rejectUnauthorized: false).`);
    void vscode.window.showWarningMessage(vscode.l10n.t(
      'Certificate checks are off for "{0}" (rejectUnauthorized: false): anyone on the network path could read your key. Prefer "caFile" with the gateway\'s certificate.',
      endpointId,
    ));
  }

  async summaries(): Promise<EndpointSummary[]> {
    // The panel never holds a credential: secret header values and URL keys go as `***`.
    return Promise.all(readEndpoints().map(async (e) => ({
      ...hideDraftSecrets({ id: e.id, name: e.name ?? e.id, baseUrl: e.baseUrl, headers: e.headers ?? {} }, stringList(e.secretHeaders)),
      chatUrl: stripSecrets(safeChatUrl(e.baseUrl)),
      hasKey: !!(await readApiKey(this.context.secrets, e)),
      keyFromEnv: !!(e.apiKeyEnv && process.env[e.apiKeyEnv]),
      ...(validTimeout(e.timeoutMs) ? { timeoutMs: e.timeoutMs } : {}),
      ...(validTimeout(e.idleTimeoutMs) ? { idleTimeoutMs: e.idleTimeoutMs } : {}),
    })));
  }

  /** Calls /models with the draft's URL and headers and the key stored for its id. */
  async testConnection(shown: EndpointDraft): Promise<{ ok: true; count: number } | { ok: false; error: unknown }> {
    try {
      const draft = withStoredSecrets(shown);
      const known = readEndpoints().find((e) => e.id === draft.id);
      const apiKey = await readApiKey(this.context.secrets, { ...draft, apiKeyEnv: known?.apiKeyEnv });
      const secretHeaders = stringList(known?.secretHeaders);
      const network = networkConfig(known ?? {});
      const client = createClient({ baseUrl: draft.baseUrl, apiKey, headers: draft.headers, secretHeaders, ...network, maxRetries: 0, timeoutMs: 20_000 });
      try {
        const count = (await client.listModels()).length;
        completeStep('connected');
        return { ok: true, count };
      } finally {
        void client.close();
      }
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** Models of every endpoint, from the cache unless it is stale or `refresh` is set. */
  async modelGroups(refresh = false, describe: (e: unknown) => string = String): Promise<ModelGroup[]> {
    const endpoints = readEndpoints();
    const cached = this.context.globalState.get<CachedModels>(modelsCacheKey);
    const ids = endpoints.map((e) => e.id).join('\n');
    if (!refresh && cached && Date.now() - cached.at < modelsCacheMs && cached.groups.map((g) => g.endpointId).join('\n') === ids) {
      return cached.groups;
    }
    const windows: Record<string, number> = {};
    const groups = await Promise.all(endpoints.map(async (e): Promise<ModelGroup> => {
      const base = { endpointId: e.id, endpointName: e.name ?? e.id };
      const c = await this.clientFor(e);
      if ('error' in c) return { ...base, models: [], error: describe(c.error) };
      try {
        const models = await c.client.listModels();
        for (const m of models) {
          const w = windowFromModelEntry(m);
          if (w) windows[`${e.id}/${m.id}`] = w;
        }
        completeStep('connected');
        return { ...base, models: models.map((m) => m.id).sort((a, b) => a.localeCompare(b)) };
      } catch (error) {
        this.log.warn(`Listing models of ${e.id} failed: ${(error as Error).message}`);
        return { ...base, models: [], error: describe(error) };
      }
    }));
    await this.context.globalState.update(modelsCacheKey, { at: Date.now(), groups, windows } satisfies CachedModels);
    if (JSON.stringify(cached?.groups) !== JSON.stringify(groups)) this.modelsChanged.fire();
    return groups;
  }

  /** The window the gateway's /models stated for `<endpointId>/<modelId>` when it was last listed. */
  contextWindow(model: string): number | undefined {
    const w = this.context.globalState.get<CachedModels>(modelsCacheKey)?.windows?.[model];
    return typeof w === 'number' && w > 0 ? w : undefined;
  }

  dispose(): void {
    this.modelsChanged.dispose();
    for (const { client } of this.clients.values()) void client.close();
    this.clients.clear();
  }
}

export function safeChatUrl(baseUrl: string): string {
  try {
    return chatCompletionsUrl(baseUrl);
  } catch {
    return '';
  }
}

/** A hand-edited setting may hold anything: only strings name headers. */
function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
