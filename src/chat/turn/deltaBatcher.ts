// Coalesces streamed text so the webview gets at most one post per frame (per candidate) however
// fast the gateway is.
export interface Batch {
  messageId: string;
  content: string;
  reasoning: string;
  /** Which of `n` candidates; absent: the answer itself (choice 0). */
  choice?: number;
}

export class DeltaBatcher {
  private pending = new Map<number, Batch>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly emit: (b: Batch) => void, private readonly frameMs = 16) {}

  add(messageId: string, delta: { content?: string; reasoning?: string; choice?: number }): void {
    const choice = delta.choice ?? 0;
    const prev = this.pending.get(choice);
    if (prev && prev.messageId !== messageId) this.flush();
    let batch = this.pending.get(choice);
    if (!batch) this.pending.set(choice, (batch = { messageId, content: '', reasoning: '', ...(choice ? { choice } : {}) }));
    batch.content += delta.content ?? '';
    batch.reasoning += delta.reasoning ?? '';
    this.timer ??= setTimeout(() => this.flush(), this.frameMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const b of batches) if (b.content || b.reasoning) this.emit(b);
  }
}
