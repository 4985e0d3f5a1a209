// The relay's balance for the current model's endpoint: read after answers (at most once a minute) and when
// the user asks (a click on it in the panel). A gateway without billing endpoints has none: nothing is shown,
// nothing is logged.
import * as vscode from 'vscode';
import { splitModelRef } from '../../chat/request/modelRef';
import type { Balance } from '../../llm';
import type { BalanceView } from '../../shared/protocol';
import type { Gateways } from './gateways';
import { readEndpoints } from './endpoints';
import { currentModel } from './turnPlanner';

const MIN_INTERVAL_MS = 60_000;

export class BalanceWatch implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BalanceView | null>();
  readonly onDidChange = this.changed.event;
  private last: BalanceView | null = null;
  private readAt = 0;
  private endpointId: string | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly gateways: Gateways) {}

  get current(): BalanceView | null {
    return this.last;
  }

  /** `force`: the user asked, or the endpoint changed; otherwise at most once a minute. */
  refresh(force = false): Promise<void> {
    const endpointId = splitModelRef(currentModel())?.endpointId;
    const sameEndpoint = endpointId === this.endpointId;
    if (!force && sameEndpoint && Date.now() - this.readAt < MIN_INTERVAL_MS) return Promise.resolve();
    if (this.running) return this.running;
    this.readAt = Date.now();
    this.endpointId = endpointId;
    this.running = this.read(endpointId).finally(() => (this.running = undefined));
    return this.running;
  }

  private async read(endpointId: string | undefined): Promise<void> {
    const endpoint = endpointId ? readEndpoints().find((e) => e.id === endpointId) : undefined;
    const client = endpoint ? await this.gateways.clientFor(endpoint) : undefined;
    const balance = client && 'client' in client ? await client.client.balance() : undefined;
    const view = balance ? viewOf(balance) : null;
    if (JSON.stringify(view) === JSON.stringify(this.last)) return;
    this.last = view;
    this.changed.fire(view);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function viewOf(b: Balance): BalanceView {
  return b.unlimited ? { unlimited: true, currency: b.currency } : { remaining: b.remaining, currency: b.currency };
}

/** `$12.34`, or the words for an unlimited key. */
export function balanceText(b: BalanceView): string {
  if (b.unlimited || b.remaining === undefined) return vscode.l10n.t('unlimited');
  return `${b.currency}${b.remaining.toFixed(2)}`;
}
