// What the client needs from a wire format's answer side: events in, ChatEvents out, one AssembledResponse at
// the end. chat/completions feeds the shared Accumulator directly; the other formats translate first.
import { Accumulator } from './assemble';
import { errorFromStreamPayload, GatewayError } from './errors';
import type { AssembledResponse, ChatEvent, ProviderItems } from './types';

import type { Obj } from './wireShared';

export interface AnswerDecoder {
  /** True once anything was applied; an error carries a partial answer only after that. */
  readonly received: boolean;
  /** The format's own last event arrived (`message_stop`, `response.completed`). */
  readonly done: boolean;
  /** One parsed SSE event; `name` is its `event:` line. Throws a GatewayError for a failure the event reports. */
  event(obj: Obj, out: ChatEvent[], name?: string): void;
  /** A whole (non-streamed) answer. */
  whole(obj: Obj, out: ChatEvent[], raw: string): void;
  /** The body may end without a last event when every choice has its finish reason. */
  allFinished(): boolean;
  finish(out?: ChatEvent[]): AssembledResponse;
  snapshot(): AssembledResponse;
}

export interface DecoderContext {
  url: string;
  secrets: readonly string[];
}

/** chat/completions: each event is a chunk, the whole answer a `chat.completion`. */
export class ChatDecoder implements AnswerDecoder {
  readonly done = false;
  private readonly acc = new Accumulator();

  constructor(private readonly ctx: DecoderContext) {}

  get received(): boolean {
    return this.acc.received;
  }

  event(obj: Obj, out: ChatEvent[]): void {
    this.acc.applyChunk(obj, out);
  }

  whole(obj: Obj, out: ChatEvent[], raw: string): void {
    if (obj.error) throw errorFromStreamPayload(raw, this.ctx.url, this.ctx.secrets);
    if (!Array.isArray(obj.choices)) throw new GatewayError('protocol', "The gateway's answer has no choices", this.ctx.url);
    this.acc.applyResponse(obj, out);
  }

  allFinished(): boolean {
    return this.acc.allFinished();
  }

  finish(out?: ChatEvent[]): AssembledResponse {
    return this.acc.finish(out);
  }

  snapshot(): AssembledResponse {
    return this.acc.snapshot();
  }
}

/**
 * A format translated into chat chunks for the shared Accumulator, with the provider items it must send back
 * (`items`) put on the first choice of what it assembles.
 */
export abstract class TranslatingDecoder implements AnswerDecoder {
  done = false;
  protected readonly acc = new Accumulator();
  protected readonly items: Obj[] = [];

  constructor(protected readonly ctx: DecoderContext, private readonly api: ProviderItems['api']) {}

  abstract event(obj: Obj, out: ChatEvent[], name?: string): void;
  abstract whole(obj: Obj, out: ChatEvent[], raw: string): void;

  get received(): boolean {
    return this.acc.received;
  }

  allFinished(): boolean {
    return this.acc.allFinished();
  }

  finish(out?: ChatEvent[]): AssembledResponse {
    return this.withItems(this.acc.finish(out));
  }

  snapshot(): AssembledResponse {
    return this.withItems(this.acc.snapshot());
  }

  private withItems(r: AssembledResponse): AssembledResponse {
    const first = r.choices[0];
    if (first && this.items.length) first.providerItems = { api: this.api, items: this.items.slice() };
    return r;
  }
}
