// A long conversation opens with only its newest messages rendered. The older ones wait behind
// placeholders of a message's estimated height and are rendered afterwards, newest first, a few
// milliseconds at a time: the first paint, and every scroll or keystroke meanwhile, cost what the
// screen shows rather than the whole history. (Rendering all 2,000 messages of a long conversation
// at once kept the panel blank for over a second.)
import { el } from '../dom';

interface Waiting {
  index: number;
  id: string;
  placeholder: HTMLElement;
}

export class MessageBacklog {
  /** Oldest first; rendered from the end. */
  private queue: Waiting[] = [];
  private readonly waitingIds = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `render(i)` builds message i's element from the transcript's current record of it. */
  constructor(private readonly render: (index: number) => HTMLElement, private readonly sliceMs = 8) {}

  /** Placeholders for these messages, each to be swapped for the rendered message later. */
  defer(messages: { index: number; id: string }[]): HTMLElement[] {
    this.cancel();
    this.queue = messages.map(({ index, id }) => {
      this.waitingIds.add(id);
      return { index, id, placeholder: el('div', { className: 'message-placeholder', attrs: { 'aria-hidden': 'true' } }) };
    });
    if (this.queue.length) this.timer = setTimeout(() => this.renderSlice(), 0);
    return this.queue.map((w) => w.placeholder);
  }

  /** Whether the message is still a placeholder (it will be rendered from its latest record). */
  has(id: string): boolean {
    return this.waitingIds.has(id);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.waitingIds.clear();
  }

  private renderSlice(): void {
    const end = performance.now() + this.sliceMs;
    while (this.queue.length && performance.now() < end) {
      const { index, id, placeholder } = this.queue.pop()!;
      this.waitingIds.delete(id);
      placeholder.replaceWith(this.render(index));
    }
    this.timer = this.queue.length ? setTimeout(() => this.renderSlice(), 0) : undefined;
  }
}
