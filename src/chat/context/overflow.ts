// A gateway that refused a request for its length, in each dialect gateways speak, and the limit
// it named when it named one. Fixtures with the public sources of each form are in
// test/unit/chat/context/overflow.test.ts.
import type { ErrorInfo } from '../../shared/conversation';

export interface Overflow {
  /** The limit the gateway named: the whole window, or only what the prompt may take. */
  limit?: { tokens: number; of: 'window' | 'input' };
}

const n = (s: string | undefined) => (s ? Number(s.replace(/[,_]/g, '')) : undefined);

/** Patterns with the limit they capture; the first that matches wins. */
const dialects: { re: RegExp; of?: 'window' | 'input'; group?: number }[] = [
  // OpenAI, DeepSeek, vLLM, SGLang, and every relay passing them on; OpenRouter says "This endpoint's".
  { re: /maximum context length is ([\d,]+) tokens/i, of: 'window' },
  // Anthropic: "prompt is too long: 208310 tokens > 200000 maximum".
  { re: /prompt is too long:\s*[\d,]+ tokens\s*>\s*([\d,]+)/i, of: 'input' },
  // Anthropic with max_tokens: "input length and `max_tokens` exceed context limit: 184915 + 20000 > 204648".
  { re: /exceed context limit:\s*[\d,]+\s*\+\s*[\d,]+\s*>\s*([\d,]+)/i, of: 'window' },
  // DashScope (Qwen): "Range of input length should be [1, 30720]".
  { re: /Range of input length should be \[\s*\d+\s*,\s*([\d,]+)\s*\]/i, of: 'input' },
  // Gemini: "The input token count (1200293) exceeds the maximum number of tokens allowed (1048576)".
  { re: /input token count \(?[\d,]+\)? exceeds the maximum number of tokens allowed \(?([\d,]+)\)?/i, of: 'input' },
  // Forms that name no number.
  { re: /context[_ ]length[_ ]exceeded|context window exceeded|exceeds the context window|prompt is too long|input is too long|too many (input )?tokens|reduce the length of the messages|上下文长度|超出.{0,8}(上下文|最大长度)|输入.{0,6}过长/i },
];

/** The refusal as an overflow, or undefined when it is about something else. */
export function overflowOf(error: ErrorInfo | undefined, body = ''): Overflow | undefined {
  if (!error || error.kind === 'config') return undefined;
  const code = (error.code ?? '').toLowerCase();
  const text = `${error.message}\n${body.slice(0, 65_536)}`;
  const lengthStatus = error.status === 400 || error.status === 413 || error.status === 422 || error.kind === 'badRequest' || error.kind === 'server';
  if (!lengthStatus) return undefined;
  for (const d of dialects) {
    const m = d.re.exec(text);
    if (!m) continue;
    const tokens = d.of ? n(m[1]) : undefined;
    return tokens && Number.isSafeInteger(tokens) && tokens > 0 ? { limit: { tokens, of: d.of! } } : {};
  }
  if (code === 'context_length_exceeded' || code === 'model_context_window_exceeded' || error.status === 413) return {};
  return undefined;
}
