import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import type { AnswerDecoder } from './decoder';
import { errorFromStreamPayload, GatewayError, MAX_MESSAGE_BYTES, tooLargeError } from './errors';
import type { ChatEvent } from './types';

/**
 * Bytes in, ChatEvents out. Decoding is streaming (multibyte characters split across chunks
 * and a BOM are handled by TextDecoder); line endings, comments and multi-line `data:` by
 * eventsource-parser. Comments and non-JSON pings do not count as progress.
 */
export class SseReader {
  done = false;
  error: GatewayError | undefined;
  private readonly decoder = new TextDecoder();
  private readonly parser: EventSourceParser;
  // eventsource-parser keeps an unfinished line and an event's data lines until the blank line: bytes fed
  // since the last event or comment bound both (a chunk's tail after an event goes uncounted: at most 64 KB).
  private pendingBytes = 0;

  constructor(
    private readonly answer: AnswerDecoder,
    private readonly out: ChatEvent[],
    private readonly progress: () => void,
    private readonly url: string,
    private readonly secrets: readonly string[],
  ) {
    this.parser = createParser({ onEvent: (ev) => this.onEvent(ev), onComment: () => (this.pendingBytes = 0) });
  }

  feed(bytes: Uint8Array): void {
    if (this.done || this.error) return;
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes > MAX_MESSAGE_BYTES) {
      this.error = tooLargeError('An event', this.url);
      return;
    }
    this.parser.feed(this.decoder.decode(bytes, { stream: true }));
  }

  /** The body ended: a last event without its blank line still counts. */
  end(): void {
    if (this.done || this.error) return;
    this.parser.feed(`${this.decoder.decode()}\n\n`);
  }

  private onEvent(ev: EventSourceMessage): void {
    this.pendingBytes = 0;
    if (this.done || this.error) return;
    const data = ev.data;
    if (ev.event === 'error') {
      this.progress();
      this.error = errorFromStreamPayload(data, this.url, this.secrets);
      return;
    }
    const first = data.charCodeAt(0);
    if (first === 123 /* { */ || first === 91 /* [ */) {
      if (first === 91 && data === '[DONE]') {
        this.done = true;
        return;
      }
      let obj: Record<string, unknown>;
      try {
        obj = JSON.parse(data);
      } catch {
        this.error = new GatewayError('protocol', 'The gateway sent an event that is not valid JSON', this.url);
        return;
      }
      this.progress();
      if (obj.error) {
        this.error = errorFromStreamPayload(data, this.url, this.secrets);
        return;
      }
      try {
        this.answer.event(obj, this.out, ev.event);
      } catch (e) {
        this.error = e instanceof GatewayError ? e : new GatewayError('protocol', String(e), this.url);
        return;
      }
      if (this.answer.done) this.done = true;
      return;
    }
    if (data.trim() === '[DONE]') this.done = true;
  }
}
