// The per-send costs in the extension host that grow with the conversation, in plain Node on the
// same code the extension runs:
// - the request builder: a 200-message conversation (with the model's settings, the option bar,
//   capability overrides and a remembered fix) to the wire body, per send.
// Each figure is the median of many timed repetitions after a warm-up (JIT).
//
// usage: npx tsx bench/costs.ts
import { performance } from 'node:perf_hooks';
import { buildRequest } from '../src/chat/request/buildRequest';
import { conversationFixture } from './conversationFixture';
import { recordResult } from './results';
import { median, ms, printTable } from './stats';

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

const builder = requestBuilder();
printTable([['figure', 'median'], ['request builder, 200-message conversation, per send', ms(builder)]]);
recordResult({ area: 'per-send costs', metric: 'request builder, 200 messages', value: `${(builder * 1000).toFixed(0)} µs`, target: '<= 1 ms', pass: builder <= 1 });
