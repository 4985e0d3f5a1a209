// The panel's per-model settings form, on the host's side: what the form shows for a model, and
// saving it into gatewayChat.models["<endpointId>/<modelId>"] in the user settings.
import * as vscode from 'vscode';
import { editedEntry, inheritedEntries, withEntry } from '../../chat/request/modelSettingsEdit';
import type { HostToWebview } from '../../shared/protocol';
import { isRecord, refusedBodyKeys, type ModelSettings } from '../../shared/modelSettingsShape';
import { userSetting } from './userSettings';

const config = () => vscode.workspace.getConfiguration('gatewayChat');
const userModels = () => userSetting<Record<string, unknown>>('models');

/** The exact entry the form edits (user settings, where it saves) and the glob entries that also apply. */
export function modelSettingsView(model: string, saved = false): HostToWebview {
  const exact = model ? userModels()?.[model] : undefined;
  return {
    type: 'modelSettings', model, saved,
    entry: isRecord(exact) ? (exact as ModelSettings) : {},
    inherited: model ? inheritedEntries(userModels(), model) : [],
  };
}

/** Writes the form's keys of the model's entry; other keys, other entries and globs stay as they are. */
export async function saveModelSettings(model: string, settings: ModelSettings, log: vscode.LogOutputChannel): Promise<boolean> {
  const refused = refusedBodyKeys(settings.body);
  if (refused.length) {
    log.warn(`Not saving gatewayChat.models["${model}"]: its body sets ${refused.join(', ')}, which Gateway Chat sets for every request.`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The body cannot set {0}: Gateway Chat sets it for every request.', refused.join(', ')));
    return false;
  }
  const all = userModels();
  try {
    await config().update('models', withEntry(all, model, editedEntry(all?.[model], settings)), vscode.ConfigurationTarget.Global);
    return true;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    log.error(`Saving gatewayChat.models["${model}"] failed: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The model settings could not be saved: {0}', reason));
    return false;
  }
}
