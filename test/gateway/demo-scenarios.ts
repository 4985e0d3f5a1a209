import { deflateSync } from 'node:zlib';
import type { Scenario } from './types';

// Built-in scenarios picked by model name, so a person can try every path of the extension
// offline by choosing a model in the UI. The gateway is scripted; none of this is a model.

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A small gradient PNG as a data: URL (what Gemini image models return through chat). */
export function demoPng(size = 32): string {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = Math.round((x / size) * 255);
      raw[o + 1] = Math.round((y / size) * 255);
      raw[o + 2] = 180;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

const NOTE = '(Scripted answer from the Gateway Chat test gateway, not a model.)';

const LONG = [
  '# A long scripted answer',
  '',
  'This answer exists to exercise rendering of a long stream.',
  '',
  ...Array.from({ length: 40 }, (_, i) => `${i + 1}. Item number ${i + 1} with some **bold** and \`code\`.`),
  '',
  '```ts',
  'export function add(a: number, b: number): number {',
  '  return a + b;',
  '}',
  '```',
  '',
  NOTE,
].join('\n');

export const DEMO_SCENARIOS: Record<string, (body: any) => Scenario> = {
  'demo-reasoning': () => ({
    answer: {
      reasoning: 'The user wants a demonstration of reasoning. I will think briefly, then answer.',
      content: `Here is the answer after some visible reasoning. ${NOTE}`,
    },
    stream: { pieces: 12, delayMs: 40 },
  }),
  'demo-think-tags': () => ({
    answer: {
      reasoningDialect: 'think',
      reasoning: 'This reasoning arrives inside <think> tags at the start of the content.',
      content: `The answer follows the closing tag. ${NOTE}`,
    },
    stream: { pieces: 16, delayMs: 30 },
  }),
  'demo-tools': () => ({
    answer: {
      content: 'Let me look at the workspace.',
      toolCalls: [{ id: 'call_demo_1', name: 'list_files', arguments: '{"path":"."}' }],
    },
    afterToolResult: { answer: { content: `I received the tool result. ${NOTE}` } },
  }),
  'demo-error-401': () => ({
    status: 401,
    error: { message: 'Incorrect API key provided (demo).', type: 'invalid_request_error', code: 'invalid_api_key' },
  }),
  'demo-error-429': () => ({
    sequence: [
      { status: 429, headers: { 'retry-after': '2' }, error: { message: 'Rate limit reached (demo).', type: 'rate_limit_error', code: 'rate_limit_exceeded' } },
      { answer: { content: `This answer came after one retry. ${NOTE}` } },
    ],
  }),
  'demo-error-500': () => ({
    status: 502,
    html: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
    headers: { 'x-should-retry': 'false' },
  }),
  'demo-slow': () => ({
    answer: { content: `This answer streams slowly, a few words at a time, so you can press Stop. ${LONG}` },
    stream: { pieces: 200, rate: 20 },
  }),
  'demo-long': () => ({ answer: { content: LONG }, stream: { pieces: 300, delayMs: 5 } }),
  'demo-image': () => ({
    answer: { content: `Here is a generated image. ${NOTE}`, images: [demoPng()], imageStyle: 'images' },
  }),
  'demo-search': () => {
    const content = `According to the example site, scripted answers are useful for testing. ${NOTE}`;
    return {
      answer: {
        content,
        annotations: [
          { type: 'url_citation', url_citation: { url: 'https://example.com/testing', title: 'Example: testing', start_index: 0, end_index: 40 } },
        ],
      },
    };
  },
  'demo-n2': (body) => {
    const n = typeof body?.n === 'number' && body.n > 1 ? body.n : 2;
    return { answer: { choices: Array.from({ length: n }, (_, i) => ({ content: `Candidate ${i + 1} of ${n}. ${NOTE}` })) }, stream: { pieces: 8, delayMs: 20 } };
  },
  'demo-interrupted': () => ({
    answer: { content: `This answer will be cut off in the middle of a sentence because the connection` },
    stream: { pieces: 10, delayMs: 40, disconnectAfter: { events: 6, mode: 'end' } },
  }),
};

export function demoModels(): object[] {
  return [
    { id: 'echo', object: 'model', owned_by: 'test-gateway', context_length: 8192 },
    ...Object.keys(DEMO_SCENARIOS).map((id) => ({ id, object: 'model', owned_by: 'test-gateway' })),
  ];
}

/** What a request with no route and nothing queued gets: a friendly echo of the last user message. */
export function echoScenario(body: any): Scenario {
  const msgs: any[] = Array.isArray(body?.messages) ? body.messages : [];
  const last = [...msgs].reverse().find((m) => m?.role === 'user');
  let said = '';
  if (typeof last?.content === 'string') said = last.content;
  else if (Array.isArray(last?.content)) said = last.content.filter((p: any) => p?.type === 'text').map((p: any) => p.text).join(' ');
  const quoted = said.length > 500 ? `${said.slice(0, 500)}…` : said;
  return { answer: { content: `You said: "${quoted}"\n\n${NOTE}` }, stream: { pieces: 8, delayMs: 15 } };
}
