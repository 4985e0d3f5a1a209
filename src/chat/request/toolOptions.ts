// How the model may use the tools it is offered, from the typed fields of gatewayChat.models (a raw
// body cannot set these): `tool_choice`, `parallel_tool_calls`, and `function.strict` for each tool
// whose schema strict mode accepts. Nothing is added when no tools are offered: a `tool_choice`
// without tools is an error at every gateway.
import type { ChatRequest, ToolDefinition } from '../../llm';
import type { ModelSettings } from '../../shared/modelSettingsShape';

export function applyToolOptions(request: ChatRequest, s: Pick<ModelSettings, 'toolChoice' | 'parallelToolCalls' | 'strictTools'>): ChatRequest {
  const out: ChatRequest = { ...request };
  if (out.tools?.length) {
    // A choice the turn itself needs (the base step's) stands; the settings' is the default.
    const choice = out.tool_choice === undefined ? s.toolChoice : undefined;
    if (typeof choice === 'string') out.tool_choice = choice;
    else if (choice && out.tools.some((t) => t.function.name === choice.name)) out.tool_choice = { type: 'function', function: { name: choice.name } };
    if (typeof s.parallelToolCalls === 'boolean') out.parallel_tool_calls = s.parallelToolCalls;
    if (s.strictTools) out.tools = out.tools.map(strictIfAllowed);
  } else if (out.functions?.length) {
    // The legacy form has `function_call` (auto / none / a name) and nothing for `required`.
    const choice = out.function_call === undefined ? s.toolChoice : undefined;
    if (choice === 'auto' || choice === 'none') out.function_call = choice;
    else if (choice && typeof choice === 'object' && out.functions.some((f) => f.name === choice.name)) out.function_call = { name: choice.name };
  }
  return out;
}

function strictIfAllowed(t: ToolDefinition): ToolDefinition {
  return strictSchema(t.function.parameters ?? { type: 'object', properties: {}, required: [], additionalProperties: false })
    ? { ...t, function: { ...t.function, strict: true } }
    : t;
}

/**
 * Strict mode (OpenAI structured outputs) accepts a schema only when every object lists all of its
 * properties as required and forbids others; a tool with optional parameters stays as it is.
 */
export function strictSchema(schema: unknown, depth = 0): boolean {
  if (depth > 32 || !schema || typeof schema !== 'object' || Array.isArray(schema)) return false;
  const s = schema as Record<string, unknown>;
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = s[key];
    if (list !== undefined && !(Array.isArray(list) && list.every((x) => strictSchema(x, depth + 1)))) return false;
  }
  const type = s.type;
  const isObject = type === 'object' || (Array.isArray(type) && type.includes('object')) || s.properties !== undefined;
  if (isObject) {
    const props = (s.properties ?? {}) as Record<string, unknown>;
    if (typeof props !== 'object' || Array.isArray(props)) return false;
    const required = Array.isArray(s.required) ? s.required : [];
    if (s.additionalProperties !== false) return false;
    if (!Object.keys(props).every((k) => required.includes(k))) return false;
    if (!Object.values(props).every((p) => strictSchema(p, depth + 1))) return false;
  }
  if (s.items !== undefined && !strictSchema(s.items, depth + 1)) return false;
  return true;
}
