import assert from 'node:assert/strict';
import { wireMessages } from '../../../src/chat/request/packaging';
import type { MessageRecord } from '../../../src/shared/conversation';

const msg = (m: Partial<MessageRecord> & Pick<MessageRecord, 'role' | 'content'>): MessageRecord =>
  ({ id: 'x', status: 'complete', createdAt: 0, ...m });

describe('packaging: conversation -> wire messages', () => {
  it('sends a selection as fenced code with its path and lines', () => {
    const wire = wireMessages([msg({
      role: 'user', content: 'What does this do?',
      attachments: [{ kind: 'selection', label: 'a.ts:3-4', path: 'src/a.ts', startLine: 3, endLine: 4, language: 'typescript', text: 'const a = 1;\nconst b = 2;' }],
    })]);
    assert.deepEqual(wire, [{ role: 'user', content: 'What does this do?\n\nsrc/a.ts:3-4\n```typescript\nconst a = 1;\nconst b = 2;\n```' }]);
  });

  it('sends images as image_url content parts with detail', () => {
    const wire = wireMessages([msg({
      role: 'user', content: 'describe',
      attachments: [{ kind: 'image', label: 'shot.png', dataUrl: 'data:image/png;base64,AAAA', detail: 'high' }],
    })]);
    assert.deepEqual(wire[0].content, [
      { type: 'text', text: 'describe' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'high' } },
    ]);
  });

  it('keeps interrupted answers, drops empty failed ones, adds the system prompt first', () => {
    const wire = wireMessages([
      msg({ role: 'user', content: 'one' }),
      msg({ role: 'assistant', content: '', status: 'error' }),
      msg({ role: 'user', content: 'two' }),
      msg({ role: 'assistant', content: 'partial answ', status: 'interrupted' }),
    ], 'be brief');
    assert.deepEqual(wire.map((m) => [m.role, m.content]), [
      ['system', 'be brief'], ['user', 'one'], ['user', 'two'], ['assistant', 'partial answ'],
    ]);
  });

  it('uses a longer fence when the code itself contains one', () => {
    const wire = wireMessages([msg({ role: 'user', content: '', attachments: [{ kind: 'file', label: 'R.md', path: 'R.md', text: '```js\nx\n```' }] })]);
    assert.equal(wire[0].content, 'R.md\n~~~~\n```js\nx\n```\n~~~~');
  });
});
