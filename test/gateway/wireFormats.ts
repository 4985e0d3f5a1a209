import { choicesOf, defaultUsage, splitText } from './chunks';
import type { Answer } from './types';

// The same scripted Answer in the two other wire formats relays serve: OpenAI's Responses API
// (`POST /v1/responses`) and Anthropic Messages (`POST /v1/messages`), streamed (SSE with event names)
// or whole. Reasoning comes back signed (Anthropic) or as an encrypted item (Responses), so a test can
// check that it is sent back on the next turn.

type Obj = Record<string, any>;
export type WireFormatName = 'chat' | 'responses' | 'anthropic';

export function formatOfPath(path: string): WireFormatName {
  if (path.endsWith('/responses')) return 'responses';
  if (path.endsWith('/messages')) return 'anthropic';
  return 'chat';
}

/** The signature the gateway gives a thinking block, and expects back unchanged. */
export const signatureOf = (reasoning: string) => `sig-${Buffer.from(reasoning).toString('base64').slice(0, 24)}`;
export const encryptedOf = (reasoning: string) => `enc-${Buffer.from(reasoning).toString('base64').slice(0, 24)}`;

/** True when the request ends with tool results (what `afterToolResult` answers), in any format. */
export function endsWithToolResult(body: any): boolean {
  const msgs = Array.isArray(body?.messages) ? body.messages : [];
  const last = msgs[msgs.length - 1];
  if (last?.role === 'tool' || last?.role === 'function') return true;
  if (Array.isArray(last?.content) && last.content.some((b: Obj) => b?.type === 'tool_result')) return true;
  const input = Array.isArray(body?.input) ? body.input : [];
  return input[input.length - 1]?.type === 'function_call_output';
}

function usageOf(a: Answer): Obj {
  return a.usage ?? defaultUsage(a);
}

function sse(events: Obj[]): string {
  return events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
}

export function anthropicSse(a: Answer, model: string, pieces = 4): string {
  const c = choicesOf(a)[0];
  const u = usageOf(a);
  const cached = u.prompt_tokens_details?.cached_tokens ?? 0;
  const written = u.prompt_tokens_details?.cache_write_tokens ?? 0;
  const events: Obj[] = [{ type: 'message_start', message: { id: a.id ?? 'msg_test', type: 'message', role: 'assistant', model: a.model ?? model, content: [], usage: { input_tokens: (u.prompt_tokens ?? 0) - cached - written, cache_read_input_tokens: cached, cache_creation_input_tokens: written, output_tokens: 1 } } }];
  let index = 0;
  if (c.reasoning) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }, { type: 'ping' });
    for (const t of splitText(c.reasoning, pieces)) events.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: t } });
    events.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: signatureOf(c.reasoning) } }, { type: 'content_block_stop', index });
    index++;
  }
  if (c.content) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const t of splitText(c.content, pieces)) events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } });
    events.push({ type: 'content_block_stop', index });
    index++;
  }
  for (const [i, call] of (c.toolCalls ?? []).entries()) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: call.id ?? `toolu_${i}`, name: call.name, input: {} } });
    for (const t of splitText(call.arguments, 2)) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: t } });
    events.push({ type: 'content_block_stop', index });
    index++;
  }
  const stop = c.toolCalls?.length ? 'tool_use' : c.finishReason === 'length' ? 'max_tokens' : 'end_turn';
  events.push({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: u.completion_tokens ?? 0 } }, { type: 'message_stop' });
  return sse(events);
}

export function anthropicMessage(a: Answer, model: string): Obj {
  const c = choicesOf(a)[0];
  const u = usageOf(a);
  const content: Obj[] = [];
  if (c.reasoning) content.push({ type: 'thinking', thinking: c.reasoning, signature: signatureOf(c.reasoning) });
  if (c.content) content.push({ type: 'text', text: c.content });
  for (const [i, call] of (c.toolCalls ?? []).entries()) content.push({ type: 'tool_use', id: call.id ?? `toolu_${i}`, name: call.name, input: JSON.parse(call.arguments || '{}') });
  return { id: a.id ?? 'msg_test', type: 'message', role: 'assistant', model: a.model ?? model, content, stop_reason: c.toolCalls?.length ? 'tool_use' : 'end_turn', usage: { input_tokens: u.prompt_tokens ?? 0, output_tokens: u.completion_tokens ?? 0 } };
}

function responsesUsage(a: Answer): Obj {
  const u = usageOf(a);
  return {
    input_tokens: u.prompt_tokens ?? 0,
    input_tokens_details: { cached_tokens: u.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: u.completion_tokens ?? 0,
    output_tokens_details: { reasoning_tokens: u.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0),
  };
}

function responsesOutput(a: Answer): Obj[] {
  const c = choicesOf(a)[0];
  const out: Obj[] = [];
  if (c.reasoning) out.push({ id: 'rs_test', type: 'reasoning', encrypted_content: encryptedOf(c.reasoning), summary: [{ type: 'summary_text', text: c.reasoning }] });
  if (c.content) out.push({ id: 'msg_test', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: c.content, annotations: [] }] });
  for (const [i, call] of (c.toolCalls ?? []).entries()) out.push({ id: `fc_${i}`, type: 'function_call', status: 'completed', call_id: call.id ?? `call_${i}`, name: call.name, arguments: call.arguments });
  return out;
}

export function responsesSse(a: Answer, model: string, pieces = 4): string {
  const id = a.id ?? 'resp_test';
  const base = { id, object: 'response', model: a.model ?? model };
  const events: Obj[] = [{ type: 'response.created', response: { ...base, status: 'in_progress', output: [] } }, { type: 'response.in_progress', response: { ...base, status: 'in_progress', output: [] } }];
  const output = responsesOutput(a);
  output.forEach((item, i) => {
    if (item.type === 'reasoning') {
      events.push({ type: 'response.output_item.added', output_index: i, item: { ...item, summary: [] } });
      events.push({ type: 'response.reasoning_summary_part.added', item_id: item.id, output_index: i, summary_index: 0, part: { type: 'summary_text', text: '' } });
      for (const t of splitText(item.summary[0].text, pieces)) events.push({ type: 'response.reasoning_summary_text.delta', item_id: item.id, output_index: i, summary_index: 0, delta: t });
    } else if (item.type === 'message') {
      events.push({ type: 'response.output_item.added', output_index: i, item: { ...item, status: 'in_progress', content: [] } });
      for (const t of splitText(item.content[0].text, pieces)) events.push({ type: 'response.output_text.delta', item_id: item.id, output_index: i, content_index: 0, delta: t });
      events.push({ type: 'response.output_text.done', item_id: item.id, output_index: i, content_index: 0, text: item.content[0].text });
    } else {
      events.push({ type: 'response.output_item.added', output_index: i, item: { ...item, status: 'in_progress', arguments: '' } });
      for (const t of splitText(item.arguments, 2)) events.push({ type: 'response.function_call_arguments.delta', item_id: item.id, output_index: i, delta: t });
      events.push({ type: 'response.function_call_arguments.done', item_id: item.id, output_index: i, arguments: item.arguments });
    }
    events.push({ type: 'response.output_item.done', output_index: i, item });
  });
  events.push({ type: 'response.completed', response: { ...base, status: 'completed', output, usage: responsesUsage(a) } });
  return sse(events);
}

export function responsesWhole(a: Answer, model: string): Obj {
  return { id: a.id ?? 'resp_test', object: 'response', model: a.model ?? model, status: 'completed', output: responsesOutput(a), usage: responsesUsage(a) };
}

/** OpenAI's words for a model served only through the Responses API. */
export const ONLY_RESPONSES = 'This model is only supported in v1/responses and not in v1/chat/completions.';
