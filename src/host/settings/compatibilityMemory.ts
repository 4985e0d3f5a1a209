// Fields each gateway model refused, remembered in globalState (per `<endpointId>/<modelId>`) so the
// next request goes right the first time; "Gateway Chat: Forget Compatibility Fixes" undoes them.
import * as vscode from 'vscode';
import { mergeFixes, parseFix, type CompatFix } from '../../chat/request/compatibility';

const storageKey = 'gatewayChat.compatibility';
const maxModels = 200;

export class CompatibilityMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(model: string): CompatFix[] {
    const raw = this.all()[model];
    return Array.isArray(raw) ? raw.map(parseFix).filter((f): f is CompatFix => !!f) : [];
  }

  remember(model: string, fixes: CompatFix[]): void {
    const all = this.all();
    delete all[model];
    // Re-inserted last: the oldest models go first when the list is full.
    all[model] = mergeFixes(this.get(model), fixes).slice(-20);
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - maxModels))) delete all[k];
    void this.state.update(storageKey, all);
  }

  notice(model: string, fix: CompatFix): string {
    if ('api' in fix) return vscode.l10n.t('The gateway serves {0} only through the Responses API: sent there instead. Remembered.', model);
    return 'rename' in fix
      ? vscode.l10n.t('The gateway does not accept {0}: sent as {1} instead. Remembered for {2}.', fix.rename.from, fix.rename.to, model)
      : vscode.l10n.t('The gateway does not accept {0}: sent without it. Remembered for {1}.', fix.omit.join(', '), model);
  }

  models(): string[] {
    return Object.keys(this.all()).filter((m) => this.get(m).length);
  }

  async forget(models: string[] | 'all'): Promise<void> {
    const all = this.all();
    for (const m of models === 'all' ? Object.keys(all) : models) delete all[m];
    await this.state.update(storageKey, all);
  }

  private all(): Record<string, unknown> {
    const raw = this.state.get<unknown>(storageKey);
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  }
}

function describeFixes(fixes: CompatFix[]): string {
  return fixes.map((f) => ('api' in f ? '→ /responses' : 'rename' in f ? `${f.rename.from} → ${f.rename.to}` : f.omit.map((n) => `−${n}`).join(' '))).join(', ');
}

/** The command: pick a model (or all) whose remembered fixes to drop. */
export async function forgetCompatibilityCommand(memory: CompatibilityMemory): Promise<void> {
  const models = memory.models();
  if (!models.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No compatibility fixes are remembered.'));
    return;
  }
  type Item = vscode.QuickPickItem & { models: string[] | 'all' };
  const items: Item[] = [
    { label: vscode.l10n.t('All models'), models: 'all' },
    ...models.map((m) => ({ label: m, description: describeFixes(memory.get(m)), models: [m] })),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Forget the fields a gateway refused for...') });
  if (!pick) return;
  await memory.forget(pick.models);
  void vscode.window.showInformationMessage(vscode.l10n.t('Forgotten: the next requests send every field again.'));
}
