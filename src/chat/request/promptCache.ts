// Prompt caching for Claude: `cache_control: {type: "ephemeral"}` breakpoints on the system message, the tool
// list and the last user turn, so a long conversation re-reads its prefix from the cache (about a tenth of the
// input price) instead of paying for it again. The Messages and Responses adapters carry the marks to their
// blocks; in chat/completions only content parts carry them (the gateways that accept it there take it so).
import type { ChatMessage, ChatRequest, ContentPart, WireApi } from '../../llm';
import type { ModelSettings } from '../../shared/modelSettingsShape';

const EPHEMERAL = { type: 'ephemeral' } as const;

/** On when the model's settings say so; absent, for Claude models (`claude-*`, `anthropic/claude-*`). */
export function promptCacheOn(settings: Pick<ModelSettings, 'promptCache'>, modelId: string): boolean {
  return settings.promptCache ?? /(^|[/:])claude/i.test(modelId);
}

export function applyPromptCache(request: ChatRequest, api: WireApi): ChatRequest {
  const messages = request.messages.slice();
  const system = findLast(messages, (m) => m.role === 'system' || m.role === 'developer');
  // Inside a tool loop the results are the last user turn (Messages sends them as one); chat/completions
  // gateways are not all ready for parts in a tool message, so there it is the last user message.
  const user = findLast(messages, (m) => m.role === 'user' || (api !== 'chat' && m.role === 'tool'));
  for (const i of [system, user]) if (i >= 0) messages[i] = marked(messages[i]);
  const out: ChatRequest = { ...request, messages };
  const tools = request.tools;
  if (api !== 'chat' && tools?.length) out.tools = [...tools.slice(0, -1), { ...tools[tools.length - 1], cache_control: EPHEMERAL }];
  return out;
}

/** The message with a breakpoint on its last part (a string becomes one text part). */
function marked(m: ChatMessage): ChatMessage {
  const parts: ContentPart[] = typeof m.content === 'string' ? (m.content ? [{ type: 'text', text: m.content }] : []) : [...(m.content ?? [])];
  if (!parts.length) return m;
  parts[parts.length - 1] = { ...parts[parts.length - 1], cache_control: EPHEMERAL } as ContentPart;
  return { ...m, content: parts };
}

function findLast<T>(list: T[], test: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
  return -1;
}
