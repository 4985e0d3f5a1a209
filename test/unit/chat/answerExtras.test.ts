import assert from 'node:assert/strict';
import { answerExtras } from '../../../src/chat/answers/answerExtras';
import type { AssembledChoice, AssembledResponse } from '../../../src/llm/types';

const choice = (over: Partial<AssembledChoice> = {}): AssembledChoice => ({
  index: 0, content: 'text', reasoning: '', toolCalls: [], finishReason: 'stop', annotations: [], images: [], logprobs: null, ...over,
});
const response = (...choices: AssembledChoice[]): AssembledResponse => ({ id: 'r', model: 'm', choices, usage: null });

describe('answerExtras: what an answer carries besides its text', () => {
  it('takes nothing from a plain answer, or from no answer', () => {
    assert.deepEqual(answerExtras(response(choice()), 1), {});
    assert.deepEqual(answerExtras(response(), 1), {});
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
