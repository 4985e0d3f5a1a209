// While an answer streams, the transcript keeps its end in view once per frame, not once per post:
// reading scrollHeight lays the whole transcript out, and doing that for every post was most of the
// panel's script time while streaming (bench/input-latency.ts, bench/latency.ts).
import assert from 'node:assert/strict';
import { useWebviewWindow } from './webviewGlobals';
import type { MessageRecord } from '../../../src/shared/conversation';
import { CodeActions } from '../../../src/webview/transcript/codeActions';
import { Transcript } from '../../../src/webview/transcript/transcript';

describe('webview: scrolling along with a streamed answer', () => {
  const window = useWebviewWindow();

  it('lays the transcript out once for the posts of a frame, and lands at the end', async () => {
    const transcript = new Transcript(new CodeActions());
    window.document.body.append(transcript.root);
    let reads = 0;
    let scrolledTo = -1;
    // scrollTop reads 0 and scrollHeight 5000: the transcript is not at its end until scrolled.
    Object.defineProperty(transcript.root, 'scrollHeight', { get: () => (reads++, 5000) });
    Object.defineProperty(transcript.root, 'scrollTop', { get: () => 0, set: (v: number) => (scrolledTo = v) });
    transcript.upsert({ id: 'a1', role: 'assistant', content: '', status: 'streaming', createdAt: 0 } as MessageRecord);
    assert.equal(scrolledTo, 5000, 'a whole message is scrolled to at once: it is on screen as soon as it is in the DOM');
    await new Promise((r) => setTimeout(r, 40));
    reads = 0;
    for (let i = 0; i < 20; i++) transcript.delta('a1', { content: `word ${i} ` });
    assert.equal(reads, 0, 'no layout forced while the posts are applied');
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(reads, 1, 'one layout for the frame');
  });
});
