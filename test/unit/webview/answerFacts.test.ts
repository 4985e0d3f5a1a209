// How an answer says what happened (issue #12), in jsdom: the finish reason with Continue, a refusal,
// the served model, a spoken answer, remote image links, and the usage tooltip.
import assert from 'node:assert/strict';
import type { MessageRecord } from '../../../src/shared/conversation';
import { posted, useWebviewWindow } from './webviewGlobals';
// After webviewGlobals: these modules reach the VS Code API when they load.
import { audioBlock, finishReasonLine, imageLinks, refusalBlock, servedModelChip } from '../../../src/webview/answers/answerFacts';
import { usageTooltip } from '../../../src/webview/transcript/usageText';

const message = (over: Partial<MessageRecord>): MessageRecord => ({ id: 'a1', role: 'assistant', content: 'text', status: 'complete', createdAt: 0, ...over });
const node = (x: HTMLElement | '') => { assert.ok(x, 'rendered'); return x as HTMLElement; };

describe('webview: answer facts', () => {
  useWebviewWindow();

  it('a length cut offers Continue on the last answer; normal ends show nothing', () => {
    const line = node(finishReasonLine(message({ finishReason: 'length' }), true));
    assert.equal(line.dataset.reason, 'length');
    line.querySelector<HTMLButtonElement>('[data-testid="continue"]')!.click();
    assert.deepEqual(posted, [{ type: 'continue', messageId: 'a1' }]);
    assert.equal(node(finishReasonLine(message({ finishReason: 'length' }), false)).querySelector('[data-testid="continue"]'), null, 'not on an earlier answer');
    assert.equal(node(finishReasonLine(message({ finishReason: 'content_filter' }), true)).querySelector('[data-testid="continue"]'), null);
    for (const reason of ['stop', 'tool_calls', undefined]) assert.equal(finishReasonLine(message({ finishReason: reason }), true), '');
    assert.equal(finishReasonLine(message({ finishReason: 'length', status: 'streaming' }), true), '');
  });

  it('a refusal and the served model are shown as text, never as markup', () => {
    assert.match(node(refusalBlock(message({ refusal: '<b>No</b>' }))).textContent!, /<b>No<\/b>/);
    assert.equal(node(servedModelChip(message({ servedModel: 'gpt-4o-mini' }))).textContent, 'served by gpt-4o-mini');
    assert.equal(servedModelChip(message({})), '');
  });

  it('a spoken answer plays only from a data: URL', () => {
    const ok = node(audioBlock(message({ audio: { dataUrl: 'data:audio/wav;base64,UklG', transcript: 'Hi.', format: 'wav' } })));
    assert.equal(ok.querySelector('audio')!.getAttribute('src'), 'data:audio/wav;base64,UklG');
    assert.equal(ok.querySelector('[data-testid="audio-transcript"]')!.textContent, 'Hi.');
    const remote = node(audioBlock(message({ audio: { dataUrl: 'https://evil.example/a.wav', transcript: 'x' } })));
    assert.equal(remote.querySelector('audio'), null);
  });

  it('remote images are links: nothing loads, open and save go to the host on a click', () => {
    const list = node(imageLinks(message({ imageLinks: ['https://cdn.example/a.png', 'javascript:alert(1)'] })));
    assert.equal(list.querySelectorAll('img').length, 0);
    assert.equal(list.querySelectorAll('[data-testid="image-link"]').length, 1, 'an unsafe link is left out');
    assert.deepEqual(posted, []);
    list.querySelector<HTMLAnchorElement>('[data-testid="image-link"]')!.click();
    list.querySelector<HTMLButtonElement>('[data-testid="save-image-link"]')!.click();
    assert.deepEqual(posted, [{ type: 'openLink', href: 'https://cdn.example/a.png' }, { type: 'saveImageLink', messageId: 'a1', index: 0 }]);
  });

  it('the usage tooltip lists every detail, the fingerprint, the tier and the error type', () => {
    const tip = usageTooltip(message({
      usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15, promptDetails: { image_tokens: 7 }, completionDetails: { accepted_prediction_tokens: 2 } },
      systemFingerprint: 'fp_1', serviceTier: 'priority', error: { kind: 'rateLimit', message: 'quota', type: 'insufficient_quota' },
    }));
    for (const line of ['total_tokens: 15', 'prompt_tokens_details.image_tokens: 7', 'completion_tokens_details.accepted_prediction_tokens: 2',
      'system_fingerprint: fp_1', 'service_tier: priority', 'error.type: insufficient_quota']) assert.ok(tip.split('\n').includes(line), line);
  });
});
