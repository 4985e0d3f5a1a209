// Gateway models in VS Code's own chat and for every extension that calls vscode.lm: the Language
// Model Chat Provider of vendor `gateway-chat`. A thin adapter: the model list is the picker's, a
// request goes through the turn planner, the request builder and self-healing of the chat layer.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { countRequestTokens, countTokens } from '../../chat/context/tokens';
import { lmFailureCode, lmFailureMessage, type LmFailureCode } from '../../chat/lm/failure';
import { lmWireMessages } from '../../chat/lm/messages';
import { lmModels } from '../../chat/lm/modelInfo';
import { respond } from '../../chat/lm/respond';
import { usageLine, type UsageTally } from '../../chat/lm/usageTally';
import { priceAnswer } from '../../chat/answers/cost';
import type { ErrorInfo } from '../../shared/conversation';
import type { CompatibilityMemory } from '../settings/compatibilityMemory';
import type { ContextMemory } from '../settings/contextMemory';
import { readApiKey, readEndpoints, setApiKeyCommand } from '../settings/endpoints';
import type { Gateways } from '../settings/gateways';
import { modelSettingsFor, type TurnPlanner } from '../settings/turnPlanner';
import { thinkingPartClass, toLmMessage } from './lmParts';

export const lmVendor = 'gateway-chat';

export interface LmProviderDeps {
  secrets: vscode.SecretStorage;
  gateways: Gateways;
  planner: TurnPlanner;
  compatibility: CompatibilityMemory;
  /** Windows gateways named when they refused a request as too long (the panel's too). */
  windows?: ContextMemory;
  log: vscode.LogOutputChannel;
  usage: UsageTally;
  /** The running total changed (the status bar shows it). */
  onUsage(): void;
}

export class GatewayModelProvider implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  /** Endpoints or keys changed since the last listing: ask the gateways again, not the cache. */
  private stale = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: LmProviderDeps) {
    const invalidate = () => {
      this.stale = true;
      this.changed.fire();
    };
    this.subscriptions = [
      this.changed,
      deps.gateways.onDidChangeModels(() => this.changed.fire()),
      deps.secrets.onDidChange((e) => { if (e.key.startsWith('gatewayChat.apiKey.')) invalidate(); }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gatewayChat.endpoints')) invalidate();
        else if (e.affectsConfiguration('gatewayChat.models')) this.changed.fire();
      }),
    ];
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions): Promise<vscode.LanguageModelChatInformation[]> {
    // Consumers always ask silently; only VS Code's Manage Models asks otherwise, and then a missing key is asked for.
    if (!options.silent) await this.askForMissing();
    const refresh = this.stale || !options.silent;
    this.stale = false;
    const groups = await this.deps.gateways.modelGroups(refresh);
    // The window the panel uses: the one /models stated (every field the context layer knows, cached with
    // the list), else the settings', narrowed by one a refusal named.
    return lmModels(groups, modelSettingsFor, (ref) => {
      const window = this.deps.gateways.contextWindow(ref);
      return window ? { context_length: window } : undefined;
    }, (ref) => this.deps.windows?.get(ref));
  }

  private async askForMissing(): Promise<void> {
    const endpoints = readEndpoints();
    if (!endpoints.length) {
      await vscode.commands.executeCommand('gatewayChat.manageEndpoints');
      return;
    }
    for (const e of endpoints) {
      if (!(await readApiKey(this.deps.secrets, e))) await setApiKeyCommand(this.deps.secrets, e.id);
    }
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    try {
      const plan = await this.deps.planner.plan(model.id, false);
      if ('error' in plan) throw lmError(plan.error);
      for (const n of plan.notices) this.deps.log.warn(`VS Code chat, ${model.id}: ${n}`);
      const Thinking = thinkingPartClass();
      const outcome = await respond({
        plan,
        messages: messages.map(toLmMessage),
        tools: options.tools,
        toolRequired: options.toolMode === vscode.LanguageModelChatToolMode.Required,
        signal: abort.signal,
        remember: (m, fixes) => void this.deps.compatibility.remember(m, fixes),
        newId: randomUUID,
        sink: {
          text: (t) => progress.report(new vscode.LanguageModelTextPart(t)),
          // Without a thinking part reasoning is left out: never mixed into the answer's text.
          thinking: (t) => { if (Thinking) progress.report(new Thinking(t) as vscode.LanguageModelResponsePart); },
          toolCall: (c) => progress.report(new vscode.LanguageModelToolCallPart(c.id, c.name, c.input)),
          invalidToolCall: (c) => {
            this.deps.log.warn(`VS Code chat, ${model.id}: the model called ${c.name} with arguments that are not a JSON object; not passed on.`);
            progress.report(new vscode.LanguageModelTextPart(
              vscode.l10n.t('The model called the tool {0} with arguments that are not valid JSON, so it was not called: {1}', c.name, c.arguments.slice(0, 500)),
            ));
          },
        },
      });
      if ('usage' in outcome || outcome.ok) this.count(model.id, outcome.usage, plan.settings.prices);
      if (outcome.ok) {
        for (const n of outcome.notices) this.deps.log.info(`VS Code chat, ${model.id}: ${n}`);
        return;
      }
      if (outcome.cancelled) throw new vscode.CancellationError();
      if (outcome.blocked) throw vscode.LanguageModelError.Blocked(vscode.l10n.t('The gateway\'s content filter stopped the answer.'));
      throw lmError(outcome.error);
    } finally {
      cancelled.dispose();
    }
  }

  async provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    if (typeof text === 'string') return countTokens(text);
    return countRequestTokens({ model: '', messages: lmWireMessages([toLmMessage(text)]) });
  }

  private count(model: string, usage: Parameters<UsageTally['add']>[0], prices: Parameters<typeof priceAnswer>[1]): void {
    priceAnswer(usage, prices);
    this.deps.log.info(usageLine(model, usage));
    this.deps.usage.add(usage);
    this.deps.onUsage();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

const errorOf: Record<LmFailureCode, ((message: string) => vscode.LanguageModelError) | undefined> = {
  NoPermissions: (m) => vscode.LanguageModelError.NoPermissions(m),
  NotFound: (m) => vscode.LanguageModelError.NotFound(m),
  Blocked: (m) => vscode.LanguageModelError.Blocked(m),
  Unknown: undefined,
};

/** A LanguageModelError with the reason in words and the gateway's own message (which never holds the key). */
export function lmError(e: ErrorInfo): Error {
  const message = lmFailureMessage(e, vscode.l10n.t);
  const make = errorOf[lmFailureCode(e)];
  if (make) return make(message);
  // No public constructor for other codes: an Error whose cause is the gateway's failure.
  return new Error(message, { cause: e });
}
