// Fakes for runTurn tests: a client that plays a list of events, then maybe fails.
import type { StreamingClient } from '../../../src/chat/turn/turn';
import type { ChatEvent } from '../../../src/llm/types';
import type { MessageRecord } from '../../../src/shared/conversation';

export function fakeClient(events: ChatEvent[], failAfter?: Error): StreamingClient {
  return {
    async *stream() {
      for (const e of events) yield e;
      if (failAfter) throw failAfter;
    },
  };
}

/** An empty assistant message, about to stream. */
export const answer = (): MessageRecord => ({ id: 'a1', role: 'assistant', content: '', status: 'streaming', createdAt: 0 });
