// An assistant turn that heals itself once: fixes remembered for the model are applied before sending;
// when the gateway still refuses a field it does not take (400/422, before anything streamed), the
// request goes again without it (or under its other name), the user gets a one-line notice, and the
// fix is remembered. Every attempt is recorded for the request inspector.
import type { MessageRecord } from '../shared/conversation';
import { applyFixes, fixesFor, noticeText, type CompatFix } from './compatibility';
import type { ExchangeLog } from './exchangeLog';
import { runTurn, type TurnOptions } from './turn';

/** Fixes remembered per `<endpointId>/<modelId>` (the host keeps them across windows). */
export interface CompatibilityPort {
  get(model: string): CompatFix[];
  remember(model: string, fixes: CompatFix[]): void;
  /** The notice shown under the answer, translated. */
  notice?(model: string, fix: CompatFix): string;
}

export interface HealingTurnOptions extends TurnOptions {
  /** `<endpointId>/<modelId>`: what fixes are remembered for. */
  model: string;
  compatibility?: CompatibilityPort;
  exchanges?: ExchangeLog;
  /** False once a tool ran in this turn: a refused request is then not sent again. */
  mayHeal?: boolean;
}

// Enough of an error body to find the field it names; the inspector keeps the whole of it.
const ERROR_TEXT_LIMIT = 65_536;

export async function runHealingTurn(o: HealingTurnOptions): Promise<MessageRecord> {
  const m = o.message;
  const record = o.exchanges?.recorder(m.id);
  let wire = applyFixes(o.request, o.omit, o.compatibility?.get(o.model) ?? []);
  const attempt = async () => {
    const seen = { body: undefined as string | undefined, response: '', refused: false, shown: shownLength(m) };
    await runTurn({
      ...o,
      request: wire.request,
      omit: wire.omit,
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

  const first = await attempt();
  const refused = m.error;
  if (o.mayHeal === false || !refused || first.streamed || o.signal?.aborted) return m;
  const sent = parseObject(first.body);
  const fixes = sent ? fixesFor(refused, sent, first.response) : [];
  if (!fixes.length) return m;
  wire = applyFixes(wire.request, wire.omit, fixes);
  await attempt();
  // Refused again in the same words: the field was not what the gateway objected to. Nothing to remember.
  if (m.error && m.error.kind === refused.kind && m.error.message === refused.message) return m;
  o.compatibility?.remember(o.model, fixes);
  m.notices = [...(m.notices ?? []), ...fixes.map((f) => o.compatibility?.notice?.(o.model, f) ?? noticeText(f, o.model))];
  return m;
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
