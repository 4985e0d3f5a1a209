// VS Code's language-model messages (as the host hands them over, free of vscode types) become the
// wire messages of our ChatRequest, and the consumer's tools become the request's tool offer. The
// request builder then applies model settings, capability overrides and compatibility fixes as for
// the panel.
import type { ChatMessage, ChatRequest, ContentPart, ToolDefinition } from '../../llm';
import type { ModelSettings } from '../../shared/modelSettingsShape';
import type { ToolOffer } from '../request/turnPlan';

export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'image'; mimeType: string; data: Uint8Array }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  /** `content`: the result's text parts, in order (data and prompt parts already turned into text by the host). */
  | { kind: 'toolResult'; callId: string; content: string; isError?: boolean }
  | { kind: 'thinking'; text: string };

export interface LmMessage {
  role: 'system' | 'user' | 'assistant';
  parts: LmPart[];
}

export interface LmTool {
  name: string;
  description?: string;
  inputSchema?: object;
}

/** Wire messages, in order. `legacy`: the model speaks only `functions` / `function_call`. */
export function lmWireMessages(messages: readonly LmMessage[], legacy = false): ChatMessage[] {
  const wire: ChatMessage[] = [];
  const callNames = new Map<string, string>();
  for (const m of messages) {
    if (m.role === 'system') {
      const text = textOf(m.parts);
      if (text) wire.push({ role: 'system', content: text });
    } else if (m.role === 'assistant') {
      const msg = assistantMessage(m.parts, legacy);
      for (const p of m.parts) if (p.kind === 'toolCall') callNames.set(p.callId, p.name);
      if (msg) wire.push(msg);
    } else {
      // Tool results answer the assistant's calls and must follow them directly: they go first.
      for (const p of m.parts) {
        if (p.kind !== 'toolResult') continue;
        const content = p.isError ? `Error: ${p.content}` : p.content;
        wire.push(legacy
          ? { role: 'function', name: callNames.get(p.callId) ?? 'unknown', content }
          : { role: 'tool', tool_call_id: p.callId, content });
      }
      const user = userMessage(m.parts);
      if (user) wire.push(user);
    }
  }
  return wire;
}

function textOf(parts: readonly LmPart[]): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

function userMessage(parts: readonly LmPart[]): ChatMessage | undefined {
  const content: ContentPart[] = [];
  for (const p of parts) {
    if (p.kind === 'text' && p.text) {
      const last = content[content.length - 1];
      if (last?.type === 'text') (last as { text: string }).text += p.text;
      else content.push({ type: 'text', text: p.text });
    } else if (p.kind === 'image') {
      content.push({ type: 'image_url', image_url: { url: dataUrl(p.mimeType, p.data) } });
    }
  }
  if (!content.length) return undefined;
  const onlyText = content.length === 1 && content[0].type === 'text';
  return { role: 'user', content: onlyText ? (content[0] as { text: string }).text : content };
}

/** Text, tool calls, and reasoning back as `reasoning_content` (thinking models want it inside a tool loop). */
function assistantMessage(parts: readonly LmPart[], legacy: boolean): ChatMessage | undefined {
  const text = textOf(parts);
  const calls = parts.filter((p): p is Extract<LmPart, { kind: 'toolCall' }> => p.kind === 'toolCall');
  const reasoning = parts.map((p) => (p.kind === 'thinking' ? p.text : '')).join('');
  if (!text && !calls.length) return undefined;
  const msg: ChatMessage = { role: 'assistant', content: text || null };
  if (calls.length && legacy) msg.function_call = { name: calls[0].name, arguments: JSON.stringify(calls[0].input ?? {}) };
  else if (calls.length) {
    msg.tool_calls = calls.map((c) => ({ id: c.callId, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.input ?? {}) } }));
  }
  if (reasoning && calls.length) msg.reasoning_content = reasoning;
  return msg;
}

export function dataUrl(mimeType: string, data: Uint8Array): string {
  return `data:${mimeType};base64,${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`;
}

/**
 * The consumer's tools as the request's offer: none when the model's settings say it cannot call
 * tools, legacy `functions` for models that only speak those, and `tool_choice: required` when the
 * consumer requires a tool call.
 */
export function lmToolOffer(tools: readonly LmTool[] | undefined, required: boolean, settings: Pick<ModelSettings, 'capabilities' | 'toolFormat'>): ToolOffer {
  if (!tools?.length || settings.capabilities?.tools === false) return {};
  const defs: ToolDefinition[] = tools.map((t) => ({
    type: 'function',
    function: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      // Some gateways refuse a function without parameters.
      parameters: t.inputSchema ?? { type: 'object', properties: {} },
    },
  }));
  if (settings.toolFormat === 'functions') {
    const functions: NonNullable<ChatRequest['functions']> = defs.map((d) => d.function);
    return { functions, ...(required && functions.length === 1 ? { choice: { name: functions[0].name } } : {}) };
  }
  return { tools: defs, ...(required ? { choice: 'required' as const } : {}) };
}
