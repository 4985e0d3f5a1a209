// Older messages of a long conversation: placeholders first, then rendered newest first, in slices.
import assert from 'node:assert/strict';
import { useWebviewWindow } from './webviewGlobals';
import { MessageBacklog } from '../../../src/webview/transcript/messageBacklog';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('webview: message backlog', () => {
  const window = useWebviewWindow();

  function backlog(count: number) {
    const order: number[] = [];
    const b = new MessageBacklog((i) => {
      order.push(i);
      return Object.assign(window.document.createElement('article'), { textContent: `message ${i}` });
    }, 0.01); // tiny slices: several timer turns, as with a long conversation
    const list = window.document.createElement('div');
    list.append(...b.defer(Array.from({ length: count }, (_, index) => ({ index, id: `m${index}` }))));
    window.document.body.append(list);
    return { b, list, order };
  }

  it('puts placeholders in place at once and renders every message later, newest first', async () => {
    const { b, list, order } = backlog(5);
    assert.equal(list.querySelectorAll('.message-placeholder').length, 5);
    assert.ok(b.has('m0') && b.has('m4'));
    await settle();
    assert.deepEqual(order, [4, 3, 2, 1, 0]);
    assert.deepEqual([...list.children].map((c) => c.textContent), ['message 0', 'message 1', 'message 2', 'message 3', 'message 4']);
    assert.ok(!b.has('m0') && !b.has('m4'));
  });

  it('stops when cancelled (another conversation was opened)', async () => {
    const { b, order } = backlog(3);
    b.cancel();
    assert.ok(!b.has('m1'));
    await settle();
    assert.deepEqual(order, []);
  });
});
