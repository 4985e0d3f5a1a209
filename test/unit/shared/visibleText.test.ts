import assert from 'node:assert/strict';
import { visibleText } from '../../../src/shared/visibleText';

describe('shared/visibleText: what an approval shows of a command', () => {
  it('leaves ordinary text, line breaks, tabs and non-Latin scripts alone', () => {
    for (const s of ['npm test', 'echo "a\tb"\nls -la', 'grep 事件循环 src', 'echo héllo wörld', '']) assert.equal(visibleText(s), s);
  });

  it('shows C0 controls as Control Pictures and DEL as ␡', () => {
    assert.equal(visibleText('echo safe\r\x1b[2Krm -rf ~'), 'echo safe␍␛[2Krm -rf ~');
    assert.equal(visibleText('a\x00b\x07c\x7f'), 'a␀b␇c␡');
  });

  it('shows bidirectional overrides, isolates and marks as escapes', () => {
    assert.equal(visibleText('rm -rf ~ #\u202Etxt.gnp'), 'rm -rf ~ #\\u202Etxt.gnp');
    assert.equal(visibleText('\u2066a\u2069\u200E\u200F\u061C'), '\\u2066a\\u2069\\u200E\\u200F\\u061C');
  });

  it('shows zero-width, invisible and separator characters, and C1 controls, as escapes', () => {
    assert.equal(visibleText('cu\u200Brl ev\u200Dil\uFEFF'), 'cu\\u200Brl ev\\u200Dil\\uFEFF');
    assert.equal(visibleText('a\u2028b\u2029c\u0085d\u00ADe'), 'a\\u2028b\\u2029c\\u0085d\\u00ADe');
  });

  it('keeps every character of a long command: nothing is cut', () => {
    const long = `echo ${'x'.repeat(10_000)}\u202E end`;
    assert.equal(visibleText(long), long.replace('\u202E', '\\u202E'));
  });
});
