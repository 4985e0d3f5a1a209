// The conversation the panel shows, and the turns that fill it. No VS Code here: the host passes a
// turn plan per send (everything settings say) and the few ports that are truly live.
import type { Attachment, ConversationRecord, GatewayErrorKind, MessageRecord, RequestOptions } from '../../shared/conversation';
import type { HostToWebview } from '../../shared/protocol';
import { DeltaBatcher } from './deltaBatcher';
import type { HistoryStore } from '../storage/historyStore';
import { continuePrompt } from '../request/packaging';
import { buildRequest } from '../request/buildRequest';
import type { CompatFix } from '../request/compatibility';
import type { PlanResult } from '../request/turnPlan';
import { priceAnswer } from '../answers/cost';
import { recordJsonCheck } from '../answers/jsonCheck';
import { runToolCalls, settleUnfinishedCalls, type ToolHost } from './toolRunner';
import { titleFromModel, titleFromPrompt } from './titles';
import { ExchangeLog } from '../inspection/exchangeLog';
import { addNotices, runHealingTurn } from './healingTurn';
import { beginAnswer } from '../../shared/answerReducer';
import type { CheckpointStore } from '../checkpoints/checkpointStore';
import { normalizeConversation, normalizeMessage } from '../storage/normalize';
import { ContextKeeper } from '../context/contextKeeper';

export interface SessionPorts {
  store: HistoryStore;
  post(message: HostToWebview): void;
  /** Everything a send needs from settings, resolved once at its start; no `model`: the current one. */
  planTurn(model?: string): Promise<PlanResult>;
  /** Fixes found while healing, kept for `<endpointId>/<modelId>` (the host keeps them across windows). */
  rememberFixes?(model: string, fixes: CompatFix[]): void;
  /** A context window a gateway named when it refused a request as too long (the host keeps it across windows). */
  rememberWindow?(model: string, window: number): void;
  /** Carries out the model's tool calls (asks the user, runs them on the workspace); absent: none run. */
  toolHost?: ToolHost;
  /** Keeps what the tools are about to change (absent: no workspace storage, no checkpoints). */
  checkpoints?: CheckpointStore;
  newId(): string;
  now(): number;
}

export class ChatSession {
  conversation: ConversationRecord;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;
  /** A new chat or another conversation is replacing this one: a send waits for it, so it lands in the new one. */
  private switching: Promise<unknown> | undefined;
  private readonly batcher: DeltaBatcher;
  /** Tools the user allowed for the rest of a conversation, by conversation id. */
  private readonly allowedTools = new Map<string, Set<string>>();
  /** What went over the wire per answer, for the request inspector (memory only, never saved). */
  readonly exchanges = new ExchangeLog();
  /** Keeps requests inside the model's window (compaction, healing a refusal for length, calibration). */
  readonly context: ContextKeeper;

  /**
   * Everything but a delta goes to the panel after the deltas still gathered: a whole message posted
   * before them would have them appended to it again.
   */
  private post(m: HostToWebview): void {
    if (m.type !== 'delta') this.batcher.flush();
    this.ports.post(m);
  }

  constructor(private readonly ports: SessionPorts) {
    this.conversation = this.blank();
    this.batcher = new DeltaBatcher((b) => ports.post({ type: 'delta', ...b }));
    this.context = new ContextKeeper({ newId: ports.newId, now: ports.now, show: () => this.show(), rememberWindow: ports.rememberWindow, trace: (id) => this.exchanges.recorder(id) });
  }

  /** The panel painted `count` more streamed posts (all of them when it does not say). */
  deltaShown(count?: number): void {
    this.batcher.ack(count);
  }

  get busy(): boolean {
    return this.abort !== undefined;
  }

  show(): void {
    this.shownId = this.conversation.id;
    this.post({ type: 'conversation', conversation: this.conversation, busy: this.busy });
  }

  /** Gateway Chat: Compact Conversation: summarises everything before the last turn now. */
  async compact(): Promise<'done' | 'nothing' | 'busy' | 'failed'> {
    await this.switching;
    if (this.busy) return 'busy';
    const plan = await this.ports.planTurn();
    if ('error' in plan) return 'failed';
    const c = this.conversation;
    const abort = (this.abort = new AbortController());
    this.show();
    try {
      const r = await this.context.compactNow({ conversation: c, plan, input: () => ({ history: c.messages, options: c.options, instructions: c.instructions, plan }), signal: abort.signal, observer: (rec) => this.observer(rec) });
      return r === 'nothing' ? 'nothing' : r.changed ? 'done' : 'failed';
    } finally {
      this.batcher.flush();
      this.abort = undefined;
      this.touch();
      await this.save();
      this.show();
    }
  }

  /** Expands a summary back: its originals go to the model again. */
  undoSummary(summaryId: string): void {
    if (this.busy || !this.context.undo(this.conversation, summaryId)) return;
    this.touch();
    void this.save();
    this.show();
  }

  /** The conversation the panel shows in full; a plain send then only adds its two messages. */
  private shownId: string | undefined;

  /** Sends a prompt and resolves with the answer once it settled (undefined when nothing was sent). */
  async send(text: string, attachments: Attachment[], options: { model?: string } = {}): Promise<MessageRecord | undefined> {
    await this.switching;
    if (this.busy || (!text.trim() && !attachments.length)) return undefined;
    const dropped = this.dropFailedAttempt();
    const c = this.conversation;
    if (!c.messages.length) c.title = titleFromPrompt(text, attachments);
    c.messages.push(this.message('user', text, attachments.length ? { attachments } : {}));
    const answer = this.message('assistant', '');
    await this.answer(answer, [], options.model, !dropped);
    return answer;
  }

  /** The option bar changed (JSON output, web search, images, candidates, logprobs): kept with the conversation. */
  setOptions(options: RequestOptions): void {
    const c = this.conversation;
    if (Object.keys(options).length) c.options = options;
    else delete c.options;
    if (c.messages.length) this.ports.store.saveSoon(c);
  }

  /** The conversation's own instructions changed (the panel's Instructions editor): kept with the conversation. */
  setInstructions(text: string): void {
    const c = this.conversation;
    if (text.trim()) c.instructions = text;
    else delete c.instructions;
    if (c.messages.length) this.ports.store.saveSoon(c);
  }

  /** The user picked one of `n` candidates: the conversation continues with it. */
  chooseCandidate(messageId: string, index: number): MessageRecord | undefined {
    const m = this.conversation.messages.find((x) => x.id === messageId && x.role === 'assistant');
    const pick = m?.candidates?.[index];
    if (!m || !pick || (this.busy && m === this.conversation.messages.at(-1))) return undefined;
    m.chosen = index;
    m.content = pick.content;
    if (pick.reasoning) m.reasoning = pick.reasoning;
    else delete m.reasoning;
    recordJsonCheck(m);
    this.touch();
    void this.ports.store.save(this.conversation).catch(() => undefined);
    this.post({ type: 'message', message: m, busy: this.busy });
    return m;
  }

  stop(): void {
    this.abort?.abort();
  }

  /** The user message whose turn `messageId` answers. */
  promptOf(message: MessageRecord | string): MessageRecord | undefined {
    const msgs = this.conversation.messages;
    const i = msgs.findIndex((x) => x === message || x.id === message);
    return msgs.slice(0, Math.max(i, 0)).findLast((x) => x.role === 'user');
  }

  /** Their checkpoints were restored: the answers say so, and offer it no more. */
  markRestored(messageIds: readonly string[]): void {
    for (const m of this.conversation.messages) {
      if (!m.checkpoint || !messageIds.includes(m.id)) continue;
      m.checkpoint.restored = true;
      this.post({ type: 'message', message: m, busy: this.busy });
    }
    void this.save();
  }

  /** Back to before the prompt `promptId` (the turns after it kept as a branch); the prompt returns to the composer. */
  rewind(promptId: string): boolean {
    const i = this.conversation.messages.findIndex((m) => m.id === promptId && m.role === 'user');
    if (i < 0 || this.busy) return false;
    this.keepBranch();
    const [prompt] = this.conversation.messages.splice(i);
    this.touch();
    void this.save();
    this.show();
    this.post({ type: 'composer', text: prompt.content, attachments: prompt.attachments ?? [] });
    return true;
  }

  /** Runs a failed answer again in place. */
  async retry(messageId: string): Promise<void> {
    const m = this.lastAssistant(messageId);
    if (!m || this.busy) return;
    this.conversation.messages.pop();
    await this.answer(this.message('assistant', ''));
  }

  /** Asks the model to go on from an interrupted answer, or one cut off at the token limit, appending to it. */
  async continue(messageId: string): Promise<void> {
    const m = this.lastAssistant(messageId);
    const cut = m?.status === 'complete' && m.finishReason === 'length' && !m.candidates?.length;
    if (!m || this.busy || (m.status !== 'interrupted' && !cut)) return;
    await this.answer(m, [{ role: 'user', content: continuePrompt }]);
  }

  /** A new answer to the same prompt; the old one is kept as a branch. */
  async regenerate(messageId: string): Promise<void> {
    const m = this.lastAssistant(messageId);
    if (!m || this.busy) return;
    this.keepBranch();
    this.conversation.messages.pop();
    await this.answer(this.message('assistant', ''));
  }

  /** Replaces a user message and everything after it; the replaced turns stay in `branches`. */
  async edit(messageId: string, text: string): Promise<void> {
    const i = this.conversation.messages.findIndex((m) => m.id === messageId && m.role === 'user');
    if (i < 0 || this.busy) return;
    this.keepBranch();
    const old = this.conversation.messages[i];
    this.conversation.messages.splice(i);
    if (i === 0) this.conversation.title = titleFromPrompt(text, old.attachments ?? []);
    this.conversation.messages.push(this.message('user', text, old.attachments ? { attachments: old.attachments } : {}));
    await this.answer(this.message('assistant', ''));
  }

  newChat(): Promise<void> {
    return this.switchTo(async () => {
      // The option bar stays as the user set it: a new chat is a new topic, not new settings.
      const { options, instructions } = this.conversation;
      this.conversation = this.blank();
      if (options) this.conversation.options = options;
      // The instructions too: they say how this user wants answers, in this view.
      if (instructions) this.conversation.instructions = instructions;
      return true;
    }).then(() => undefined);
  }

  async open(id: string): Promise<boolean> {
    const loaded = await this.ports.store.load(id);
    if (!loaded) return false;
    return this.switchTo(async () => {
      // An answer that was streaming when VS Code went away is what it is: interrupted, continuable;
      // a tool call cut off by the reload is settled, never run again.
      normalizeConversation(loaded);
      for (const m of loaded.messages) {
        normalizeMessage(m);
        if (m.status === 'streaming') m.status = 'interrupted';
        settleUnfinishedCalls(m);
      }
      // A summary cut off by the reload never stood in for anything (its originals were not marked yet).
      loaded.messages = loaded.messages.filter((m) => !(m.summary && m.status !== 'complete'));
      this.conversation = loaded;
      return true;
    });
  }

  /** Ends the running turn (a pending approval settles as rejected), then shows what `replace` put in its place. */
  private async switchTo(replace: () => Promise<boolean>): Promise<boolean> {
    const previous = this.switching;
    const done = (async () => {
      await previous;
      this.stop();
      await this.running;
      const ok = await replace();
      if (ok) this.show();
      return ok;
    })();
    this.switching = done;
    try {
      return await done;
    } finally {
      if (this.switching === done) this.switching = undefined;
    }
  }

  private async answer(m: MessageRecord, extra: { role: 'user'; content: string }[] = [], modelOverride?: string, appendOnly = false): Promise<void> {
    // `m` moves on to each new answer of a tool loop; the finally below settles the last one.
    const c = this.conversation;
    if (!c.messages.includes(m)) c.messages.push(m);
    this.startAnswer(m);
    const abort = (this.abort = new AbortController());
    let finished!: () => void;
    this.running = new Promise((r) => (finished = r));
    this.touch();
    if (appendOnly && this.shownId === c.id) {
      // Only what is new goes to the panel: a long conversation is not re-rendered on every send.
      this.post({ type: 'message', message: c.messages[c.messages.indexOf(m) - 1], busy: true });
      this.post({ type: 'message', message: m, busy: true });
    } else this.show();
    try {
      // The prompt is on disk before anything else can go wrong (a reload, a crash, a long approval).
      await this.save();
      const plan = await this.ports.planTurn(modelOverride);
      if ('error' in plan) {
        if (plan.model) m.model = plan.model;
        m.status = 'error';
        m.error = plan.error;
        return;
      }
      c.model = m.model = plan.model;
      addNotices(m, plan.notices);
      const tools = this.ports.toolHost;
      for (let step = 1; ; step++) {
        // Recomputed on each use: a summary written to fit the window changes the history.
        let stubs: ReadonlySet<string> | undefined;
        const input = () => ({ history: c.messages.slice(0, c.messages.indexOf(m) + (extra.length ? 1 : 0)), extra, options: c.options, instructions: c.instructions, plan, stubs });
        const fitting = { conversation: c, plan, input, signal: abort.signal, observer: (r: MessageRecord) => this.observer(r) };
        let fit = await this.context.fit(fitting);
        stubs = fit.stubs;
        addNotices(m, fit.notices);
        if (abort.signal.aborted) {
          // Stopped while the older messages were being summarised: nothing was sent.
          Object.assign(m, { status: 'error', error: { kind: 'aborted', message: 'Stopped before the request was sent.' } });
          break;
        }
        await runHealingTurn({
          plan, build: (fixes) => buildRequest(input(), fixes), remember: this.ports.rememberFixes,
          exchanges: this.exchanges, mayHeal: step === 1, message: m, signal: abort.signal, observer: this.observer(m), sessionId: c.id,
          onOverflow: async (overflow) => {
            const healed = await this.context.heal(fitting, overflow, fit.counted);
            if (healed) ({ stubs } = fit = healed);
            return healed?.notices;
          },
        });
        this.context.observe(plan.model, fit.counted, m.usage);
        priceAnswer(m.usage, plan.settings.prices);
        // Deltas still waiting for the panel's acknowledgement go before the whole message the tool loop posts
        // next: posted after it, the panel would add them to text it already has.
        this.batcher.flush();
        // runTurn changed the status; TypeScript still sees the 'streaming' set above.
        if ((m.status as MessageRecord['status']) !== 'complete' || !m.toolCalls?.length || !tools) break;
        if (step >= plan.maxSteps) {
          m.error = { kind: 'config', reason: 'maxSteps', steps: step };
          m.status = 'interrupted';
          for (const r of m.toolCalls) Object.assign(r, { state: 'failed', isError: true, result: 'Not run: the step limit for this turn was reached.' });
          break;
        }
        await runToolCalls(m, {
          host: tools, allowed: this.allowedToolsOf(c.id), signal: abort.signal, readOnlyWithoutAsking: plan.readOnlyWithoutAsking, registry: plan.tools.registry,
          onChange: () => this.post({ type: 'message', message: m, busy: true }),
          save: () => this.ports.store.save(c),
          ...(this.ports.checkpoints ? { checkpoints: { store: this.ports.checkpoints, conversationId: c.id, promptId: this.promptOf(m)?.id ?? m.id } } : {}),
        });
        if (abort.signal.aborted) break;
        // The model answers the results in a new message; the loop goes on until it stops calling tools.
        this.post({ type: 'message', message: m, busy: true });
        extra = [];
        m = this.message('assistant', '');
        this.startAnswer(m);
        m.model = plan.model;
        c.messages.push(m);
        this.post({ type: 'message', message: m, busy: true });
      }
      // runTurn changed the status; TypeScript still sees the 'streaming' set above.
      if ((m.status as MessageRecord['status']) === 'complete' && c.messages.length === 2 && plan.titleWithModel) {
        const title = await titleFromModel(plan.client, plan.modelId, c.messages[0].content, abort.signal, plan.fixes, plan.settings.api);
        if (title) c.title = title;
      }
    } finally {
      this.batcher.flush();
      this.abort = undefined;
      this.touch();
      recordJsonCheck(m);
      await this.save();
      this.post({ type: 'message', message: m, busy: false });
      if (m.status === 'error') this.returnPrompt();
      finished();
    }
  }

  /** An answer about to stream, with its candidates when the option bar asks for `n`, and the JSON output asked for. */
  private startAnswer(m: MessageRecord): void {
    beginAnswer(m, this.conversation.options?.n ?? 1);
    if (this.conversation.options?.json) m.json = this.conversation.options.json;
  }

  private save(): Promise<void> {
    return this.ports.store.save(this.conversation).catch(() => undefined);
  }

  private observer(m: MessageRecord) {
    return {
      onBegin: (msg: MessageRecord) => {
        // The request asks for `n` candidates (the option bar or the model's settings): the panel folds deltas into them.
        // What went along (prompts, rules, attachments) shows above the answer while it streams.
        if (!msg.candidates?.length && !msg.sources?.length) return;
        this.batcher.flush();
        this.post({ type: 'message', message: msg, busy: true });
      },
      onDelta: (_msg: MessageRecord, delta: { content?: string; reasoning?: string; choice?: number }) => {
        this.batcher.add(m.id, delta);
        this.ports.store.saveSoon(this.conversation);
      },
      onRetry: (r: { attempt: number; waitMs: number; error: { kind: GatewayErrorKind; message: string; status?: number } }) => {
        this.batcher.flush();
        this.post({ type: 'retryWait', messageId: m.id, attempt: r.attempt, waitMs: r.waitMs, error: { kind: r.error.kind, message: r.error.message, ...(r.error.status ? { status: r.error.status } : {}) } });
      },
    };
  }

  private allowedToolsOf(conversationId: string): Set<string> {
    let set = this.allowedTools.get(conversationId);
    if (!set) this.allowedTools.set(conversationId, (set = new Set()));
    return set;
  }

  /** A send that failed before anything arrived gives its prompt back to the composer. */
  private returnPrompt(): void {
    const user = this.conversation.messages.at(-2);
    if (user?.role === 'user') this.post({ type: 'composer', text: user.content, attachments: user.attachments ?? [] });
  }

  /** Sending again after a failed attempt replaces that attempt instead of repeating the prompt. */
  private dropFailedAttempt(): boolean {
    const msgs = this.conversation.messages;
    const last = msgs.at(-1);
    if (last?.role !== 'assistant' || last.status !== 'error' || last.content || msgs.at(-2)?.role !== 'user') return false;
    msgs.splice(-2);
    return true;
  }

  private lastAssistant(messageId: string): MessageRecord | undefined {
    const last = this.conversation.messages.at(-1);
    return last?.id === messageId && last.role === 'assistant' ? last : undefined;
  }

  private keepBranch(): void {
    (this.conversation.branches ??= []).push(structuredClone(this.conversation.messages));
  }

  private touch(): void {
    this.conversation.updatedAt = this.ports.now();
  }

  private message(role: MessageRecord['role'], content: string, extra: Partial<MessageRecord> = {}): MessageRecord {
    return { id: this.ports.newId(), role, content, status: 'complete', createdAt: this.ports.now(), ...extra };
  }

  private blank(): ConversationRecord {
    const now = this.ports.now();
    return { version: 1, id: this.ports.newId(), title: '', createdAt: now, updatedAt: now, messages: [] };
  }
}
