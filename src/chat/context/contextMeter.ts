// The meter under the composer: what the next request would take of the model's window, measured
// by the host after every answer and as the draft grows (debounced; the webview only draws it).
import type { ConversationRecord } from '../../shared/conversation';
import type { HostToWebview } from '../../shared/protocol';
import type { PlanResult, TurnPlan } from '../request/turnPlan';
import type { ContextKeeper } from './contextKeeper';

export interface MeterPorts {
  post(m: HostToWebview): void;
  planTurn(): Promise<PlanResult>;
  conversation(): ConversationRecord;
}

const REFRESH_MS = 150;
const DRAFT_MS = 300;

export class ContextMeter {
  private plan: TurnPlan | undefined;
  private draft = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private replan = false;

  constructor(private readonly keeper: ContextKeeper, private readonly ports: MeterPorts) {}

  /** The conversation, the model or its settings may have changed: plan again, then measure. */
  refresh(): void {
    this.replan = true;
    this.schedule(REFRESH_MS);
  }

  /** The composer's text changed. */
  setDraft(text: string): void {
    this.draft = text;
    this.schedule(DRAFT_MS);
  }

  /** A sent prompt leaves the composer. */
  clearDraft(): void {
    this.draft = '';
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.measure().catch(() => undefined), ms);
  }

  private async measure(): Promise<void> {
    this.timer = undefined;
    if (this.replan || !this.plan) {
      this.replan = false;
      const plan = await this.ports.planTurn();
      this.plan = 'error' in plan ? undefined : plan;
    }
    const c = this.ports.conversation();
    if (!this.plan || (!c.messages.length && !this.draft)) {
      this.ports.post({ type: 'contextMeter' });
      return;
    }
    const { used, window } = await this.keeper.measure(c, this.plan, this.draft);
    this.ports.post({ type: 'contextMeter', used, ...(window ? { window } : {}) });
  }
}
