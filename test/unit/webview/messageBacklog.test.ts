// Older messages of a long conversation: placeholders first, then rendered newest first, in slices;
// the oldest may still be on their way from the host, and are rendered once they arrive.
import assert from 'node:assert/strict';
import { useWebviewWindow } from './webviewGlobals';
import { ESTIMATED_MESSAGE_PX, MessageBacklog } from '../../../src/webview/transcript/messageBacklog';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('webview: message backlog', () => {
  const window = useWebviewWindow();

  function backlog(ids: (string | undefined)[]) {
    const order: string[] = [];
    const b = new MessageBacklog((id) => {
      order.push(id);
      return Object.assign(window.document.createElement('article'), { textContent: id });
    }, 0.01); // tiny slices: several timer turns, as with a long conversation
    const list = window.document.createElement('div');
    list.append(...b.defer(ids));
    window.document.body.append(list);
    return { b, list, order };
  }
  /** The list as the user has it: `_N` for the spacer standing for N messages. */
  const texts = (list: HTMLElement) => [...list.children].map((c) => c.className === 'message-placeholder' ? `_${parseInt((c as HTMLElement).style.height, 10) / ESTIMATED_MESSAGE_PX}` : c.textContent);

  it('puts one spacer in their place at once and renders every message later, newest first', async () => {
    const { b, list, order } = backlog(['m0', 'm1', 'm2', 'm3', 'm4']);
    assert.deepEqual(texts(list), ['_5']);
    assert.ok(b.has('m0') && b.has('m4'));
    await settle();
    assert.deepEqual(order, ['m4', 'm3', 'm2', 'm1', 'm0']);
    assert.deepEqual(texts(list), ['m0', 'm1', 'm2', 'm3', 'm4']);
    assert.ok(!b.has('m0') && !b.has('m4'));
  });

  it('waits at the messages still on their way, and renders each batch once it arrives, in place', async () => {
    const { b, list, order } = backlog([undefined, undefined, undefined, undefined, 'm4', 'm5']);
    await settle();
    assert.deepEqual(order, ['m5', 'm4']);
    assert.deepEqual(texts(list), ['_4', 'm4', 'm5']);
    assert.equal(b.arrived(['m2', 'm3']), 2);
    assert.ok(b.has('m2'));
    await settle();
    assert.deepEqual(texts(list), ['_2', 'm2', 'm3', 'm4', 'm5']);
    // More than the places left: only the newest of them find one.
    assert.equal(b.arrived(['x', 'm0', 'm1']), 2);
    await settle();
    assert.deepEqual(texts(list), ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    assert.deepEqual(order, ['m5', 'm4', 'm3', 'm2', 'm1', 'm0']);
    assert.equal(b.arrived(['late']), 0);
  });

  it('stops when cancelled (another conversation was opened)', async () => {
    const { b, list, order } = backlog([undefined, 'm1', 'm2']);
    b.cancel();
    assert.deepEqual(texts(list), []);
    assert.ok(!b.has('m1'));
    assert.equal(b.arrived(['m0']), 0);
    await settle();
    assert.deepEqual(order, []);
  });
});
