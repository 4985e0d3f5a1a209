import assert from 'node:assert/strict';
import { answerExtras } from '../../../src/chat/answers/answerExtras';
import type { AssembledChoice, AssembledResponse } from '../../../src/llm/types';

const choice = (over: Partial<AssembledChoice> = {}): AssembledChoice => ({
  index: 0, content: 'text', reasoning: '', toolCalls: [], finishReason: 'stop', annotations: [], images: [], logprobs: null, ...over,
});
const response = (...choices: AssembledChoice[]): AssembledResponse => ({ id: 'r', model: 'm', choices, usage: null });

describe('answerExtras: what an answer carries besides its text', () => {
  it('takes only the finish reason from a plain answer, and nothing from no answer', () => {
    assert.deepEqual(answerExtras(response(choice()), 1), { finishReason: 'stop' });
    assert.deepEqual(answerExtras(response(choice({ finishReason: null })), 1), {});
    assert.deepEqual(answerExtras(response(), 1), {});
  });

  it('keeps the finish reason, the refusal, the served model, the fingerprint and the tier', () => {
    const r: AssembledResponse = { ...response(choice({ content: '', refusal: 'I cannot help with that.', finishReason: 'content_filter' })),
      model: 'gpt-4o-mini-2024-07-18', systemFingerprint: 'fp_44709d6fcb', serviceTier: 'flex' };
    assert.deepEqual(answerExtras(r, 1, { model: 'gpt-4o' }), {
      servedModel: 'gpt-4o-mini-2024-07-18', systemFingerprint: 'fp_44709d6fcb', serviceTier: 'flex',
      finishReason: 'content_filter', refusal: 'I cannot help with that.',
    });
    assert.equal(answerExtras({ ...r, model: 'gpt-4o' }, 1, { model: 'gpt-4o' }).servedModel, undefined, 'the asked-for model is not news');
    assert.equal(answerExtras(r, 1).servedModel, undefined, 'nothing to compare with');
  });

  it('remote images become links; data: images stay images', () => {
    const extras = answerExtras(response(choice({ images: [{ url: 'https://cdn.example/a.png' }, { url: 'data:image/png;base64,AAAA', mimeType: 'image/png' }, { url: 'ftp://x/y.png' }] })), 1);
    assert.deepEqual(extras.imageLinks, ['https://cdn.example/a.png']);
    assert.deepEqual(extras.images, [{ dataUrl: 'data:image/png;base64,AAAA', mimeType: 'image/png' }]);
  });

  it('a spoken answer becomes a playable data: URL with its transcript (pcm16 gets a WAV header)', () => {
    const audio = { id: 'audio_1', data: 'AAAA', transcript: 'Hello there.', expiresAt: 1_700_000_000 };
    assert.deepEqual(answerExtras(response(choice({ content: '', audio })), 1, { audioFormat: 'mp3' }).audio,
      { dataUrl: 'data:audio/mpeg;base64,AAAA', format: 'mp3', transcript: 'Hello there.', id: 'audio_1', expiresAt: 1_700_000_000 });
    const pcm = answerExtras(response(choice({ content: '', audio: { data: Buffer.from([1, 0, 2, 0]).toString('base64'), transcript: 'x' } })), 1, { audioFormat: 'pcm16' }).audio!;
    const wav = Buffer.from(pcm.dataUrl!.split(',')[1], 'base64');
    assert.equal(wav.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.equal(wav.readUInt32LE(24), 24_000, '24 kHz');
    assert.deepEqual([...wav.subarray(44)], [1, 0, 2, 0]);
  });

  it('reads url_citation annotations, nested (OpenAI) and flat', () => {
    const extras = answerExtras(response(choice({
      annotations: [
        { type: 'url_citation', url_citation: { url: 'https://a.example/x', title: 'A', start_index: 0, end_index: 12 } },
        { type: 'url_citation', url: 'https://b.example/', title: '', start_index: 3 },
        { url: 'https://c.example/' },
        { type: 'file_citation', file_citation: { file_id: 'f' } },
        { type: 'url_citation', url_citation: { title: 'no url' } },
        null, 'junk',
      ],
    })), 1);
    assert.deepEqual(extras.citations, [
      { url: 'https://a.example/x', title: 'A', start: 0, end: 12 },
      { url: 'https://b.example/', start: 3 },
      { url: 'https://c.example/' },
    ]);
  });

  it('keeps only data: images, with their mime type', () => {
    const extras = answerExtras(response(choice({
      images: [
        { url: 'data:image/png;base64,iVBORw0KGgo=', mimeType: 'image/png' },
        { url: 'https://cdn.example/remote.png' },
        { url: 'data:text/html;base64,PHNjcmlwdD4=' },
        { url: 'data:image/webp;base64,UklGRg==' },
      ],
    })), 1);
    assert.deepEqual(extras.images, [
      { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', mimeType: 'image/png' },
      { dataUrl: 'data:image/webp;base64,UklGRg==' },
    ]);
  });

  it('parses logprobs with their alternatives and skips malformed entries', () => {
    const extras = answerExtras(response(choice({
      logprobs: {
        content: [
          { token: 'Hel', logprob: -0.1, top_logprobs: [{ token: 'Hel', logprob: -0.1 }, { token: 'Hi', logprob: -2.5 }, { token: 7 }] },
          { token: 'lo', logprob: -0.01 },
          { token: 'x' },
          null,
        ],
      },
    })), 1);
    assert.deepEqual(extras.logprobs, [
      { token: 'Hel', logprob: -0.1, top: [{ token: 'Hel', logprob: -0.1 }, { token: 'Hi', logprob: -2.5 }] },
      { token: 'lo', logprob: -0.01, top: [] },
    ]);
    assert.equal(answerExtras(response(choice({ logprobs: { content: null } })), 1).logprobs, undefined);
  });

  it('lists every candidate when n > 1, an empty one for a choice that never came', () => {
    const extras = answerExtras(response(choice({ content: 'A' }), choice({ index: 1, content: 'B', reasoning: 'r', finishReason: 'length' })), 3);
    assert.deepEqual(extras.candidates, [
      { content: 'A', finishReason: 'stop' },
      { content: 'B', reasoning: 'r', finishReason: 'length' },
      { content: '' },
    ]);
    assert.equal(answerExtras(response(choice()), 1).candidates, undefined);
  });

  it('takes citations and images from choice 0 only', () => {
    const extras = answerExtras(response(choice({ content: 'A' }), choice({ index: 1, annotations: [{ url: 'https://b.example/' }] })), 2);
    assert.equal(extras.citations, undefined);
  });
});
