// STAND-IN, to be replaced when merging: the `context` helper writes this file with a real tokenizer
// (loaded on first use from dist/vendor). Same API; this one estimates a token per four characters.
import type { ChatRequest } from '../../llm';

export async function countTokens(text: string): Promise<number> {
  return Math.ceil(text.length / 4);
}

export async function countRequestTokens(request: ChatRequest): Promise<number> {
  let total = 0;
  for (const m of request.messages) {
    const content = typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '');
    total += 4 + (await countTokens(content)) + (m.tool_calls ? await countTokens(JSON.stringify(m.tool_calls)) : 0);
  }
  if (request.tools) total += await countTokens(JSON.stringify(request.tools));
  return total;
}
