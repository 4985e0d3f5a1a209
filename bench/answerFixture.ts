// The long answer every rendering benchmark streams: the usual shape of a model's markdown (headings,
// prose with inline markup, nested lists, tables, quotes) with many fenced code blocks in several
// languages, and now and then a long listing, the block that stays open longest while it streams.

const SNIPPETS = [
  ['ts', 'export async function load(path: string): Promise<Config> {\n  const text = await fs.readFile(path, "utf8");\n  const parsed = JSON.parse(text) as Partial<Config>;\n  if (!parsed.baseUrl) throw new Error(`missing baseUrl in ${path}`);\n  return { timeoutMs: 30_000, ...parsed } as Config;\n}\n'],
  ['python', 'def chunks(items, size):\n    """Yield successive chunks of `size` items."""\n    for i in range(0, len(items), size):\n        yield items[i:i + size]\n\nprint(list(chunks(list(range(10)), 3)))\n'],
  ['bash', 'set -euo pipefail\nnpm ci\nnpx tsc -p . --noEmit\nfor f in dist/*.js; do\n  echo "size of $f: $(wc -c < "$f")"\ndone\n'],
  ['json', '{\n  "gatewayChat.endpoints": [\n    { "id": "relay", "baseUrl": "https://relay.example/v1" }\n  ],\n  "gatewayChat.defaultModel": "relay/gpt-4o"\n}\n'],
  ['go', 'func handler(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodPost {\n\t\thttp.Error(w, "method not allowed", 405)\n\t\treturn\n\t}\n\tfmt.Fprintf(w, "ok")\n}\n'],
  ['rust', 'fn parse(line: &str) -> Option<(String, u32)> {\n    let (name, count) = line.split_once(\'=\')?;\n    Some((name.trim().to_string(), count.trim().parse().ok()?))\n}\n'],
  ['sql', 'SELECT model, count(*) AS requests, avg(latency_ms) AS latency\nFROM calls\nWHERE created_at > now() - interval \'1 day\'\nGROUP BY model\nORDER BY requests DESC;\n'],
];

const ONE_LINERS = [['bash', 'npm test -- unit\n'], ['ts', 'const total = items.reduce((sum, item) => sum + item.size, 0);\n'], ['python', 'print(sorted(scores.items(), key=lambda kv: kv[1]))\n']];

/** A whole-file listing of ~120 lines, as models write when asked to "show the full file". */
function listing(i: number): string {
  const lines = ['import { EventEmitter } from "node:events";', '', `export class Worker${i} extends EventEmitter {`];
  for (let k = 0; lines.length < 118; k++) {
    lines.push(`  /** Handles job ${k}: validates, runs and reports it. */`, `  async job${k}(input: Job): Promise<Result> {`,
      `    if (!input.id) throw new Error("job ${k}: missing id");`, `    const started = Date.now();`,
      `    const output = await this.run(input, { retries: ${k % 3}, timeoutMs: ${1000 + k * 10} });`,
      `    this.emit("done", { id: input.id, ms: Date.now() - started });`, '    return output;', '  }', '');
  }
  lines.push('}');
  return `\`\`\`ts\n${lines.join('\n')}\n\`\`\``;
}

/** Section `i` of the answer; `withListing` adds a whole-file listing at its end. */
function section(i: number, withListing: boolean): string {
  const [lang, code] = SNIPPETS[i % SNIPPETS.length];
  const [oneLang, oneLine] = ONE_LINERS[i % ONE_LINERS.length];
  const parts = [
    `## Step ${i + 1}: ${['configure', 'refactor', 'test', 'deploy'][i % 4]} the module`,
    `First, note that **streaming** output must stay responsive: each delta should cost time proportional to *its own size*, not the answer's. See [the docs](https://example.com/docs/${i}) and \`renderMarkdownOnce\` for details.`,
    '- Keep finished blocks frozen\n- Re-render only the open tail\n  - including nested items\n  - and `inline code`\n- Highlight code when its fence closes',
    `\`\`\`${lang}\n${code}\`\`\``,
    '| Option | Default | Meaning |\n|:--|:--:|--:|\n| `timeoutMs` | 30000 | header timeout |\n| `maxRetries` | 2 | retries before giving up |',
    `Then run:\n\n\`\`\`${oneLang}\n${oneLine}\`\`\``,
    `> **Note:** step ${i + 1} assumes the previous one succeeded.\n> Otherwise, re-run it first.`,
    '1. Run the tests.\n2. Read the output.\n3. Fix what failed, then go back to 1.',
  ];
  if (withListing) parts.push(`The whole file after step ${i + 1}:`, listing(i));
  return parts.join('\n\n');
}

/** Characters in one part of the answer: a 4k-token answer is one part, a 40k-token one ten. */
const PART_CHARS = 16_000;

/**
 * One part: whole sections (numbered from `first`, the fourth with a listing) while they fit, then
 * a closing paragraph cut to exactly PART_CHARS characters.
 */
function part(first: number): { text: string; sections: number } {
  let text = '';
  let i = 0;
  for (; ; i++) {
    const next = (text ? '\n\n' : '') + section(first + i, i === 3);
    if (text.length + next.length > PART_CHARS) break;
    text += next;
  }
  const filler = ' That is all for this part; the next step builds on it.'.repeat(Math.ceil(PART_CHARS / 50));
  return { text: (text + '\n\nIn short:' + filler).slice(0, PART_CHARS), sections: i };
}

/**
 * Exactly `targetChars` characters of markdown (a token is ~4 characters of English and code), made
 * of identical-shaped parts, so a longer answer has the same mix of blocks, only more of them.
 */
export function answerFixture(targetChars: number): string {
  const parts: string[] = [];
  for (let length = 0, first = 0; length < targetChars; length += PART_CHARS + 2) {
    const { text, sections } = part(first);
    parts.push(text);
    first += sections;
  }
  return parts.join('\n\n').slice(0, targetChars);
}

export const CHARS_PER_TOKEN = 4;
