import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownImages } from '../../../src/llm/images';
import { reasoningFromDelta, ThinkSplitter } from '../../../src/llm/reasoning';
import { finishCall, ToolCallMerger } from '../../../src/llm/tool-calls';
import { buildBody } from '../../../src/llm/body';

function split(pieces: string[]): { content: string; reasoning: string } {
  const t = new ThinkSplitter();
  const out = { content: '', reasoning: '' };
  const sink = (k: 'text' | 'reasoning', s: string): void => {
    if (k === 'text') out.content += s;
    else out.reasoning += s;
  };
  for (const p of pieces) t.push(p, sink);
  t.finish(sink);
  return out;
}

function everySplit(s: string): string[][] {
  const out: string[][] = [[s]];
  for (let i = 1; i < s.length; i++) {
    out.push([s.slice(0, i), s.slice(i)]);
    for (let j = i + 1; j < s.length; j += 3) out.push([s.slice(0, i), s.slice(i, j), s.slice(j)]);
  }
  out.push([...s]);
  return out;
}

describe('llm: think-tag splitter', () => {
  const cases: [string, string, string][] = [
    ['<think>why</think>answer', 'why', 'answer'],
    ['\n  <think>\nwhy\n</think>\n\nanswer', 'why', 'answer'],
    ['<think></think>answer', '', 'answer'],
    ['<think>never closed', 'never closed', ''],
    ['<thin', '', '<thin'],
    ['plain <think>not at start</think>', '', 'plain <think>not at start</think>'],
    ['<thinking>x</thinking>', '', '<thinking>x</thinking>'],
    ['<think>a </thin b</think> c', 'a </thin b', 'c'],
    ['   ', '', '   '],
  ];
  for (const [input, reasoning, content] of cases) {
    it(`${JSON.stringify(input)} at every split point`, () => {
      for (const pieces of everySplit(input)) {
        assert.deepEqual(split(pieces), { reasoning, content }, JSON.stringify(pieces));
      }
    });
  }

  it('reasoningFromDelta reads one dialect per delta', () => {
    assert.equal(reasoningFromDelta({ reasoning_content: 'a', reasoning: 'a' }), 'a');
    assert.equal(reasoningFromDelta({ reasoning: 'b', reasoning_details: [{ type: 'reasoning.text', text: 'b' }] }), 'b');
    assert.equal(reasoningFromDelta({ reasoning_details: [{ text: 'c' }, { type: 'reasoning.summary', summary: 'd' }, { type: 'reasoning.encrypted', data: 'zz' }] }), 'cd');
    assert.equal(reasoningFromDelta({ content: 'x', reasoning_content: null }), undefined);
  });
});

describe('llm: tool-call merge rules', () => {
  it('index merge, ids/names never concatenated, objects as arguments', () => {
    const m = new ToolCallMerger();
    m.apply({ index: 0, id: 'a', function: { name: 'read', arguments: '{"p":' } });
    m.apply({ index: 0, id: 'a', function: { name: 'read', arguments: '1}' } });
    m.apply({ index: 1, id: 'b', function: { name: 'obj', arguments: { x: 1 } } });
    assert.deepEqual(m.calls.map(finishCall), [
      { id: 'a', name: 'read', arguments: '{"p":1}', parsed: { p: 1 } },
      { id: 'b', name: 'obj', arguments: '{"x":1}', parsed: { x: 1 } },
    ]);
  });

  it('an id arriving after the first chunk is set, not appended', () => {
    const m = new ToolCallMerger();
    m.apply({ index: 0, function: { name: 'f', arguments: '' } });
    const d = m.apply({ index: 0, id: 'late', function: { arguments: '{}' } });
    assert.equal(d?.id, 'late');
    assert.deepEqual(m.calls.map(finishCall), [{ id: 'late', name: 'f', arguments: '{}', parsed: {} }]);
  });

  it('no index and no id with no calls yet starts a call', () => {
    const m = new ToolCallMerger();
    m.apply({ function: { name: 'f', arguments: '[1]' } });
    assert.deepEqual(finishCall(m.calls[0]).parsed, [1]);
  });
});

describe('llm: small pieces', () => {
  it('markdownImages finds data: images only', () => {
    const md = 'a ![x](data:image/png;base64,AAA=) b ![y](https://e.com/y.png) ![z]( data:image/webp;base64,BB\nCC )';
    assert.deepEqual(markdownImages(md), [
      { url: 'data:image/png;base64,AAA=', mimeType: 'image/png' },
      { url: 'data:image/webp;base64,BBCC', mimeType: 'image/webp' },
    ]);
  });

  it('buildBody does not mutate the request', () => {
    const r = { model: 'm', messages: [], stream_options: { include_usage: false } };
    const copy = structuredClone(r);
    buildBody(r, 'stream', ['model']);
    buildBody(r, 'complete');
    assert.deepEqual(r, copy);
  });

  it('nothing in src/llm imports vscode', () => {
    const dir = join(__dirname, '../../../src/llm');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      assert.ok(!/from\s+['"]vscode['"]|require\(['"]vscode['"]\)|import\(['"]vscode['"]\)/.test(text), f);
    }
  });
});
