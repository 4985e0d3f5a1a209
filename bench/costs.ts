// The per-send costs in the extension host that grow with the conversation, in plain Node on the
// same code the extension runs:
// - the request builder: a 200-message conversation (with the model's settings, the option bar,
//   capability overrides and a remembered fix) to the wire body, per send.
// - the Language Model Chat Provider's own path (src/chat/lm/respond.ts: message conversion, the turn
//   plan, the request builder, self-healing, the sink) over a direct client call for the same answer
//   from the loopback gateway, per request: the time VS Code's own IPC between the chat and the extension
//   host takes is not ours and not in it.
// Each figure is the median of many timed repetitions after a warm-up (JIT).
//
// usage: npx tsx bench/costs.ts
import { performance } from 'node:perf_hooks';
import { respond } from '../src/chat/lm/respond';
import { buildRequest } from '../src/chat/request/buildRequest';
import { createClient } from '../src/llm';
import { startGateway } from '../test/gateway';
import { fakePlan } from '../test/unit/chat/planFake';
import { conversationFixture } from './conversationFixture';
import { recordResult } from './results';
import { median, ms, percentile, printTable } from './stats';

function timeEach(repetitions: number, body: () => unknown): number {
  for (let i = 0; i < 20; i++) body();
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const t0 = performance.now();
    body();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function requestBuilder(): number {
  const history = conversationFixture(200).messages;
  const tool = { type: 'function' as const, function: { name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } };
  const plan = {
    modelId: 'deepseek-ai/DeepSeek-R1',
    settings: { params: { temperature: 0.6, max_tokens: 4096 }, body: { extra_body: { enable_thinking: true } }, capabilities: { vision: false } },
    fixes: [{ omit: ['stream_options'] }],
    tools: { tools: Array.from({ length: 12 }, (_, i) => ({ ...tool, function: { ...tool.function, name: `tool_${i}` } })) },
  };
  const options = { webSearch: { contextSize: 'medium' as const }, logprobs: { top: 2 } };
  return timeEach(200, () => buildRequest({ history, options, plan }));
}

/** Paired runs, alternating which goes first: the provider's time minus the direct call's, per request. */
async function providerOverhead(pairs: number): Promise<number[]> {
  const gw = await startGateway();
  const client = createClient({ baseUrl: gw.url, apiKey: 'sk-bench', maxRetries: 0 });
  const content = 'A short answer of a few words, in a few pieces. '.repeat(8);
  gw.route('lm-model', { answer: { content, usage: { prompt_tokens: 12, completion_tokens: 80 } }, stream: { pieces: 16 } });
  const plan = fakePlan(client, 'bench/lm-model');
  const direct = async () => {
    const t0 = performance.now();
    let text = '';
    for await (const e of client.stream({ model: 'lm-model', messages: [{ role: 'user', content: 'hi' }] })) if (e.type === 'text') text += e.text;
    if (text !== content) throw new Error('the direct call did not get the whole answer');
    return performance.now() - t0;
  };
  let n = 0;
  const viaProvider = async () => {
    const t0 = performance.now();
    let text = '';
    const sink = { text: (t: string) => (text += t), thinking: () => undefined, toolCall: () => undefined, invalidToolCall: () => undefined };
    const outcome = await respond({ plan, messages: [{ role: 'user', parts: [{ kind: 'text', text: 'hi' }] }], sink, newId: () => `m${n++}` });
    if (!outcome.ok || text !== content) throw new Error('the provider path did not get the whole answer');
    return performance.now() - t0;
  };
  const diffs: number[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      await viaProvider();
      await direct();
    }
    for (let i = 0; i < pairs; i++) {
      if (i % 2) {
        const d = await direct();
        diffs.push((await viaProvider()) - d);
      } else {
        const p = await viaProvider();
        diffs.push(p - (await direct()));
      }
    }
  } finally {
    await client.close();
    await gw.close();
  }
  return diffs;
}

async function main(): Promise<void> {
  const builder = requestBuilder();
  const overhead = await providerOverhead(200);
  const p50 = percentile(overhead, 50);
  const p95 = percentile(overhead, 95);
  printTable([
    ['figure', 'value'],
    ['request builder, 200-message conversation, per send (median)', ms(builder)],
    ['language-model provider over a direct client call, per request (p50 / p95)', `${ms(p50)} / ${ms(p95)}`],
  ]);
  recordResult({ area: 'per-send costs', metric: 'request builder, 200 messages', value: `${(builder * 1000).toFixed(0)} µs`, target: '<= 1 ms', pass: builder <= 1 });
  recordResult({ area: 'per-send costs', metric: 'language-model provider over a direct client call, p95', value: ms(p95), target: '<= 5 ms', pass: p95 <= 5 });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
