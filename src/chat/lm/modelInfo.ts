// What VS Code is told about each gateway model: ids `<endpointId>/<modelId>`, names, the window and
// the capabilities, from the same model lists as the panel's picker and the user's gatewayChat.models.
import type { ModelSettings } from '../../shared/modelSettingsShape';
import type { ModelGroup } from '../../shared/protocol';
import { resolveBudget, windowFromModelEntry } from '../context/window';
import { joinModelRef } from '../request/modelRef';

export interface LmModelInfo {
  id: string;
  name: string;
  family: string;
  version: string;
  detail: string;
  tooltip: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  /** Always present: VS Code reads its fields without a guard. */
  capabilities: { imageInput: boolean; toolCalling: boolean };
}

export const DEFAULT_WINDOW = 128_000;
export const DEFAULT_OUTPUT = 8_192;

/** A model's entry as `/models` listed it (some gateways say `context_length`, `max_model_len`, ...). */
export type ModelEntry = Record<string, unknown>;

/**
 * The model's window, chosen as the panel chooses it (src/chat/context/window.ts): what `/models` said,
 * else `contextWindow` in its settings, narrowed by a window a gateway named when it refused a request
 * as too long; else a default. Output from `max_tokens` / `max_completion_tokens` in its settings, else
 * `/models`, else a default. Input is what is left of the window.
 */
export function modelWindow(settings: ModelSettings, entry?: ModelEntry, learned?: number): { maxInputTokens: number; maxOutputTokens: number } {
  const top = (entry?.top_provider ?? {}) as ModelEntry;
  const window = resolveBudget({ gateway: windowFromModelEntry(entry), settings, learned }).window ?? DEFAULT_WINDOW;
  const output = firstCount(settings.params?.max_completion_tokens, settings.params?.max_tokens,
    entry?.max_output_tokens, entry?.max_completion_tokens, top.max_completion_tokens) ?? Math.min(DEFAULT_OUTPUT, Math.floor(window / 4));
  const maxOutputTokens = Math.min(output, window);
  return { maxInputTokens: Math.max(1, window - maxOutputTokens), maxOutputTokens };
}

function firstCount(...values: unknown[]): number | undefined {
  for (const v of values) if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  return undefined;
}

/** Every model of every endpoint that could be listed; the capabilities follow the panel's (on unless turned off). */
export function lmModels(
  groups: readonly ModelGroup[], settingsOf: (ref: string) => ModelSettings,
  entryOf?: (ref: string) => ModelEntry | undefined, learnedOf?: (ref: string) => number | undefined,
): LmModelInfo[] {
  const out: LmModelInfo[] = [];
  for (const g of groups) {
    for (const modelId of g.models) {
      const id = joinModelRef(g.endpointId, modelId);
      const settings = settingsOf(id);
      out.push({
        id,
        name: modelId,
        family: modelId.slice(modelId.lastIndexOf('/') + 1),
        version: g.endpointId,
        detail: g.endpointName,
        tooltip: `${g.endpointName}: ${modelId}`,
        ...modelWindow(settings, entryOf?.(id), learnedOf?.(id)),
        capabilities: {
          imageInput: settings.capabilities?.vision !== false,
          toolCalling: settings.capabilities?.tools !== false,
        },
      });
    }
  }
  return out;
}
