// How long an endpoint's requests may wait, unless its settings say otherwise. Long on purpose: a
// reasoning model that thinks silently sends nothing while it thinks (OpenAI's o-series and gpt-5
// through chat completions never stream their reasoning; relays that drop `reasoning_content` make
// DeepSeek-R1 and Qwen thinking models silent too), and at high effort that takes minutes; with
// streaming off, even the response headers wait for the whole answer.

export const defaultTimeouts = {
  /** Wait for the response headers, per attempt: a non-streamed answer from a thinking model arrives whole. */
  timeoutMs: 600_000,
  /** Silence between stream events: hidden reasoning at high effort. */
  idleTimeoutMs: 300_000,
} as const;

/** At most an hour; 0 turns the bound off. */
export const maxTimeoutMs = 3_600_000;

export function validTimeout(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= maxTimeoutMs;
}

/** An endpoint's own bounds when they are sane numbers (settings.json may hold anything), else the defaults. */
export function timeoutsOf(e: { timeoutMs?: unknown; idleTimeoutMs?: unknown }): { timeoutMs: number; idleTimeoutMs: number } {
  return {
    timeoutMs: validTimeout(e.timeoutMs) ? e.timeoutMs : defaultTimeouts.timeoutMs,
    idleTimeoutMs: validTimeout(e.idleTimeoutMs) ? e.idleTimeoutMs : defaultTimeouts.idleTimeoutMs,
  };
}
