import assert from 'node:assert/strict';
import { ChatDecoder } from '../../../src/llm/decoder';
import { SseReader } from '../../../src/llm/sse';
import type { AssembledResponse, ChatEvent } from '../../../src/llm/types';
import { planSse, renderChunks, type StreamOptions } from '../../gateway/index';
import { FIXTURES } from './fixtures';
import { harness, oracle, prng, req, collect, type Harness } from './helpers';

// Every stream fixture, in several SSE framings, re-chunked at random byte boundaries, must
// assemble to the identical response. Runs the client's own reader and accumulator in memory
// (thousands of splits in well under a second) plus a sample over real loopback HTTP.

const FRAMINGS: StreamOptions[] = [
  {},
  { eol: '\r\n' },
  { eol: '\r' },
  { bom: true, comments: ['OPENROUTER PROCESSING'] },
  { keepAliveEvery: 1 },
  { multiLineData: true },
  { done: false, noFinalBlankLine: true },
  { eol: '\r\n', multiLineData: true, bom: true, keepAliveEvery: 2 },
];

interface Run {
  response?: AssembledResponse;
  events: ChatEvent[];
  done: boolean;
  error?: string;
}

function assembleBytes(parts: Uint8Array[]): Run {
  const acc = new ChatDecoder({ url: 'http://x/v1/chat/completions', secrets: [] });
  const out: ChatEvent[] = [];
  const events: ChatEvent[] = [];
  const reader = new SseReader(acc, out, () => undefined, 'http://x/v1/chat/completions', []);
  for (const p of parts) {
    reader.feed(p);
    events.push(...out);
    out.length = 0;
    if (reader.error || reader.done) break;
  }
  reader.end();
  if (reader.error) return { events, done: false, error: reader.error.message };
  const complete = reader.done || acc.allFinished();
  const response = acc.finish(out);
  events.push(...out);
  return { response, events, done: complete };
}

function randomSplit(buf: Buffer, rnd: () => number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  // Mix of tiny and large pieces; many cuts land inside multibyte characters and CRLFs.
  const mean = 1 + Math.floor(rnd() * 40);
  let i = 0;
  while (i < buf.length) {
    const len = 1 + Math.floor(rnd() * mean * 2);
    parts.push(buf.subarray(i, Math.min(buf.length, i + len)));
    i += len;
  }
  return parts;
}

function eventsText(events: ChatEvent[], type: 'text' | 'reasoning', choice: number): string {
  let s = '';
  for (const e of events) if (e.type === type && e.choice === choice) s += e.text;
  return s;
}

describe('llm: property: random re-chunking gives the identical response', function () {
  it('every fixture x framing x 40 random splits (+ one byte at a time)', () => {
    const rnd = prng(0xc0ffee);
    let splits = 0;
    for (const [name, answer] of Object.entries(FIXTURES)) {
      const expected = oracle(answer, 'm');
      FRAMINGS.forEach((framing, f) => {
        const body = planSse(renderChunks(answer, { model: 'm', includeUsage: true }, { ...framing, pieces: 6 }), framing).body;
        const label = `${name} framing#${f}`;
        const whole = assembleBytes([body]);
        assert.equal(whole.error, undefined, label);
        assert.equal(whole.done, true, label);
        assert.deepEqual(whole.response, expected, label);
        const bytewise = assembleBytes([...body].map((b) => Uint8Array.of(b)));
        assert.deepEqual(bytewise.response, expected, `${label} byte-at-a-time`);
        splits++;
        for (let k = 0; k < 40; k++) {
          const run = assembleBytes(randomSplit(body, rnd));
          assert.deepEqual(run.response, expected, `${label} split #${k}`);
          assert.equal(run.done, true, label);
          for (const c of expected.choices) {
            assert.equal(eventsText(run.events, 'text', c.index), c.content, `${label} text events`);
            assert.equal(eventsText(run.events, 'reasoning', c.index), c.reasoning, `${label} reasoning events`);
          }
          splits++;
        }
      });
    }
    assert.ok(splits > 5000, `only ${splits} splits`);
  });

  describe('over loopback HTTP', () => {
    let h: Harness;
    before(async () => {
      h = await harness();
    });
    after(async () => h.close());

    it('random write boundaries with small pauses assemble identically', async () => {
      const rnd = prng(42);
      const client = h.client();
      const names = ['plain', 'thinkTags', 'toolsParallel', 'nChoices', 'imagesMarkdown'] as const;
      for (const name of names) {
        for (let k = 0; k < 3; k++) {
          const framing = FRAMINGS[Math.floor(rnd() * FRAMINGS.length)];
          const body = planSse(renderChunks(FIXTURES[name], { model: name, includeUsage: true }, { ...framing, pieces: 6 }), framing).body;
          const splitAt: number[] = [];
          for (let b = 1 + Math.floor(rnd() * 7); b < body.length; b += 1 + Math.floor(rnd() * 150)) splitAt.push(b);
          h.gw.route(name, { answer: FIXTURES[name], stream: { ...framing, pieces: 6, splitAt, delayMs: 0.2 } });
          const r = await collect(client.stream(req(name)));
          assert.equal(r.error, undefined, r.error?.message);
          assert.deepEqual(r.done, oracle(FIXTURES[name], name), `${name} #${k}`);
        }
      }
    });
  });
});
