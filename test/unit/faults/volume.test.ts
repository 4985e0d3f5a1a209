import assert from 'node:assert/strict';
import type { Answer } from '../../gateway/index';
import { collect, sharedHarness, oracle, req, textFromEvents } from '../llm/helpers';

// Reliability matrix: answers far bigger than usual still stream and assemble exactly.
describe('faults: volume', function () {
  this.timeout(30_000);
  const gateway = sharedHarness();

  it('a 10 MB answer streams and assembles byte for byte', async () => {
    // Varied text with multibyte characters, so a piece boundary inside a character would show.
    const line = 'Lorem ipsum dolor sit amet — 事件循环 ✓ 0123456789\n';
    const content = line.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(line)));
    gateway().gw.enqueue({ answer: { content }, stream: { pieces: 2000, chunkBytes: 64 * 1024 } });
    let texts = 0;
    const r = await collect(gateway().client().stream(req('m')), (e) => void (e.type === 'text' && texts++));
    assert.equal(r.error, undefined);
    assert.ok(Buffer.byteLength(content) >= 10 * 1024 * 1024);
    assert.ok(texts >= 1000, `streamed in pieces (${texts})`);
    assert.equal(r.done!.choices[0].content.length, content.length);
    assert.equal(r.done!.choices[0].content === content, true, 'assembled exactly');
    assert.equal(textFromEvents(r.events, 'text') === content, true, 'the deltas add up to it too');
  });

  it('500 parallel tool calls in one answer assemble, each with its own id, name and arguments', async () => {
    const answer: Answer = {
      toolCalls: Array.from({ length: 500 }, (_, i) => ({ id: `call_${i}`, name: `tool_${i % 7}`, arguments: JSON.stringify({ i, path: `src/file-${i}.ts`, text: 'x'.repeat(i % 50) }) })),
    };
    gateway().gw.enqueue({ answer, stream: { pieces: 3 } });
    const r = await collect(gateway().client().stream(req('m')));
    assert.equal(r.error, undefined);
    const calls = r.done!.choices[0].toolCalls;
    assert.equal(calls.length, 500);
    assert.deepEqual(calls, oracle(answer, 'm').choices[0].toolCalls);
    assert.equal(r.done!.choices[0].finishReason, 'tool_calls');
  });
});
