// An assistant turn that heals itself once: the request builder applies the fixes remembered for the
// model; when the gateway still refuses a field it does not take (400/422, before anything streamed), or
// says the model is served only through the Responses API (then it goes there),
// the request is built again with the new fix, the user gets a one-line notice, and the fix is
// remembered. Every attempt is recorded for the request inspector.
import type { MessageRecord } from '../../shared/conversation';
import type { BuiltRequest } from '../request/buildRequest';
import { fixesFor, type CompatFix } from '../request/compatibility';
import type { TurnPlan } from '../request/turnPlan';
import type { ExchangeLog } from '../inspection/exchangeLog';
import { runTurn, type TurnOptions } from './turn';
import { overflowOf, type Overflow } from '../context/overflow';

export interface HealingTurnOptions extends Omit<TurnOptions, 'client' | 'request' | 'omit'> {
  plan: Pick<TurnPlan, 'model' | 'client' | 'words'>;
  /** The request builder for this answer; `fixes` are the ones found in this turn. */
  build(fixes: readonly CompatFix[]): BuiltRequest;
  /** Keeps fixes that worked for the plan's model. */
  remember?(model: string, fixes: CompatFix[]): void;
  exchanges?: ExchangeLog;
  /** False once a tool ran in this turn: a refused request is then not sent again. */
  mayHeal?: boolean;
  /**
   * The gateway refused the request as too long for the model: compact, and say how in the notice
   * returned; undefined when nothing could be cut (the refusal stands). One retry at most, at any
   * step: a refused request ran nothing, so no tool runs twice.
   */
  onOverflow?(overflow: Overflow): Promise<string[] | undefined>;
}

// Enough of an error body to find the field it names; the inspector keeps the whole of it.
const ERROR_TEXT_LIMIT = 65_536;

export async function runHealingTurn(o: HealingTurnOptions): Promise<MessageRecord> {
  const m = o.message;
  const record = o.exchanges?.recorder(m.id);
  const attempt = async (wire: BuiltRequest) => {
    addNotices(m, wire.adapted.map((a) => o.plan.words.adaptation(a)));
    if (wire.sources?.length) m.sources = wire.sources;
    else delete m.sources;
    const seen = { body: undefined as string | undefined, response: '', refused: false, shown: shownLength(m) };
    await runTurn({
      ...o,
      client: o.plan.client,
      request: wire.request,
      omit: wire.omit,
      api: wire.api,
      trace: (e) => {
        if (e.type === 'request') Object.assign(seen, { body: e.body, response: '', refused: false });
        else if (e.type === 'response') seen.refused = e.status >= 400;
        // Only a refusal's body is read for the field it names; an answer streaming in is not copied here.
        else if (e.type === 'chunk' && seen.refused && seen.response.length < ERROR_TEXT_LIMIT) seen.response += e.text;
        record?.(e);
        o.trace?.(e);
      },
    });
    return { ...seen, streamed: shownLength(m) !== seen.shown || !!m.toolCalls?.length };
  };

  const firstWire = o.build([]);
  const first = await attempt(firstWire);
  const refused = m.error;
  const overflow = o.onOverflow && refused && !first.streamed && !o.signal?.aborted ? overflowOf(refused, first.response) : undefined;
  if (overflow) {
    const notices = await o.onOverflow!(overflow);
    if (!notices || o.signal?.aborted) return m;
    await attempt(o.build([]));
    addNotices(m, notices);
    return m;
  }
  if (o.mayHeal === false || !refused || refused.kind === 'config' || first.streamed || o.signal?.aborted) return m;
  const sent = parseObject(first.body);
  const fixes = sent ? fixesFor(refused, sent, first.response, firstWire.api ?? 'chat') : [];
  if (!fixes.length) return m;
  await attempt(o.build(fixes));
  // Refused again in the same words: the field was not what the gateway objected to. Nothing to remember.
  const again = m.error;
  if (again && again.kind === refused.kind && again.message === refused.message) return m;
  o.remember?.(o.plan.model, fixes);
  addNotices(m, fixes.map((f) => o.plan.words.fix(f)));
  return m;
}

/** Lines under the answer, each once. */
export function addNotices(m: MessageRecord, lines: readonly string[]): void {
  for (const line of lines) if (!m.notices?.includes(line)) m.notices = [...(m.notices ?? []), line];
}

function shownLength(m: MessageRecord): number {
  return m.content.length + (m.reasoning?.length ?? 0);
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
