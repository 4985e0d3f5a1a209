// A long conversation opens with only its newest messages rendered. The older ones wait behind one
// spacer, as tall as they are estimated to be, and are rendered afterwards, newest first, a few
// milliseconds at a time, each put just after the spacer as the spacer shrinks: the first paint, and
// every scroll or keystroke meanwhile, cost what the screen shows rather than the whole history.
// (Rendering all 2,000 messages at once kept the panel blank for over a second; one placeholder
// element per message cost a style pass over 2,000 elements.) The oldest messages may not have
// reached the panel yet (src/shared/conversationPieces.ts): the spacer counts them from the start,
// so the list has its height, and they are rendered once their records arrive.
import { el } from '../dom';

/** A message's estimated height until it is rendered (its padding and border included). */
export const ESTIMATED_MESSAGE_PX = 137;

export class MessageBacklog {
  /** Oldest first, rendered from the end; undefined: still on its way from the host. */
  private queue: (string | undefined)[] = [];
  private readonly waitingIds = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly spacer = el('div', { className: 'message-placeholder', attrs: { 'aria-hidden': 'true' } });

  /** `render(id)` builds the message's element from the transcript's current record of it. */
  constructor(private readonly render: (id: string) => HTMLElement, private readonly sliceMs = 8) {}

  /** These messages, oldest first, wait: returns what stands in for them (nothing when there are none). */
  defer(ids: (string | undefined)[]): HTMLElement[] {
    this.cancel();
    this.queue = [...ids];
    for (const id of ids) if (id !== undefined) this.waitingIds.add(id);
    this.size();
    this.resume();
    return this.queue.length ? [this.spacer] : [];
  }

  /**
   * Messages that were on their way, oldest first: the ones just before the oldest the panel had.
   * They take the newest places still waiting for a record. Returns how many found one.
   */
  arrived(ids: string[]): number {
    let unknown = 0;
    while (unknown < this.queue.length && this.queue[unknown] === undefined) unknown++;
    const taken = ids.slice(Math.max(0, ids.length - unknown));
    taken.forEach((id, i) => {
      this.queue[unknown - taken.length + i] = id;
      this.waitingIds.add(id);
    });
    this.resume();
    return taken.length;
  }

  /** Whether the message is still waiting (it will be rendered from its latest record). */
  has(id: string): boolean {
    return this.waitingIds.has(id);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.waitingIds.clear();
    this.spacer.remove();
  }

  private size(): void {
    this.spacer.style.height = `${this.queue.length * ESTIMATED_MESSAGE_PX}px`;
  }

  private resume(): void {
    if (this.timer === undefined && this.queue.length && this.queue.at(-1) !== undefined) this.timer = setTimeout(() => this.renderSlice(), 0);
  }

  private renderSlice(): void {
    this.timer = undefined;
    const end = performance.now() + this.sliceMs;
    const rendered: HTMLElement[] = [];
    while (this.queue.length && this.queue.at(-1) !== undefined && performance.now() < end) {
      const id = this.queue.pop()!;
      this.waitingIds.delete(id);
      rendered.unshift(this.render(id));
    }
    this.spacer.after(...rendered);
    this.size();
    if (!this.queue.length) this.spacer.remove();
    this.resume();
  }
}
