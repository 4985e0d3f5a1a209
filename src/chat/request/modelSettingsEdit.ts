// Saving the panel's per-model settings form into gatewayChat.models: the form owns some keys of
// the model's exact entry; everything else there (and every other entry, globs included) stays.
import { capabilityNames, formKeys, formParams, isRecord, type ModelSettings } from '../../shared/modelSettingsShape';
import { matchingEntries } from './modelSettings';

/** What the form shows read-only: each glob entry that applies to `model`, least specific first. */
export function inheritedEntries(all: Record<string, unknown> | undefined, model: string): { source: string; settings: ModelSettings }[] {
  return matchingEntries(all, model).filter(([key]) => key !== model).map(([source, settings]) => ({ source, settings }));
}

const without = (v: unknown, owned: readonly string[]) =>
  Object.fromEntries(Object.entries(isRecord(v) ? v : {}).filter(([k]) => !owned.includes(k)));

/**
 * The model's entry after the form saved `edited`: the form's keys replaced (a field the user cleared
 * is gone), keys the form does not know kept. Undefined when nothing is left.
 */
export function editedEntry(old: unknown, edited: ModelSettings): Record<string, unknown> | undefined {
  const rest = without(old, formKeys);
  const params = { ...without(isRecord(old) ? old.params : undefined, formParams), ...edited.params };
  const capabilities = { ...without(isRecord(old) ? old.capabilities : undefined, capabilityNames), ...edited.capabilities };
  const next: Record<string, unknown> = {
    ...rest,
    ...(Object.keys(params).length ? { params } : {}),
    ...(edited.body && Object.keys(edited.body).length ? { body: edited.body } : {}),
    ...(edited.omit?.length ? { omit: edited.omit } : {}),
    ...(Object.keys(capabilities).length ? { capabilities } : {}),
    ...(edited.toolFormat ? { toolFormat: edited.toolFormat } : {}),
    ...(edited.toolChoice !== undefined ? { toolChoice: edited.toolChoice } : {}),
    ...(edited.parallelToolCalls !== undefined ? { parallelToolCalls: edited.parallelToolCalls } : {}),
    ...(edited.strictTools !== undefined ? { strictTools: edited.strictTools } : {}),
    ...(edited.prices && Object.keys(edited.prices).length ? { prices: edited.prices } : {}),
    ...(edited.systemPrompt ? { systemPrompt: edited.systemPrompt } : {}),
    ...(edited.systemPromptMode ? { systemPromptMode: edited.systemPromptMode } : {}),
    ...(edited.systemRole ? { systemRole: edited.systemRole } : {}),
    ...(edited.contextWindow ? { contextWindow: edited.contextWindow } : {}),
    ...(edited.api ? { api: edited.api } : {}),
    ...(typeof edited.promptCache === 'boolean' ? { promptCache: edited.promptCache } : {}),
  };
  return Object.keys(next).length ? next : undefined;
}

/** All of gatewayChat.models with `model`'s entry replaced in place (or removed); other entries as they were. */
export function withEntry(all: Record<string, unknown> | undefined, model: string, entry: Record<string, unknown> | undefined): Record<string, unknown> {
  const entries = Object.entries(all ?? {});
  const next = entries.some(([key]) => key === model)
    ? entries.map(([key, v]): [string, unknown] => [key, key === model ? entry : v])
    : [...entries, [model, entry] as [string, unknown]];
  // fromEntries defines keys as data, so even a key like `__proto__` cannot reach a prototype.
  return Object.fromEntries(next.filter(([, v]) => v !== undefined));
}
