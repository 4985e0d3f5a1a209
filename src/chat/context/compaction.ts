// What to cut when a request would not fit the model's window, decided before anything is sent:
// first old tool results and attachments become stubs (cheap, nothing lost for good: the file keeps
// them), and only if that is not enough, the oldest turns go to the model to be summarised. The
// current turn (the last user message and what follows it) is never cut or summarised.
import type { MessageRecord } from '../../shared/conversation';
import { canStub } from './requestHistory';

export interface CompactionInput {
  /** The conversation up to the answer being written (summarised originals included: they are skipped). */
  history: readonly MessageRecord[];
  /** Tokens a record costs in a request, as is or stubbed (calibrated). */
  count(m: MessageRecord, stubbed: boolean): number;
  /** Tokens of everything else in the request: system messages, tool schemas, a continue prompt. */
  fixed: number;
  /** Prompt tokens the request may carry (the window less the answer's reserve). */
  budget: number;
}

export interface CompactionChoice {
  /** The request's tokens as it stands. */
  before: number;
  /** After the stubs and the summary (the summary counted at its allowance). */
  after: number;
  /** Record ids whose tool results and attachments go as stubs. */
  stubs: string[];
  /** Record ids to summarise, oldest first (a run of whole turns). */
  summarise: string[];
  /** Whether the request fits after all this. */
  fits: boolean;
}

/** What a summary may take of the budget. */
export function summaryAllowance(budget: number): number {
  return Math.max(64, Math.min(2048, Math.floor(budget * 0.15)));
}

export function chooseCompaction(input: CompactionInput): CompactionChoice {
  const active = input.history.filter((m) => !m.summarisedBy && !(m.summary && (m.summary.undone || !m.content)));
  const sizes = new Map(active.map((m) => [m.id, input.count(m, false)]));
  const before = input.fixed + [...sizes.values()].reduce((a, b) => a + b, 0);
  let total = before;
  const choice = { before, stubs: [] as string[], summarise: [] as string[] };
  if (total <= input.budget) return { ...choice, after: total, fits: true };

  // The current turn starts at the last user message; its newest record (the tool results the model
  // is about to read) and the user's own message keep their content even when older records are cut.
  const tail = lastUserIndex(active);
  const keep = new Set([active[tail]?.id, active[active.length - 1]?.id]);
  for (const m of active) {
    if (total <= input.budget) break;
    if (keep.has(m.id) || !canStub(m)) continue;
    const cut = input.count(m, true);
    total -= sizes.get(m.id)! - cut;
    sizes.set(m.id, cut);
    choice.stubs.push(m.id);
  }
  if (total <= input.budget) return { ...choice, after: total, fits: true };

  // Whole turns from the oldest: a span ends before a user message so the summary stands for complete exchanges.
  const allowance = summaryAllowance(input.budget);
  let removed = 0;
  let end = 0;
  for (let i = 0; i < Math.max(0, tail); i++) {
    removed += sizes.get(active[i].id)!;
    const boundary = active[i + 1]?.role === 'user';
    if (boundary) end = i + 1;
    if (boundary && total - removed + allowance <= input.budget) break;
  }
  if (end > 0) {
    const span = active.slice(0, end);
    const spanTokens = span.reduce((a, m) => a + sizes.get(m.id)!, 0);
    total = total - spanTokens + allowance;
    choice.summarise = span.map((m) => m.id);
    choice.stubs = choice.stubs.filter((id) => !choice.summarise.includes(id));
  }
  return { ...choice, after: total, fits: total <= input.budget };
}

/** Everything before the current turn, to summarise on demand (the command); empty when there is too little. */
export function spanBeforeLastTurn(history: readonly MessageRecord[]): string[] {
  const active = history.filter((m) => !m.summarisedBy && !(m.summary && (m.summary.undone || !m.content)));
  const tail = lastUserIndex(active);
  return tail >= 2 ? active.slice(0, tail).map((m) => m.id) : [];
}

function lastUserIndex(records: readonly MessageRecord[]): number {
  for (let i = records.length - 1; i >= 0; i--) if (records[i].role === 'user') return i;
  return records.length;
}
