import { createClient, type AssembledResponse, type ChatEvent, type ChatRequest, type EndpointConfig, type GatewayClient } from '../../../src/llm/index';
import { GatewayError } from '../../../src/llm/errors';
import { choicesOf, defaultUsage } from '../../gateway/chunks';
import { startGateway, type Answer, type GatewayOptions, type TestGateway } from '../../gateway/index';

export const KEY = 'sk-test-SECRET-0123456789abcdef';

export interface Harness {
  gw: TestGateway;
  client(overrides?: Partial<EndpointConfig>): GatewayClient;
  close(): Promise<void>;
}

/** One gateway per describe block; clients are closed with it. */
export async function harness(opts: GatewayOptions = {}): Promise<Harness> {
  const gw = await startGateway(opts);
  const clients: GatewayClient[] = [];
  return {
    gw,
    client(overrides = {}) {
      const c = createClient({ baseUrl: gw.url, apiKey: KEY, retryBaseMs: 5, ...overrides });
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
      await gw.close();
    },
  };
}

/** The harness a describe block shares, started before its tests and reset before each. */
export function sharedHarness(): () => Harness {
  let h: Harness | undefined;
  before(async () => (h = await harness()));
  after(async () => h?.close());
  beforeEach(() => h!.gw.reset());
  return () => h!;
}

export function req(model: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model, messages: [{ role: 'user', content: 'hello' }], ...extra };
}

export interface Collected {
  events: ChatEvent[];
  done?: AssembledResponse;
  error?: GatewayError;
}

export async function collect(it: AsyncIterable<ChatEvent>, onEvent?: (e: ChatEvent) => void): Promise<Collected> {
  const events: ChatEvent[] = [];
  let done: AssembledResponse | undefined;
  try {
    for await (const e of it) {
      events.push(e);
      onEvent?.(e);
      if (e.type === 'done') done = e.response;
    }
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    return { events, done, error: err };
  }
  return { events, done };
}

export async function rejects(p: Promise<unknown>): Promise<GatewayError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a GatewayError');
}

/** Concatenated text per choice from the deltas (to check events agree with `done`). */
export function textFromEvents(events: ChatEvent[], type: 'text' | 'reasoning', choice = 0): string {
  return events
    .filter((e): e is Extract<ChatEvent, { type: 'text' | 'reasoning' }> => e.type === type && e.choice === choice)
    .map((e) => e.text)
    .join('');
}

/**
 * The AssembledResponse an Answer script must produce, derived from the script itself and not
 * from the client's code, so identity tests cannot pass by both sides sharing a bug.
 */
export function oracle(a: Answer, model: string, withUsage = true): AssembledResponse {
  return {
    id: a.id ?? 'chatcmpl-test',
    model: a.model ?? model,
    choices: choicesOf(a).map((c, index) => {
      let content = c.content ?? '';
      const images = (c.images ?? []).map((url) => {
        const m = /^data:([^;,]+)/.exec(url);
        return m ? { url, mimeType: m[1] } : { url };
      });
      if (c.imageStyle === 'markdown') for (const img of images) content += `\n\n![image](${img.url})`;
      let calls = c.toolCalls ?? [];
      if (c.toolCallStyle === 'legacy') calls = calls.slice(0, 1);
      const toolCalls = calls.map((t, i) => {
        const out: Record<string, unknown> = { id: c.toolCallStyle === 'legacy' ? '' : (t.id ?? `call_${i}`), name: t.name, arguments: t.arguments };
        try {
          out.parsed = t.arguments.trim() === '' ? {} : JSON.parse(t.arguments);
        } catch {
          out.invalid = true;
        }
        if (c.toolCallStyle === 'legacy') out.legacy = true;
        return out;
      });
      const finishReason = c.finishReason !== undefined ? c.finishReason : calls.length ? (c.toolCallStyle === 'legacy' ? 'function_call' : 'tool_calls') : 'stop';
      const choice: Record<string, unknown> = {
        index,
        content,
        reasoning: c.reasoning ?? '',
        toolCalls,
        finishReason,
        annotations: c.annotations ?? [],
        images,
        logprobs: c.logprobs ? { content: c.logprobs } : null,
      };
      if (c.refusal) choice.refusal = c.refusal;
      return choice;
    }) as unknown as AssembledResponse['choices'],
    usage: withUsage ? ((a.usage === undefined ? defaultUsage(a) : a.usage) as AssembledResponse['usage']) : null,
  };
}

/** Small deterministic PRNG (mulberry32) so property-test failures can be replayed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
