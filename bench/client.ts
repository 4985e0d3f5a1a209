// Benchmark: our client's parse+assemble of a large SSE answer vs the official `openai` SDK
// iterating the same bytes from the same loopback server. Run: npx tsx bench/client.ts
import OpenAI from 'openai';
import { createClient } from '../src/llm/index';
import { buildBody, startBenchServer } from './client-server';
import { recordResult } from './results';
import { median } from './stats';

const RUNS = Number(process.env.RUNS ?? 5);
const MB = Number(process.env.MB ?? 24);

async function ours(client: ReturnType<typeof createClient>): Promise<number> {
  let content = '';
  let chars = 0;
  for await (const ev of client.stream({ model: 'bench-model', messages: [{ role: 'user', content: 'go' }] })) {
    if (ev.type === 'text') chars += ev.text.length;
    else if (ev.type === 'done') content = ev.response.choices[0].content;
  }
  if (content.length !== chars) throw new Error('ours: assembled content does not match the deltas');
  return content.length;
}

async function sdk(openai: OpenAI): Promise<number> {
  let content = '';
  const stream = await openai.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: 'go' }], stream: true });
  for await (const chunk of stream) {
    const d = chunk.choices[0]?.delta?.content;
    if (d) content += d;
  }
  return content.length;
}

async function time(fn: () => Promise<number>, expected: number): Promise<number> {
  const t0 = performance.now();
  const n = await fn();
  const ms = performance.now() - t0;
  if (n !== expected) throw new Error(`content length ${n}, expected ${expected}`);
  return ms;
}

async function main(): Promise<void> {
  const { body, events, contentLength } = buildBody(MB * 1024 * 1024);
  const { url, server } = await startBenchServer(body);
  const client = createClient({ baseUrl: url, apiKey: 'sk-bench', maxRetries: 0 });
  const openai = new OpenAI({ baseURL: url, apiKey: 'sk-bench', maxRetries: 0 });
  const mb = body.length / (1024 * 1024);
  console.log(`SSE body: ${mb.toFixed(1)} MB, ${events} deltas, ${RUNS} runs each (after one warm-up), median reported`);

  await time(() => ours(client), contentLength);
  await time(() => sdk(openai), contentLength);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await time(() => ours(client), contentLength));
    b.push(await time(() => sdk(openai), contentLength));
  }
  const ma = median(a);
  const mbm = median(b);
  const rows = [
    ['client', 'median ms', 'MB/s', 'runs (ms)'],
    ['gateway-chat src/llm', ma.toFixed(0), (mb / (ma / 1000)).toFixed(1), a.map((x) => x.toFixed(0)).join(' ')],
    ['openai SDK v6', mbm.toFixed(0), (mb / (mbm / 1000)).toFixed(1), b.map((x) => x.toFixed(0)).join(' ')],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  console.log(`ratio (ours / SDK throughput): ${(mbm / ma).toFixed(2)}x`);
  const area = 'gateway client (SSE parse + assemble)';
  recordResult({ area, metric: `throughput, ${mb.toFixed(0)} MB stream`, value: `${(mb / (ma / 1000)).toFixed(0)} MB/s (openai SDK: ${(mb / (mbm / 1000)).toFixed(0)} MB/s)` });
  recordResult({ area, metric: 'throughput vs the openai SDK', value: `${(mbm / ma).toFixed(2)}x`, target: '>= 2x', pass: mbm / ma >= 2 });
  await client.close();
  server.close();
  server.closeAllConnections();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
