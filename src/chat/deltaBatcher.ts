// Coalesces streamed text so the webview gets at most one post per frame however fast the gateway is.
export interface Batch {
  messageId: string;
  content: string;
  reasoning: string;
}

export class DeltaBatcher {
  private pending: Batch | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly emit: (b: Batch) => void, private readonly frameMs = 16) {}

  add(messageId: string, delta: { content?: string; reasoning?: string }): void {
    if (this.pending && this.pending.messageId !== messageId) this.flush();
    this.pending ??= { messageId, content: '', reasoning: '' };
    this.pending.content += delta.content ?? '';
    this.pending.reasoning += delta.reasoning ?? '';
    this.timer ??= setTimeout(() => this.flush(), this.frameMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = undefined;
    if (batch && (batch.content || batch.reasoning)) this.emit(batch);
  }
}
