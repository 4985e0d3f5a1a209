// A saved conversation of the size a heavy user accumulates: 2,000 messages, about 1 MB, questions
// and markdown answers (prose, lists, code), in the history store's on-disk format.
import fs from 'node:fs';
import path from 'node:path';
import type { ConversationRecord, MessageRecord } from '../src/shared/conversation';

const QUESTIONS = [
  'How do I read a file line by line in Node without loading it all?',
  'Why does my test pass alone but fail in the suite?',
  'Refactor this into smaller functions, please.',
  'What is the difference between a process and a thread here?',
];

function answer(i: number): string {
  const parts = [
    `Short answer: it depends on **where** the state lives (case ${i}). Keep each step small and check the result before moving on; see [the guide](https://example.com/guide/${i}).`,
    '- Read the input once\n- Validate it at the boundary\n- Keep the core pure, so it is easy to test',
    'If it still fails, run it with `--inspect`, set a breakpoint where the value first goes wrong, and compare what you see with what the caller expected; the difference usually names the bug.',
  ];
  if (i % 3 === 0) parts.push('```ts\nfor await (const line of readLines(path)) {\n  if (!line.trim()) continue;\n  handle(JSON.parse(line));\n}\n```');
  if (i % 4 === 1) parts.push('| step | cost |\n|:--|--:|\n| parse | O(n) |\n| render | O(1) per frame |');
  parts.push('That should settle it; tell me if the error changes.');
  return parts.join('\n\n');
}

export function conversationFixture(messages: number, now = Date.now()): ConversationRecord {
  const list: MessageRecord[] = [];
  for (let i = 0; i < messages; i++) {
    const user = i % 2 === 0;
    list.push({
      id: `m${i}`,
      role: user ? 'user' : 'assistant',
      content: user ? QUESTIONS[(i / 2) % QUESTIONS.length] : answer(i),
      status: 'complete',
      createdAt: now - (messages - i) * 60_000,
      ...(user ? {} : { model: 'bench/bench-model', usage: { promptTokens: 120 + i, completionTokens: 180, durationMs: 2400, tokensPerSecond: 75 } }),
    });
  }
  return { version: 1, id: 'bench-long-conversation', title: 'A long conversation', createdAt: now - messages * 60_000, updatedAt: now, model: 'bench/bench-model', messages: list };
}

/** Writes it where the extension's history store looks: <globalStorage>/conversations/<id>.json plus the index. */
export function saveConversation(globalStorage: string, c: ConversationRecord): number {
  fs.mkdirSync(path.join(globalStorage, 'conversations'), { recursive: true });
  const text = JSON.stringify(c);
  fs.writeFileSync(path.join(globalStorage, 'conversations', `${c.id}.json`), text);
  const entry = { id: c.id, title: c.title, updatedAt: c.updatedAt, model: c.model, messageCount: c.messages.length };
  fs.writeFileSync(path.join(globalStorage, 'conversations-index.json'), JSON.stringify([entry]));
  return Buffer.byteLength(text);
}
