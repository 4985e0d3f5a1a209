import assert from 'node:assert/strict';
import { convertResult, cutUtf8, MCP_RESULT_LIMIT_BYTES } from '../../../../src/tools/mcp/results';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

describe('mcp: tool results', () => {
  it('passes text on, and images too (named in the text)', () => {
    const out = convertResult({ content: [{ type: 'text', text: 'Here:' }, { type: 'image', data: PNG, mimeType: 'image/png' }] });
    assert.equal(out.content, 'Here:\n[image 1: image/png, 8 bytes]');
    assert.deepEqual(out.images, [{ mimeType: 'image/png', data: PNG }]);
    assert.equal(out.isError, false);
  });

  it('keeps isError, and says something when an error has no text', () => {
    assert.deepEqual(convertResult({ content: [{ type: 'text', text: 'no such file' }], isError: true }), { content: 'no such file', images: [], isError: true });
    assert.equal(convertResult({ content: [], isError: true }).content, 'The tool failed and said nothing more.');
    assert.equal(convertResult({}).content, 'The tool returned nothing.');
  });

  it('adds structured content as JSON unless a text block already repeats it', () => {
    const structured = { temperature: 21, unit: 'C' };
    assert.equal(convertResult({ content: [], structuredContent: structured }).content, 'Structured content:\n{"temperature":21,"unit":"C"}');
    assert.equal(convertResult({ content: [{ type: 'text', text: '{ "temperature": 21, "unit": "C" }' }], structuredContent: structured }).content, '{ "temperature": 21, "unit": "C" }');
  });

  it('describes what cannot be passed on: audio, binary resources, links, unknown blocks, other image types', () => {
    const out = convertResult({ content: [
      { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
      { type: 'resource', resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'hello' } },
      { type: 'resource', resource: { uri: 'file:///a.bin', mimeType: 'application/zip', blob: 'AAAA' } },
      { type: 'resource_link', uri: 'file:///b', name: 'b' },
      { type: 'image', data: 'AAAA', mimeType: 'image/svg+xml' },
      { type: 'video' },
      'garbage',
    ] });
    assert.equal(out.content, [
      '[audio: audio/wav, 3 bytes; not passed on]',
      '[resource file:///a.txt]\nhello',
      '[resource file:///a.bin: application/zip, 3 bytes; not passed on]',
      '[resource link: b <file:///b>]',
      '[an image of type image/svg+xml that cannot be passed on]',
      '[content of type "video" that is not understood]',
      '[content of type null that is not understood]',
    ].join('\n'));
    assert.deepEqual(out.images, []);
  });

  it('cuts a result over 256 KB and says so, keeping images that fit', () => {
    const big = 'x'.repeat(MCP_RESULT_LIMIT_BYTES + 10_000);
    const out = convertResult({ content: [{ type: 'text', text: big }, { type: 'image', data: PNG, mimeType: 'image/png' }] });
    assert.ok(Buffer.byteLength(out.content) + out.images!.reduce((n, i) => n + i.data.length, 0) <= MCP_RESULT_LIMIT_BYTES);
    assert.match(out.content, /\n\[result truncated: the server sent 266 KB; at most 256 KB is passed on\]$/);
    assert.equal(out.images!.length, 1);
    const small = convertResult({ content: [{ type: 'text', text: 'y'.repeat(1000) }] });
    assert.equal(small.content, 'y'.repeat(1000), 'under the limit nothing is cut');
  });

  it('leaves out images that do not fit, and says how many', () => {
    const huge = Buffer.alloc(200 * 1024).toString('base64');
    const out = convertResult({ content: [{ type: 'image', data: huge, mimeType: 'image/png' }, { type: 'text', text: 'after' }] });
    assert.deepEqual(out.images, []);
    assert.match(out.content, /1 image\(s\) left out\]$/);
  });

  it('never cuts inside a character', () => {
    assert.equal(cutUtf8('aé中', 2), 'a');
    assert.equal(cutUtf8('aé中', 3), 'aé');
    assert.equal(cutUtf8('aé中', 5), 'aé');
    assert.equal(cutUtf8('aé中', 6), 'aé中');
  });
});
