// The turn plan: everything one send needs from settings, read once when it starts. What moves the
// key, spends money or loosens approvals comes from the user's own settings (userSetting); nothing
// here is read again while the turn runs.
import * as vscode from 'vscode';
import { settingsFor } from '../../chat/request/modelSettings';
import { promptSources, type PlanInstructions } from '../../chat/request/systemMessage';
import type { RulesReader } from '../../chat/instructions/rulesReader';
import type { PlanResult, PlanWords, ToolOffer } from '../../chat/request/turnPlan';
import { refusedBodyKeys, type ModelSettings } from '../../shared/modelSettingsShape';
import { defaultRegistry, TOOLS_OFF_UNTRUSTED, type Tool } from '../../tools';
import type { CompatibilityMemory } from './compatibilityMemory';
import type { Gateways } from './gateways';
import { userSetting } from './userSettings';
import { resolveBudget } from '../../chat/context/window';
import type { Summariser } from '../../chat/context/summarise';
import type { ContextMemory } from './contextMemory';

export class TurnPlanner {
  constructor(
    private readonly gateways: Gateways, private readonly compatibility: CompatibilityMemory, private readonly log: vscode.LogOutputChannel,
    private readonly rules?: RulesReader,
    private readonly windows?: ContextMemory,
    /** MCP servers' and other extensions' tools; asked only when a turn offers tools. */
    private readonly externalTools: () => Promise<Tool[]> = async () => [],
  ) {}

  /**
   * `model`: `<endpointId>/<modelId>`; absent: the current model (gatewayChat.defaultModel).
   * `ownTools: false`: the caller brings its own tools (VS Code's chat), ours are not offered or built.
   */
  async plan(model = currentModel(), ownTools = true): Promise<PlanResult> {
    const resolved = await this.gateways.resolveModel(model);
    if ('error' in resolved) return { error: resolved.error, model };
    const { settings, notices } = this.modelSettings(model);
    return {
      model,
      modelId: resolved.modelId,
      client: resolved.client,
      settings,
      fixes: this.compatibility.get(model),
      // Another extension's request (VS Code's chat) brings its own tools and instructions.
      tools: ownTools ? await this.toolOffer(settings) : {},
      ...(ownTools ? { instructions: await this.instructions(settings) } : {}),
      maxSteps: stepLimit(userSetting<number>('tools.maxSteps')),
      readOnlyWithoutAsking: userSetting<boolean>('tools.autoApproveReadOnly') !== false,
      titleWithModel: userSetting<boolean>('titleWithModel') === true,
      notices,
      words: this.words(model),
      context: resolveBudget({ gateway: this.gateways.contextWindow(model), settings, learned: this.windows?.get(model) }),
      summariser: await this.summariser(model),
    };
  }

  /**
   * The prompts (gatewayChat.systemPrompt, the user's own value, and the model's) and the project's
   * rules files, read now: only in a trusted workspace, and unless the user or the workspace turned them off.
   */
  private async instructions(settings: ModelSettings): Promise<PlanInstructions> {
    const prompts = promptSources(userSetting<string>('systemPrompt'), settings);
    if (!this.rules || !vscode.workspace.isTrusted || !rulesEnabled()) return { prompts, rules: [] };
    const read = await this.rules.read().catch((e: unknown) => ({ rules: [], problems: [String(e)] }));
    for (const p of read.problems) this.log.warn(`Rules file not used: ${p}`);
    for (const r of read.rules) if (r.truncated) this.log.warn(`Rules file ${r.path} is over 64 KB: only its beginning is sent.`);
    return { prompts, rules: read.rules };
  }

  /** gatewayChat.compaction.model (the user's value: it spends money), when it names a model that resolves. */
  private async summariser(model: string): Promise<Summariser | undefined> {
    const ref = userSetting<string>('compaction.model')?.trim();
    if (!ref || ref === model) return undefined;
    const resolved = await this.gateways.resolveModel(ref);
    if ('error' in resolved) {
      this.log.warn(`gatewayChat.compaction.model ${ref} cannot be used (${resolved.error.reason}): summaries are written by ${model}.`);
      return undefined;
    }
    const settings = modelSettingsFor(ref);
    const window = resolveBudget({ gateway: this.gateways.contextWindow(ref), settings, learned: this.windows?.get(ref) }).window;
    return { model: ref, modelId: resolved.modelId, client: resolved.client, prices: settings.prices, window };
  }

  /** gatewayChat.models for `model`, without what a raw body may not set (said under the answer and in the log). */
  private modelSettings(model: string): { settings: ModelSettings; notices: string[] } {
    const settings = modelSettingsFor(model);
    const refused = refusedBodyKeys(settings.body);
    if (!refused.length) return { settings, notices: [] };
    const body = { ...settings.body };
    for (const k of refused) delete body[k];
    this.log.warn(`gatewayChat.models for ${model}: the body's ${refused.join(', ')} ${refused.length > 1 ? 'were' : 'was'} not sent (Gateway Chat sets them).`);
    return {
      settings: { ...settings, body },
      notices: [vscode.l10n.t('The body in this model\'s settings cannot set {0}: it was left out.', refused.join(', '))],
    };
  }

  /** Which tools a model is offered: none when tools are off, the model cannot call them, or the workspace is untrusted. */
  private async toolOffer(settings: ModelSettings): Promise<ToolOffer> {
    if (userSetting<boolean>('tools.enabled') === false) return {};
    if (settings.capabilities?.tools === false) return {};
    if (!vscode.workspace.workspaceFolders?.some((f) => f.uri.scheme === 'file')) return {};
    // The model is told, so it does not pretend to have looked at files.
    if (!vscode.workspace.isTrusted) return { note: TOOLS_OFF_UNTRUSTED };
    // The registry (ajv compiling every tool's schema) is built on the first request, not at activation.
    const registry = defaultRegistry().withTools(await this.loadExternalTools(), (tool, reason) => this.log.warn(`The tool ${tool.name} is not offered: ${reason}`));
    // Older gateways and models answer only the legacy `functions` / `function_call` form.
    if (settings.toolFormat === 'functions') return { functions: registry.legacyFunctions(), registry };
    return { tools: registry.toolDefinitions(), registry };
  }

  /** A broken MCP setup costs its tools, never the turn. */
  private async loadExternalTools(): Promise<Tool[]> {
    try {
      return await this.externalTools();
    } catch (e) {
      this.log.error(`MCP servers and extension tools could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  private words(model: string): PlanWords {
    return {
      adaptation: (a) => ({
        images: vscode.l10n.t('Images were not sent: vision is turned off for this model in its settings.'),
        reasoning: vscode.l10n.t('Reasoning parameters were not sent: reasoning is turned off for this model in its settings.'),
        json: vscode.l10n.t('This model has JSON mode turned off in its settings: JSON was asked for in words instead.'),
        files: vscode.l10n.t('Documents were not sent: turn on "files" in this model\'s settings if it reads them.'),
        audio: vscode.l10n.t('Audio was not sent: turn on "audio" in this model\'s settings if it hears it.'),
      })[a],
      fix: (f) => this.compatibility.notice(model, f),
      context: {
        compacted: ({ messages, stubs }) => messages && stubs
          ? vscode.l10n.t('To fit the context window, {0} older messages were summarised and {1} old tool results or attachments were cut.', messages, stubs)
          : messages ? vscode.l10n.t('To fit the context window, {0} older messages were summarised.', messages)
            : vscode.l10n.t('To fit the context window, {0} old tool results or attachments were cut.', stubs),
        overflowHealed: (limit) => limit
          ? vscode.l10n.t('The gateway refused the conversation as too long for the model ({0} tokens): it was compacted and sent once more. The window is remembered for {1}.', limit, model)
          : vscode.l10n.t('The gateway refused the conversation as too long for the model: it was compacted and sent once more.'),
        summaryFailed: (reason) => vscode.l10n.t('The older messages could not be summarised ({0}); the request went without a summary.', reason),
      },
    };
  }
}

/** gatewayChat.models as it applies to `model`, from the user's settings. */
export function modelSettingsFor(model: string): ModelSettings {
  return settingsFor(userSetting<Record<string, unknown>>('models'), model);
}

/** gatewayChat.tools.maxSteps within the manifest's 1..100, whatever settings.json holds. */
function stepLimit(value: unknown): number {
  const n = Math.floor(Number(value ?? 10));
  return Number.isFinite(n) ? Math.min(100, Math.max(1, n)) : 10;
}

/** gatewayChat.rules.enabled: the user or the workspace may turn rules off; neither alone turns them on against the other. */
function rulesEnabled(): boolean {
  const seen = vscode.workspace.getConfiguration('gatewayChat').inspect<boolean>('rules.enabled');
  return [seen?.globalValue, seen?.workspaceValue, seen?.workspaceFolderValue].every((v) => v !== false);
}

export function currentModel(): string {
  return userSetting<string>('defaultModel') ?? '';
}
