// How an answer grows: the one place that folds what streams in (text, reasoning, each of `n`
// candidates, the ends the assembled response brings) into a message record. The chat layer folds
// every stream event with it; the webview folds the deltas the host posts with it, so both hold the
// same record and an answer feature is written once.
import type { CandidateRecord, MessageRecord, ToolCallRecord } from './conversation';

/** Streamed text for one choice; absent `choice` is the answer itself (choice 0). */
export interface AnswerDelta {
  content?: string;
  reasoning?: string;
  choice?: number;
}

/** What a finished (or broken) stream adds besides its text. */
export interface AnswerEnd {
  extras: Partial<MessageRecord>;
  toolCalls?: ToolCallRecord[];
}

/**
 * An answer about to stream `n` choices. With n > 1 each choice gets a candidate (a continued answer
 * keeps what its candidates already hold); candidate 0 is also the message's own text.
 */
export function beginAnswer(m: MessageRecord, n: number): void {
  m.status = 'streaming';
  delete m.error;
  // A continued answer ends anew: how the last part ended (`length`, ...) no longer holds.
  delete m.finishReason;
  if (n > 1) m.candidates = Array.from({ length: n }, (_, i) => m.candidates?.[i] ?? { content: '' });
}

/** Folds a delta in; false when it belongs to no choice this answer shows (another choice of an n = 1 answer). */
export function foldDelta(m: MessageRecord, d: AnswerDelta): boolean {
  const choice = d.choice ?? 0;
  const candidates = m.candidates;
  if (choice > 0 && !candidates?.length) return false;
  if (candidates?.length) addTo((candidates[choice] ??= { content: '' }), d);
  if (choice === 0) addTo(m, d);
  return true;
}

/** The assembled response's ends: candidates keep the text that streamed (a continued answer has more), the rest is taken as it is. */
export function foldEnd(m: MessageRecord, end: AnswerEnd): void {
  const { candidates, ...rest } = end.extras;
  Object.assign(m, rest);
  if (end.toolCalls?.length) m.toolCalls = end.toolCalls;
  if (!candidates) return;
  m.candidates = candidates.map((c, i) => {
    const streamed = m.candidates?.[i];
    return { ...c, content: streamed?.content ?? c.content, ...(streamed?.reasoning ? { reasoning: streamed.reasoning } : {}) };
  });
  m.chosen ??= 0;
}

function addTo(target: MessageRecord | CandidateRecord, d: AnswerDelta): void {
  if (d.content) target.content += d.content;
  if (d.reasoning) target.reasoning = (target.reasoning ?? '') + d.reasoning;
}
