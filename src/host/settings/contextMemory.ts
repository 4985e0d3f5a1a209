// Context windows gateways named when they refused a request as too long, remembered in globalState
// per `<endpointId>/<modelId>` so the next request is compacted before it is sent.
import type * as vscode from 'vscode';
import { tokenCount } from '../../chat/context/window';

const storageKey = 'gatewayChat.contextWindows';
const maxModels = 200;

export class ContextMemory {
  constructor(private readonly state: vscode.Memento) {}

  get(model: string): number | undefined {
    return tokenCount(this.all()[model]);
  }

  remember(model: string, window: number): void {
    if (!tokenCount(window)) return;
    const all = this.all();
    delete all[model];
    // Re-inserted last: the oldest models go first when the list is full.
    all[model] = window;
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - maxModels))) delete all[k];
    void this.state.update(storageKey, all);
  }

  private all(): Record<string, unknown> {
    const raw = this.state.get<unknown>(storageKey);
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  }
}
