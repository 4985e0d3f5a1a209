// Streamed text goes to the panel as soon as the panel has shown the last post: the first delta of
// a quiet stream is posted at once (no timer to wait out), and what arrives while a post is still
// unacknowledged is coalesced into the next one. The panel acknowledges after it painted, so a
// fast gateway still gets at most one post per frame per candidate, and a slow one no added delay.
export interface Batch {
  messageId: string;
  content: string;
  reasoning: string;
  /** Which of `n` candidates; absent: the answer itself (choice 0). */
  choice?: number;
}

/** A panel that never acknowledges (hidden, reloading) still gets what gathered, this often. */
const ACK_TIMEOUT_MS = 250;

export class DeltaBatcher {
  private pending = new Map<number, Batch>();
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly emit: (b: Batch) => void, private readonly ackTimeoutMs = ACK_TIMEOUT_MS) {}

  add(messageId: string, delta: { content?: string; reasoning?: string; choice?: number }): void {
    const choice = delta.choice ?? 0;
    const prev = this.pending.get(choice);
    if (prev && prev.messageId !== messageId) this.flush();
    let batch = this.pending.get(choice);
    if (!batch) this.pending.set(choice, (batch = { messageId, content: '', reasoning: '', ...(choice ? { choice } : {}) }));
    batch.content += delta.content ?? '';
    batch.reasoning += delta.reasoning ?? '';
    if (!this.inFlight) this.flush();
  }

  /** The panel has shown what was posted: post what gathered meanwhile, or be ready to post at once. */
  ack(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight = false;
    if (this.pending.size) this.flush();
  }

  /** Posts everything gathered now (the turn ends, a retry or a whole message follows). */
  flush(): void {
    const batches = [...this.pending.values()].filter((b) => b.content || b.reasoning);
    this.pending.clear();
    if (!batches.length) return;
    for (const b of batches) this.emit(b);
    this.inFlight = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.ack(), this.ackTimeoutMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
