import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback server that answers every chat request with the same pre-built SSE body, so
// both clients read identical bytes and the server's own cost is a memcpy.

const WORDS = ['the ', 'quick ', 'brown ', 'fox ', 'jumps ', 'over ', 'lazy ', 'dog ', 'and ', 'then ', 'some ', 'more ', 'text, ', 'naïve ', 'café ', '日本 '];

export interface BenchBody {
  body: Buffer;
  events: number;
  contentLength: number;
}

export function buildBody(minBytes: number): BenchBody {
  const parts: string[] = [];
  let size = 0;
  let events = 0;
  let contentLength = 0;
  const head = '{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"bench-model","system_fingerprint":"fp_bench","choices":[{"index":0,"delta":{"content":';
  while (size < minBytes) {
    const word = WORDS[events % WORDS.length];
    const line = `data: ${head}${JSON.stringify(word)}},"logprobs":null,"finish_reason":null}]}\n\n`;
    parts.push(line);
    size += Buffer.byteLength(line);
    contentLength += word.length;
    events++;
  }
  parts.push('data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"bench-model","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}\n\n');
  parts.push('data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"bench-model","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}\n\n');
  parts.push('data: [DONE]\n\n');
  return { body: Buffer.from(parts.join(''), 'utf8'), events, contentLength };
}

export async function startBenchServer(body: Buffer): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const slice = 64 * 1024;
      let offset = 0;
      const pump = (): void => {
        while (offset < body.length) {
          const end = Math.min(offset + slice, body.length);
          const ok = res.write(body.subarray(offset, end));
          offset = end;
          if (!ok) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, server };
}

/**
 * The same words as Responses API events (`response.output_text.delta` ... `response.completed`) or Anthropic
 * Messages events (`content_block_delta` ... `message_stop`), each with its `event:` line as the APIs send them.
 */
export function buildFormatBody(format: 'responses' | 'anthropic', minBytes: number): BenchBody {
  const parts: string[] = [];
  let size = 0;
  let events = 0;
  let contentLength = 0;
  const push = (type: string, data: object) => {
    const line = `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    parts.push(line);
    size += Buffer.byteLength(line);
  };
  if (format === 'responses') {
    push('response.created', { sequence_number: 0, response: { id: 'resp_bench', object: 'response', model: 'bench-model', status: 'in_progress', output: [] } });
    push('response.output_item.added', { output_index: 0, item: { id: 'msg_bench', type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
  } else {
    push('message_start', { message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'bench-model', content: [], usage: { input_tokens: 1, output_tokens: 1 } } });
    push('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  }
  while (size < minBytes) {
    const word = WORDS[events % WORDS.length];
    if (format === 'responses') push('response.output_text.delta', { sequence_number: events + 2, item_id: 'msg_bench', output_index: 0, content_index: 0, delta: word });
    else push('content_block_delta', { index: 0, delta: { type: 'text_delta', text: word } });
    contentLength += word.length;
    events++;
  }
  if (format === 'responses') {
    push('response.completed', { response: { id: 'resp_bench', object: 'response', model: 'bench-model', status: 'completed', output: [], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } });
  } else {
    push('content_block_stop', { index: 0 });
    push('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } });
    push('message_stop', {});
  }
  return { body: Buffer.from(parts.join(''), 'utf8'), events, contentLength };
}
