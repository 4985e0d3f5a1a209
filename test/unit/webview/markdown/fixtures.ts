// Markdown fixtures for the renderer tests: a long mixed answer full of the edge cases that break
// naive incremental renderers, and a "many short blocks" text for the linear-cost check.

const CODE_SAMPLES: [lang: string, code: string][] = [
  ['ts', 'export function add(a: number, b: number): number {\n  return a + b; // <b>not html</b>\n}\n'],
  ['python', 'def fib(n):\n    """Docstring with ``` inside."""\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n'],
  ['json', '{ "name": "gateway-chat", "list": [1, 2, 3], "nested": { "ok": true } }\n'],
  ['bash', 'set -euo pipefail\nfor f in *.md; do echo "$f" | tr a-z A-Z; done\n'],
  ['go', 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'],
  ['rust', 'fn main() {\n    let v: Vec<u8> = vec![1, 2];\n    println!("{:?}", v);\n}\n'],
  ['java', 'class A { public static void main(String[] a) { System.out.println("x"); } }\n'],
  ['cpp', '#include <vector>\nint main() { std::vector<int> v{1, 2}; return v.size(); }\n'],
  ['csharp', 'var xs = new List<int> { 1, 2 };\nConsole.WriteLine(xs.Count);\n'],
  ['css', '.md-root a:hover { color: var(--vscode-textLink-activeForeground); }\n'],
  ['html', '<div onclick="alert(1)"><script>alert(2)</script></div>\n'],
  ['yaml', 'name: ci\non: [push]\njobs:\n  test: { runs-on: ubuntu-latest }\n'],
  ['sql', 'SELECT id, name FROM users WHERE name LIKE \'%a%\' ORDER BY id;\n'],
  ['diff', '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n'],
  ['', 'no language at all\n  indented line\n'],
  ['unknownlang', 'some text in a language highlight.js does not know\n'],
  ['javascript', 'const re = /`{3}/g; // a regex with backticks\n'],
  ['php', '<?php echo "hi"; ?>\n'],
  ['ruby', 'puts [1, 2].map { |x| x * 2 }\n'],
  ['kotlin', 'fun main() = println("hi")\n'],
  ['swift', 'let x: [Int] = [1, 2]\nprint(x)\n'],
  ['markdown', '# not a heading outside\n```\nnested fence text\n'],
  ['c', 'int main(void) { return 0; }\n'],
];

const PROSE = [
  'Here is **bold**, *italic*, `inline code`, ~~strike~~ and a [safe link](https://example.com/docs?a=1&b=2).',
  'A tricky <think>literal tag</think> and <script>alert(1)</script> stay text because raw HTML is off.',
  'Autolinks: <https://example.org/path> and https://bare.example.com/x and mail <someone@example.com>.',
  'Unsafe: [js](javascript:alert(1)) [cmd](command:workbench.action.openSettings) [data](data:text/html,hi).',
  'Escapes \\*not emphasis\\* and a backslash at line end\\\nthen a hard break.',
  'Unicode: 你好, émoji 🚀, and a\ttab.',
];

function codeFence(i: number, fence: string): string {
  const [lang, code] = CODE_SAMPLES[i % CODE_SAMPLES.length];
  return `${fence}${lang}\n${code}${fence}\n`;
}

/** One section of the mixed fixture; `i` varies the content so sections are not identical. */
function section(i: number): string {
  const parts = [
    `## Section ${i}\n`,
    `${PROSE[i % PROSE.length]}\n${PROSE[(i + 1) % PROSE.length]}\n`,
    'Setext heading\n==============\n',
    'Another one\n---\n',
    'para then dash\n-\n',
    '1. first item\n\n2. second item after a blank\n\n10. tenth\n',
    '- outer\n  - inner one\n  - inner two\n\n    continued paragraph in inner\n- outer two\n\n  ```js\n  console.log("fence inside a list");\n  ```\n',
    '* star list\n+ plus list\n',
    '| col a | col b | col c |\n|:------|:-----:|------:|\n| 1 | **2** | `3` |\n| x | y | z |\n',
    'Paragraph right before a table\n| h1 | h2 |\n| --- | --- |\n| c1 | c2 |\n',
    '> quoted line\nlazy continuation\n> > nested quote\n>\n> ```py\n> print("in quote")\n> ```\n',
    'See [the ref][r1] and [r1] which are defined later.\n',
    '[r1]: https://example.com/ref "Title"\n',
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => codeFence(i * 8 + k, ['```', '~~~', '````'][k % 3])),
    '````md\n```\ninner fence that does not close the outer\n```\n````\n',
    '```  ts  extra info\nconst spaced = true;\n   ```   \n',
    '    indented code block\n    second line\n',
    '***\n',
    'Images: ![remote](https://evil.example/x.png) ![inline](data:image/png;base64,iVBORw0KGgo=) ![proto](//cdn.example/y.gif)\n',
    'Windows line endings\r\nin this paragraph\r\n\r\n- crlf list\r\n- second\r\n',
    'Term with trailing spaces  \nhard break above.\n',
  ];
  return parts.join('\n');
}

/** A long answer mixing every construct; ends inside an unclosed fence, like a cut-off stream. */
export function mixedFixture(sections = 3): string {
  const body = Array.from({ length: sections }, (_, i) => section(i)).join('\n');
  return `${body}\nFinal words before an unclosed fence:\n\n\`\`\`ts\nconst unfinished = {\n  a: 1,\n`;
}

/** Many short paragraphs, list items and small fences: the shape of a typical long answer. */
export function shortBlocksFixture(blocks: number): string {
  const out: string[] = [];
  for (let i = 0; i < blocks; i++) {
    if (i % 10 === 9) out.push(`\`\`\`js\nconsole.log(${i});\n\`\`\`\n`);
    else if (i % 5 === 4) out.push(`- item ${i}\n- item ${i} b\n`);
    else out.push(`Paragraph ${i} with some *text* to render and a \`code\` span.\n`);
  }
  return out.join('\n');
}
