import assert from 'node:assert/strict';
import { builtInPrompts, extractCode, fillTemplate, parseUserTemplate, usesPlaceholder } from '../../../src/chat/request/prompts';

describe('prompt templates', () => {
  it('fills the four placeholders and leaves other braces alone', () => {
    assert.equal(
      fillTemplate('Review {{ language }} in {{file}}:\n{{selection}}\nFocus: {{input}} {{other}}', { language: 'go', file: 'main.go', selection: 'x := 1', input: 'naming' }),
      'Review go in main.go:\nx := 1\nFocus: naming {{other}}',
    );
    assert.equal(fillTemplate('{{input}}!', {}), '!');
    assert.ok(usesPlaceholder('a {{ selection }} b', 'selection'));
    assert.ok(!usesPlaceholder(builtInPrompts.explain, 'selection'), 'built-ins attach the selection instead');
  });

  it('reads a user template with front matter, a BOM and CRLF', () => {
    const t = parseUserTemplate('security-review.md', '\uFEFF---\r\ntitle: Security review\r\ndescription: "OWASP checks"\r\n---\r\nCheck {{selection}} for injection.\r\n');
    assert.deepEqual(t, { id: 'security-review', title: 'Security review', description: 'OWASP checks', body: 'Check {{selection}} for injection.' });
    assert.deepEqual(parseUserTemplate('plain.md', 'Just {{input}}'), { id: 'plain', title: 'plain', body: 'Just {{input}}' });
  });

  it('extracts the proposed code: the longest block, preferring the selection language', () => {
    const answer = 'Here:\n\n```bash\nnpm test\n```\n\n```ts\nexport const a = 1;\nexport const b = 2;\n```\n\nand\n\n```json\n{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}\n```\n';
    assert.equal(extractCode(answer, 'typescript'), 'export const a = 1;\nexport const b = 2;');
    assert.equal(extractCode(answer, 'python'), '{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}');
    assert.equal(extractCode('~~~~py\nprint(1)\n~~~~', 'python'), 'print(1)');
    assert.equal(extractCode('no code here'), undefined);
  });
});
