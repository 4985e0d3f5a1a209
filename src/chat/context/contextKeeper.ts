// Keeps each request inside the model's window: counts what the request builder produced, compacts
// when it would not fit (chooseCompaction: stubs, then a summary written by the model), heals one
// refusal for length, learns the tokenizer's error per model, and measures the meter under the
// composer. The session owns the conversation; this only edits it through summaries.
import type { TraceEvent } from '../../llm';
import type { ConversationRecord, MessageRecord } from '../../shared/conversation';
import type { BuiltRequest, RequestInput } from '../request/buildRequest';
import { buildRequest } from '../request/buildRequest';
import { wireMessages } from '../request/packaging';
import type { ContextWords, TurnPlan } from '../request/turnPlan';
import type { TurnObserver } from '../turn/turn';
import { Calibration } from './calibration';
import { chooseCompaction, spanBeforeLastTurn } from './compaction';
import type { Overflow } from './overflow';
import { requestHistory } from './requestHistory';
import { SUMMARY_ROOM, summarise, type Summariser } from './summarise';
import { tokenCounter, type TokenCounter } from './tokens';
import { promptBudget } from './window';

export interface KeeperPorts {
  newId(): string;
  now(): number;
  /** The conversation changed shape (a summary came in or went): the panel shows it again. */
  show(): void;
  /** A window a gateway named when it refused, kept for `<endpointId>/<modelId>`. */
  rememberWindow?(model: string, window: number): void;
  /** Records the summarising request for the request inspector, under the summary's id. */
  trace?(recordId: string): ((e: TraceEvent) => void) | undefined;
}

type Plan = Pick<TurnPlan, 'model' | 'modelId' | 'client' | 'settings' | 'fixes' | 'tools' | 'words' | 'context' | 'summariser'>;

export interface FitOptions {
  conversation: ConversationRecord;
  plan: Plan;
  /** The request input as it stands now (it changes when a summary comes in). */
  input(): RequestInput;
  signal?: AbortSignal;
  /** Streams the summary into the panel. */
  observer?(record: MessageRecord): TurnObserver;
  /** Fit this many prompt tokens instead of the plan's budget (healing, the command). */
  budget?: number;
  /** Summarise these records whatever the count says (the command). */
  summarise?: string[];
}

export interface FitResult {
  /** Records to send as stubs. */
  stubs: ReadonlySet<string>;
  /** Tokens of the request that will go, as we count them (uncalibrated: what calibration compares). */
  counted: number;
  notices: string[];
  /** Whether anything was cut or summarised. */
  changed: boolean;
}

const englishWords: ContextWords = {
  compacted: ({ messages, stubs }) => `To fit the model's context window, ${[messages ? `${messages} older messages were summarised` : '', stubs ? `${stubs} old tool results or attachments were cut` : ''].filter(Boolean).join(' and ')}.`,
  overflowHealed: (limit) => `The gateway refused the conversation as too long${limit ? ` (${limit} tokens)` : ''}: it was compacted and sent once more.`,
  summaryFailed: (reason) => `The older messages could not be summarised (${reason}); the request went without a summary.`,
};

export class ContextKeeper {
  readonly calibration = new Calibration();

  constructor(private readonly ports: KeeperPorts) {}

  /** Before a request goes: what to stub, and a summary written first when stubs are not enough. */
  async fit(o: FitOptions): Promise<FitResult> {
    const budget = o.budget ?? (o.plan.context ? promptBudget(o.plan.context) : undefined);
    const counter = await tokenCounter();
    const none = new Set<string>();
    const counted = counter.request(buildRequest({ ...o.input(), stubs: undefined }).request);
    if (!o.summarise && (!budget || this.calibration.scale(o.plan.model, counted) <= budget)) return { stubs: none, counted, notices: [], changed: false };
    const words = o.plan.words.context ?? englishWords;
    const choice = o.summarise ? { stubs: [], summarise: o.summarise } : this.choose(counter, o, counted, budget!);
    const notices: string[] = [];
    let summarised = 0;
    if (choice.summarise.length) {
      const failure = await this.summarise(o, choice.summarise);
      if (failure === undefined) summarised = choice.summarise.length;
      else if (failure) notices.push(words.summaryFailed(failure));
    }
    const stubs = new Set(choice.stubs);
    if (summarised || stubs.size) notices.push(words.compacted({ messages: summarised, stubs: stubs.size }));
    return { stubs, counted: counter.request(buildRequest({ ...o.input(), stubs }).request), notices, changed: summarised > 0 || stubs.size > 0 };
  }

  /** The gateway refused the request as too long: remember the window it named and compact below it. */
  async heal(o: FitOptions, overflow: Overflow, counted: number): Promise<FitResult | undefined> {
    const reserve = o.plan.context?.reserve ?? 4096;
    const limit = overflow.limit;
    if (limit) this.ports.rememberWindow?.(o.plan.model, limit.of === 'window' ? limit.tokens : limit.tokens + reserve);
    // Our count was evidently short of the gateway's: aim well under both.
    const named = limit ? (limit.of === 'window' ? limit.tokens - reserve : limit.tokens) : Infinity;
    const budget = Math.max(1, Math.floor(Math.min(named, this.calibration.scale(o.plan.model, counted) * 0.7)));
    const fit = await this.fit({ ...o, budget });
    if (!fit.changed) return undefined;
    const words = o.plan.words.context ?? englishWords;
    return { ...fit, notices: [...fit.notices, words.overflowHealed(limit?.tokens)] };
  }

  /** Gateway Chat: Compact Conversation: everything before the current turn, summarised now. */
  async compactNow(o: Omit<FitOptions, 'summarise' | 'budget'>): Promise<FitResult | 'nothing'> {
    const span = spanBeforeLastTurn(o.conversation.messages);
    if (!span.length) return 'nothing';
    return this.fit({ ...o, summarise: span });
  }

  /** Expands a summary back: its originals are sent again. */
  undo(conversation: ConversationRecord, summaryId: string): boolean {
    const s = conversation.messages.find((m) => m.id === summaryId && m.summary);
    if (!s?.summary || s.summary.undone) return false;
    s.summary.undone = true;
    for (const m of conversation.messages) if (m.summarisedBy === summaryId) delete m.summarisedBy;
    return true;
  }

  /** The last answer's real prompt size against what we counted for its request. */
  observe(model: string, counted: number, usage: MessageRecord['usage']): void {
    this.calibration.observe(model, counted, usage?.promptTokens);
  }

  /** What the next request would take (the draft included), calibrated, and the window. */
  async measure(conversation: ConversationRecord, plan: Plan, draft: string): Promise<{ used: number; window?: number }> {
    const counter = await tokenCounter();
    const built = buildRequest({ history: conversation.messages, options: conversation.options, plan });
    const used = this.calibration.scale(plan.model, counter.request(built.request) + (draft ? counter.message({ role: 'user', content: draft }) : 0));
    return { used, ...(plan.context?.window ? { window: plan.context.window } : {}) };
  }

  private choose(counter: TokenCounter, o: FitOptions, counted: number, budget: number) {
    const input = { ...o.input(), stubs: undefined };
    const recordTokens = (m: MessageRecord, stub: boolean) =>
      this.calibration.scale(o.plan.model, wireMessages(requestHistory([m], stub ? new Set([m.id]) : undefined)).reduce((a, w) => a + counter.message(w), 0));
    const history = input.history;
    const inHistory = history.reduce((a, m) => a + recordTokens(m, false), 0);
    const fixed = Math.max(0, this.calibration.scale(o.plan.model, counted) - inHistory);
    return chooseCompaction({ history, count: recordTokens, fixed, budget });
  }

  /** Writes the summary of `ids` into a new record placed after them; undefined when it worked, else why not ('' when stopped). */
  private async summarise(o: FitOptions, ids: string[]): Promise<string | undefined> {
    const c = o.conversation;
    const span = c.messages.filter((m) => ids.includes(m.id));
    const last = c.messages.indexOf(span[span.length - 1]);
    const summariser: Summariser = o.plan.summariser ?? { model: o.plan.model, modelId: o.plan.modelId, client: o.plan.client, prices: o.plan.settings.prices, window: o.plan.context?.window };
    const counter = await tokenCounter();
    const maxTokens = summariser.window ? Math.max(256, summariser.window - SUMMARY_ROOM) : undefined;
    const record: MessageRecord = {
      id: this.ports.newId(), role: 'assistant', content: '', status: 'streaming', createdAt: this.ports.now(),
      summary: { messages: span.length, model: summariser.model },
    };
    c.messages.splice(last + 1, 0, record);
    this.ports.show();
    await summarise({ summariser, span, record, maxTokens, count: (t) => counter.text(t), signal: o.signal, observer: o.observer?.(record), now: this.ports.now, trace: this.ports.trace?.(record.id) });
    if (record.status !== 'complete' || !record.content.trim()) {
      c.messages.splice(c.messages.indexOf(record), 1);
      this.ports.show();
      return o.signal?.aborted ? '' : (record.error && 'message' in record.error && record.error.message ? record.error.message : 'no answer');
    }
    for (const m of span) m.summarisedBy = record.id;
    this.ports.show();
    return undefined;
  }
}
