// Streamed text goes to the panel at once while fewer than WINDOW posts wait for the panel to say it
// painted them: the first delta of a quiet stream never waits (no timer), and what arrives while the
// window is full is coalesced into the next post. The panel acknowledges after it painted, so a fast
// gateway gets a few posts per frame at most. A window of one made every delta that arrived just
// after a post wait a whole round trip (post, paint, acknowledgement) before it could even leave.
export interface Batch {
  messageId: string;
  content: string;
  reasoning: string;
  /** Which of `n` candidates; absent: the answer itself (choice 0). */
  choice?: number;
}

/** A panel that never acknowledges (hidden, reloading) still gets what gathered, this often. */
const ACK_TIMEOUT_MS = 250;
/** Posts that may be on their way to the panel, unacknowledged, before deltas are coalesced. */
const WINDOW = 2;

export class DeltaBatcher {
  private pending = new Map<number, Batch>();
  /** Posts not yet acknowledged. */
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly emit: (b: Batch) => void, private readonly ackTimeoutMs = ACK_TIMEOUT_MS, private readonly window = WINDOW) {}

  add(messageId: string, delta: { content?: string; reasoning?: string; choice?: number }): void {
    const choice = delta.choice ?? 0;
    const prev = this.pending.get(choice);
    if (prev && prev.messageId !== messageId) this.flush();
    let batch = this.pending.get(choice);
    if (!batch) this.pending.set(choice, (batch = { messageId, content: '', reasoning: '', ...(choice ? { choice } : {}) }));
    batch.content += delta.content ?? '';
    batch.reasoning += delta.reasoning ?? '';
    if (this.inFlight < this.window) this.flush();
  }

  /**
   * The panel has shown `count` posts (all of them when it does not say): post what gathered
   * meanwhile, or be ready to post at once.
   */
  ack(count = Infinity): void {
    this.inFlight = Math.max(0, this.inFlight - count);
    if (!this.inFlight && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size && this.inFlight < this.window) this.flush();
  }

  /** Posts everything gathered now (the turn ends, a retry or a whole message follows). */
  flush(): void {
    const batches = [...this.pending.values()].filter((b) => b.content || b.reasoning);
    this.pending.clear();
    if (!batches.length) return;
    for (const b of batches) this.emit(b);
    this.inFlight += batches.length;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.ack(), this.ackTimeoutMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
