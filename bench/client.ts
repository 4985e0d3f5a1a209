// Benchmark: our client's parse+assemble of a large SSE answer vs the official SDK iterating the same bytes
// from the same loopback server, for each wire format: chat/completions and the Responses API against the
// `openai` SDK, Anthropic Messages against `@anthropic-ai/sdk` where it is installed (ours alone otherwise).
// Run: npx tsx bench/client.ts [--formats=chat,responses,anthropic] [--quick]  (--quick: 1 MB, one run: a smoke test)
import OpenAI from 'openai';
import { createClient, type WireApi } from '../src/llm/index';
import { buildBody, buildFormatBody, startBenchServer, type BenchBody } from './client-server';
import { recordResult } from './results';
import { median } from './stats';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : Number(process.env.RUNS ?? 5);
const MB = quick ? 1 : Number(process.env.MB ?? 24);
const FORMATS = (process.argv.find((a) => a.startsWith('--formats='))?.slice('--formats='.length) ?? 'chat,responses,anthropic').split(',') as WireApi[];

type Reader = () => Promise<number>;

async function ours(client: ReturnType<typeof createClient>, api: WireApi): Promise<number> {
  let content = '';
  let chars = 0;
  for await (const ev of client.stream({ model: 'bench-model', messages: [{ role: 'user', content: 'go' }] }, { api })) {
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

async function sdkResponses(openai: OpenAI): Promise<number> {
  let content = '';
  const stream = await openai.responses.create({ model: 'bench-model', input: 'go', stream: true });
  for await (const ev of stream) if (ev.type === 'response.output_text.delta') content += ev.delta;
  return content.length;
}

/** `@anthropic-ai/sdk` is not a dependency: measured only when someone installed it. */
async function anthropicSdk(url: string): Promise<Reader | undefined> {
  try {
    const name = '@anthropic-ai/sdk';
    const { default: Anthropic } = (await import(name)) as { default: new (o: object) => { messages: { create(p: object): Promise<AsyncIterable<{ type: string; delta?: { type: string; text?: string } }>> } } };
    const client = new Anthropic({ baseURL: url.replace(/\/v1$/, ''), apiKey: 'sk-bench', maxRetries: 0 });
    return async () => {
      let content = '';
      const stream = await client.messages.create({ model: 'bench-model', max_tokens: 1, messages: [{ role: 'user', content: 'go' }], stream: true });
      for await (const ev of stream) if (ev.type === 'content_block_delta' && ev.delta?.type === 'text_delta') content += ev.delta.text ?? '';
      return content.length;
    };
  } catch {
    return undefined;
  }
}

async function time(fn: () => Promise<number>, expected: number): Promise<number> {
  const t0 = performance.now();
  const n = await fn();
  const ms = performance.now() - t0;
  if (n !== expected) throw new Error(`content length ${n}, expected ${expected}`);
  return ms;
}

async function bench(api: WireApi): Promise<void> {
  const built: BenchBody = api === 'chat' ? buildBody(MB * 1024 * 1024) : buildFormatBody(api, MB * 1024 * 1024);
  const { body, events, contentLength } = built;
  const { url, server } = await startBenchServer(body);
  const client = createClient({ baseUrl: url, apiKey: 'sk-bench', maxRetries: 0 });
  const openai = new OpenAI({ baseURL: url, apiKey: 'sk-bench', maxRetries: 0 });
  const sdkName = api === 'anthropic' ? 'anthropic SDK' : 'openai SDK v6';
  const sdkRead: Reader | undefined = api === 'chat' ? () => sdk(openai) : api === 'responses' ? () => sdkResponses(openai) : await anthropicSdk(url);
  const mb = body.length / (1024 * 1024);
  console.log(`\n${api}: SSE body ${mb.toFixed(1)} MB, ${events} deltas, ${RUNS} runs each (after one warm-up), median reported`);

  await time(() => ours(client, api), contentLength);
  if (sdkRead) await time(sdkRead, contentLength);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await time(() => ours(client, api), contentLength));
    if (sdkRead) b.push(await time(sdkRead, contentLength));
  }
  const ma = median(a);
  const rows = [['client', 'median ms', 'MB/s', 'runs (ms)'], ['gateway-chat src/llm', ma.toFixed(0), (mb / (ma / 1000)).toFixed(1), a.map((x) => x.toFixed(0)).join(' ')]];
  const mbm = b.length ? median(b) : undefined;
  if (mbm !== undefined) rows.push([sdkName, mbm.toFixed(0), (mb / (mbm / 1000)).toFixed(1), b.map((x) => x.toFixed(0)).join(' ')]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  const area = api === 'chat' ? 'gateway client (SSE parse + assemble)' : `gateway client, ${api} format`;
  if (mbm !== undefined) {
    console.log(`ratio (ours / SDK throughput): ${(mbm / ma).toFixed(2)}x`);
    recordResult({ area, metric: `throughput, ${mb.toFixed(0)} MB stream`, value: `${(mb / (ma / 1000)).toFixed(0)} MB/s (${sdkName}: ${(mb / (mbm / 1000)).toFixed(0)} MB/s)` });
    if (api === 'chat') recordResult({ area, metric: 'throughput vs the openai SDK', value: `${(mbm / ma).toFixed(2)}x`, target: '>= 2x', pass: mbm / ma >= 2 });
    else recordResult({ area, metric: `throughput vs the ${sdkName}`, value: `${(mbm / ma).toFixed(2)}x` });
  } else {
    console.log(`(${sdkName} not installed: ours alone)`);
    recordResult({ area, metric: `throughput, ${mb.toFixed(0)} MB stream`, value: `${(mb / (ma / 1000)).toFixed(0)} MB/s (no SDK installed to compare)` });
  }
  await client.close();
  server.close();
  server.closeAllConnections();
}

async function main(): Promise<void> {
  for (const api of FORMATS) await bench(api);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
