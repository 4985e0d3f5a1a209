// The summarising request: the oldest turns, written out as plain text, go to the model (or the one
// gatewayChat.compaction.model names) in a request of their own. The answer fills the summary record
// like any answer: streamed, cancellable with Stop, with its usage and cost.
import type { MessageRecord } from '../../shared/conversation';
import type { ModelPrices } from '../../shared/modelSettingsShape';
import { priceAnswer } from '../answers/cost';
import { attachmentText } from '../request/packaging';
import { runTurn, type StreamingClient, type TurnOptions } from '../turn/turn';
import { isActiveSummary } from './requestHistory';

/** Who writes summaries: the conversation's own model unless gatewayChat.compaction.model names another. */
export interface Summariser {
  /** `<endpointId>/<modelId>`. */
  readonly model: string;
  readonly modelId: string;
  readonly client: StreamingClient;
  readonly prices?: ModelPrices;
  /** Its context window in tokens, when known: the transcript sent to it is cut to fit. */
  readonly window?: number;
}

export const summaryInstruction = [
  'Summarise the conversation below so that the summary can replace it as the start of the conversation.',
  'Keep what the rest of the work needs: the user\'s goals and constraints, decisions and their reasons, facts learned,',
  'file paths, names in code, commands run and their outcome, and what is still open. Drop pleasantries and repetition.',
  'Write it in the language the conversation is in, as short notes, without adding anything that is not in it.',
].join(' ');

/** Characters one tool result or attachment may take in the transcript given to the summariser. */
const PART_LIMIT = 4000;

const cut = (s: string, limit = PART_LIMIT) => (s.length > limit ? `${s.slice(0, limit)}\n[... ${s.length - limit} more characters]` : s);

/** The span as a readable transcript. */
export function transcriptOf(records: readonly MessageRecord[]): string {
  const out: string[] = [];
  for (const m of records) {
    if (m.summary) {
      if (isActiveSummary(m)) out.push(`Summary of what came before:\n${m.content}`);
      continue;
    }
    if (m.role === 'user') {
      const files = (m.attachments ?? []).map((a) => attachmentText(a) ?? `[${a.kind}: ${a.label}]`).map((t) => cut(t));
      out.push(`User:\n${[m.content, ...files].filter(Boolean).join('\n\n')}`);
    } else if (m.role === 'assistant') {
      if (m.content) out.push(`Assistant:\n${m.content}`);
      for (const c of m.toolCalls ?? []) out.push(`Tool call ${c.name}(${cut(c.arguments, 1000)}) returned:\n${cut(c.result ?? '(no result)')}`);
    }
  }
  return out.join('\n\n');
}

export interface SummariseOptions extends Pick<TurnOptions, 'signal' | 'trace' | 'observer' | 'now'> {
  summariser: Summariser;
  span: readonly MessageRecord[];
  /** The summary record to fill (role assistant, `summary` set). */
  record: MessageRecord;
  /** Tokens the transcript may take (what the summariser's own window leaves), counted by `count`. */
  maxTokens?: number;
  count?(text: string): number;
}

// Room in the summariser's window for the instruction, the summary it writes and the counter's error.
export const SUMMARY_ROOM = 4096;
const LEFT_OUT = '[... earlier part left out]\n';

/** Fills `record` with the summary; its status says whether it worked. */
export async function summarise(o: SummariseOptions): Promise<MessageRecord> {
  let transcript = transcriptOf(o.span);
  // The oldest part goes when even the transcript is too long for the summariser (a refusal there would
  // end compaction with nothing): the newest matters most. Cut by the share of tokens, with a margin.
  const tokens = o.maxTokens && o.count ? o.count(transcript) : 0;
  if (o.maxTokens && tokens > o.maxTokens) {
    const keep = Math.max(0, Math.floor((transcript.length * o.maxTokens) / tokens * 0.9) - LEFT_OUT.length);
    transcript = `${LEFT_OUT}${transcript.slice(transcript.length - keep)}`;
  }
  const request = {
    model: o.summariser.modelId,
    messages: [{ role: 'user', content: `${summaryInstruction}\n\n<conversation>\n${transcript}\n</conversation>` }],
  };
  o.record.model = o.summariser.model;
  await runTurn({ client: o.summariser.client, request, message: o.record, signal: o.signal, trace: o.trace, observer: o.observer, now: o.now });
  priceAnswer(o.record.usage, o.summariser.prices);
  return o.record;
}
