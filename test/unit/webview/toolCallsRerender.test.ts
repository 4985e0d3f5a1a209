// A tool call waiting for approval keeps its element while the message updates around it (another
// call runs, the checkpoint grows): a click on Approve, a reason being typed and the "allow" tick are
// never lost to a re-render. Only a call that changed is rebuilt.
import assert from 'node:assert/strict';
import { posted, useWebviewWindow } from './webviewGlobals';
import type { MessageRecord, ToolCallRecord } from '../../../src/shared/conversation';
import { CodeActions } from '../../../src/webview/transcript/codeActions';
import { Transcript } from '../../../src/webview/transcript/transcript';

const call = (id: string, over: Partial<ToolCallRecord> = {}): ToolCallRecord =>
  ({ id, name: 'edit_file', arguments: '{"path":"a.ts"}', state: 'pending', ...over } as ToolCallRecord);
const approval = { kind: 'edit', summary: 'a.ts', toolName: 'edit_file', canAllowForConversation: true } as ToolCallRecord['approval'];
const answer = (calls: ToolCallRecord[], over: Partial<MessageRecord> = {}): MessageRecord =>
  ({ id: 'a1', role: 'assistant', content: 'Changing files.', status: 'complete', createdAt: 0, toolCalls: calls, ...over } as MessageRecord);

describe('webview: tool calls re-render without losing the user\'s input', () => {
  const window = useWebviewWindow();
  let transcript: Transcript;
  const q = <T extends HTMLElement>(sel: string) => window.document.querySelector<T>(sel);

  beforeEach(() => {
    transcript = new Transcript(new CodeActions());
    window.document.body.append(transcript.root);
  });

  it('keeps the waiting approval (typed reason, tick, its buttons) while another call of the message changes', () => {
    transcript.upsert(answer([call('c1', { approval }), call('c2')]));
    const approve = q<HTMLButtonElement>('[data-call-id="c1"] [data-testid="approve"]')!;
    q<HTMLInputElement>('[data-testid="reject-reason"]')!.value = 'not this file';
    q<HTMLInputElement>('[data-testid="allow-conversation"]')!.checked = true;
    const c2 = q('[data-call-id="c2"]');

    transcript.upsert(answer([call('c1', { approval }), call('c2', { state: 'done', result: 'ok' })]));
    assert.equal(approve.isConnected, true, 'the same Approve button is still on screen');
    assert.equal(q<HTMLInputElement>('[data-testid="reject-reason"]')!.value, 'not this file');
    assert.equal(q<HTMLInputElement>('[data-testid="allow-conversation"]')!.checked, true);
    assert.notEqual(q('[data-call-id="c2"]'), c2, 'the call that changed is rebuilt');
    assert.equal(q('[data-call-id="c2"] [data-testid="tool-state"]')!.textContent, 'done');

    approve.click();
    assert.deepEqual(posted.at(-1), { type: 'toolDecision', callId: 'c1', approved: true, reason: 'not this file', allowForConversation: true });
  });

  it('rebuilds a call whose state changed, keeping it expanded, and drops calls that went away', () => {
    transcript.upsert(answer([call('c1', { approval })]));
    q<HTMLDetailsElement>('[data-call-id="c1"] details')!.open = true;
    transcript.upsert(answer([call('c1', { state: 'approved' })]));
    assert.equal(q('[data-call-id="c1"] [data-testid="tool-approval"]'), null, 'the decided approval is gone');
    assert.equal(q<HTMLDetailsElement>('[data-call-id="c1"] details')!.open, true);
    transcript.upsert(answer([]));
    assert.equal(window.document.querySelectorAll('[data-testid="tool-call"]').length, 0);
  });

  it('keeps Restore checkpoint while the message updates, and replaces it once restored', () => {
    const checkpoint = { files: [{ path: 'a.ts', change: 'edited' as const }] };
    transcript.upsert(answer([call('c1', { state: 'done', result: 'ok' })], { checkpoint }));
    const restore = q<HTMLButtonElement>('[data-testid="restore-checkpoint"]')!;
    transcript.upsert(answer([call('c1', { state: 'done', result: 'ok' })], { checkpoint, usage: { prompt_tokens: 1, completion_tokens: 1 } } as Partial<MessageRecord>));
    assert.equal(restore.isConnected, true);
    transcript.upsert(answer([call('c1', { state: 'done', result: 'ok' })], { checkpoint: { ...checkpoint, restored: true } }));
    assert.equal(restore.isConnected, false);
    assert.ok(q('[data-testid="checkpoint-restored"]'));
  });
});
