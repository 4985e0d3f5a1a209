// The per-model settings form as plain text fields, and the mapping both ways between those
// fields and a gatewayChat.models entry. An empty field means unset: the entry leaves it out.
import {
  audioFormats, capabilityNames, contextWindowRule, fitsRule, isJsonObject, isRecord, isToolChoice, limits, numberParams, omitNamePattern, reasoningEfforts,
  type ModelSettings, refusedBodyKeys, systemPromptModes, systemRoles, toolChoiceModes, toolNamePattern, wireApis } from './modelSettingsShape';
import { stopList, stopText } from './stopSequences';

export const numberFields = Object.keys(numberParams);
export const selectFields = ['stream', 'reasoning_effort', 'enable_thinking', 'enable_thinking_in', 'separate_reasoning', 'tool-format', 'api', 'prompt-cache',
  'tool_choice', 'parallel_tool_calls', 'strict-tools', 'audio-format',
  ...capabilityNames.map((c) => `capability-${c}`), 'system-prompt-mode', 'system-role'] as const;
export const textFields = ['stop', 'logit_bias', 'user', 'extra-body', 'omit', 'tool-choice-name', 'audio-voice',
  'price-input', 'price-cached', 'price-cache-write', 'price-output', 'currency', 'system-prompt', 'context-window'] as const;
/** Every field's text, by the name its input carries (`data-testid="setting-<name>"`). */
export type FormValues = Record<string, string>;

/** The choices of each select; '' (unset) comes first everywhere except enable_thinking_in. */
export const selectOptions: Record<(typeof selectFields)[number], readonly string[]> = {
  stream: ['', 'on', 'off'],
  reasoning_effort: ['', ...reasoningEfforts],
  enable_thinking: ['', 'true', 'false'],
  enable_thinking_in: ['top', 'extra_body'],
  separate_reasoning: ['', 'true', 'false'],
  'tool-format': ['', 'tools', 'functions'],
  api: ['', ...wireApis],
  'prompt-cache': ['', 'on', 'off'],
  tool_choice: ['', ...toolChoiceModes, 'named'],
  parallel_tool_calls: ['', 'true', 'false'],
  'strict-tools': ['', 'on', 'off'],
  'audio-format': ['', ...audioFormats],
  'capability-tools': ['', 'on', 'off'],
  'capability-vision': ['', 'on', 'off'],
  'capability-reasoning': ['', 'on', 'off'],
  'capability-json': ['', 'on', 'off'],
  'capability-files': ['', 'on', 'off'],
  'capability-audio': ['', 'on', 'off'],
  'system-prompt-mode': ['', ...systemPromptModes],
  'system-role': ['', ...systemRoles],
};

/** English texts; the webview translates them (they are in webviewStrings). */
export type FieldError =
  | { text: 'Not a number.' }
  | { text: 'Must be a whole number.' }
  | { text: 'Must be at least {0}.'; args: [number] }
  | { text: 'Must be at most {0}.'; args: [number] }
  | { text: 'Not valid JSON: {0}'; args: [string] }
  | { text: 'Must be a JSON object.' }
  | { text: 'Each value must be a number from -100 to 100.' }
  | { text: 'Too long.' }
  | { text: 'Not a field name: {0}'; args: [string] }
  | { text: 'At most {0} stop sequences.'; args: [number] }
  | { text: 'Name the tool.' }
  | { text: 'Not a tool name: {0}'; args: [string] }
  | { text: 'Give a voice for audio answers, or no format.' }
  | { text: 'The body cannot set {0}: Gateway Chat sets it for every request.'; args: [string] };

export type FormResult = { ok: true; settings: ModelSettings } | { ok: false; errors: Record<string, FieldError> };

const list = (text: string, separator: RegExp) => text.split(separator).map((s) => s.trim()).filter(Boolean);
const numberPattern = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const flag = (v: unknown, yes: string, no: string) => (v === true ? yes : v === false ? no : '');
const put = (target: Record<string, unknown>, key: string, v: unknown) => { if (v !== undefined) target[key] = v; };

/** The form's text for an entry (from settings.json, so anything may be in it). */
export function formFromEntry(entry: unknown): FormValues {
  const s = isRecord(entry) ? entry : {};
  const params = isRecord(s.params) ? s.params : {};
  const body = isRecord(s.body) ? structuredClone(s.body) : {};
  const caps = isRecord(s.capabilities) ? s.capabilities : {};
  const prices = isRecord(s.prices) ? s.prices : {};
  const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const values: FormValues = {};
  for (const k of numberFields) values[k] = text(params[k]);
  values.stop = stopText(params.stop);
  values.logit_bias = text(params.logit_bias);
  values.user = text(params.user);
  values.stream = flag(params.stream, 'on', 'off');
  values.reasoning_effort = text(params.reasoning_effort);
  values.separate_reasoning = flag(params.separate_reasoning, 'true', 'false');
  // enable_thinking goes top-level or inside extra_body, as gateways document both; the form shows one select for it.
  const extra = isRecord(body.extra_body) ? body.extra_body : undefined;
  values.enable_thinking = flag(params.enable_thinking, 'true', 'false');
  values.enable_thinking_in = 'top';
  if (!values.enable_thinking && typeof extra?.enable_thinking === 'boolean') {
    values.enable_thinking = flag(extra.enable_thinking, 'true', 'false');
    values.enable_thinking_in = 'extra_body';
    delete extra.enable_thinking;
    if (!Object.keys(extra).length) delete body.extra_body;
  }
  values['extra-body'] = Object.keys(body).length ? JSON.stringify(body, null, 2) : '';
  values.omit = Array.isArray(s.omit) ? s.omit.join(', ') : '';
  for (const c of capabilityNames) values[`capability-${c}`] = flag(caps[c], 'on', 'off');
  values['tool-format'] = s.toolFormat === 'tools' || s.toolFormat === 'functions' ? s.toolFormat : '';
  values.api = (wireApis as readonly unknown[]).includes(s.api) ? String(s.api) : '';
  values['prompt-cache'] = flag(s.promptCache, 'on', 'off');
  const choice = isToolChoice(s.toolChoice) ? s.toolChoice : undefined;
  values.tool_choice = typeof choice === 'object' ? 'named' : choice ?? '';
  values['tool-choice-name'] = typeof choice === 'object' ? choice.name : '';
  values.parallel_tool_calls = flag(s.parallelToolCalls, 'true', 'false');
  values['strict-tools'] = flag(s.strictTools, 'on', 'off');
  const audio = isRecord(params.audio) ? params.audio : {};
  values['audio-voice'] = text(audio.voice);
  values['audio-format'] = text(audio.format);
  values['price-input'] = text(prices.input);
  values['price-cached'] = text(prices.cachedInput);
  values['price-cache-write'] = text(prices.cacheWrite);
  values['price-output'] = text(prices.output);
  values.currency = text(prices.currency);
  values['system-prompt'] = typeof s.systemPrompt === 'string' ? s.systemPrompt : '';
  values['system-prompt-mode'] = (systemPromptModes as readonly unknown[]).includes(s.systemPromptMode) ? String(s.systemPromptMode) : '';
  values['system-role'] = (systemRoles as readonly unknown[]).includes(s.systemRole) ? String(s.systemRole) : '';
  values['context-window'] = text(s.contextWindow);
  return values;
}

/** The entry the form describes, or what is wrong with each field; nothing unset is in it. */
export function entryFromForm(values: FormValues): FormResult {
  const errors: Record<string, FieldError> = {};
  const field = (name: string) => (values[name] ?? '').trim();
  const number = (name: string, rule: { integer?: boolean; min?: number; max?: number }): number | undefined => {
    const raw = field(name);
    if (!raw) return undefined;
    const n = Number(raw);
    if (!numberPattern.test(raw) || !Number.isFinite(n)) errors[name] = { text: 'Not a number.' };
    else if (rule.integer && !Number.isSafeInteger(n)) errors[name] = { text: 'Must be a whole number.' };
    else if (rule.min !== undefined && n < rule.min) errors[name] = { text: 'Must be at least {0}.', args: [rule.min] };
    else if (rule.max !== undefined && n > rule.max) errors[name] = { text: 'Must be at most {0}.', args: [rule.max] };
    else return n;
    return undefined;
  };
  const json = (name: string): Record<string, unknown> | undefined => {
    const raw = field(name);
    if (!raw) return undefined;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      errors[name] = { text: 'Not valid JSON: {0}', args: [e instanceof Error ? e.message : String(e)] };
      return undefined;
    }
    if (isJsonObject(v)) return v;
    errors[name] = isRecord(v) ? { text: 'Too long.' } : { text: 'Must be a JSON object.' };
    return undefined;
  };
  const choice = (name: string, yes: string, no: string) => (field(name) === yes ? true : field(name) === no ? false : undefined);

  const params: Record<string, unknown> = {};
  for (const [k, rule] of Object.entries(numberParams)) put(params, k, number(k, rule));
  // Exact strings: not trimmed, not split on commas (`\n\n` and ", " are stop sequences too).
  const stop = stopList(values.stop ?? '');
  if (stop.length > limits.stopItems) errors.stop = { text: 'At most {0} stop sequences.', args: [limits.stopItems] };
  else if (stop.some((s) => s.length > limits.stopLength)) errors.stop = { text: 'Too long.' };
  else if (stop.length) params.stop = stop;
  const bias = json('logit_bias');
  if (bias && Object.keys(bias).length > limits.logitBiasKeys) errors.logit_bias = { text: 'Too long.' };
  else if (bias && !Object.values(bias).every((x) => fitsRule(x, { min: -100, max: 100 }))) errors.logit_bias = { text: 'Each value must be a number from -100 to 100.' };
  else put(params, 'logit_bias', bias);
  if (field('user').length > limits.userLength) errors.user = { text: 'Too long.' };
  else if (field('user')) params.user = field('user');
  put(params, 'stream', choice('stream', 'on', 'off'));
  // A value from settings.json the select does not list (a gateway's own, such as `none`) is kept as it is.
  if (/^[a-z]{1,16}$/.test(field('reasoning_effort'))) params.reasoning_effort = field('reasoning_effort');
  put(params, 'separate_reasoning', choice('separate_reasoning', 'true', 'false'));

  let body = json('extra-body');
  const refused = refusedBodyKeys(body);
  if (refused.length) errors['extra-body'] = { text: 'The body cannot set {0}: Gateway Chat sets it for every request.', args: [refused.join(', ')] };
  const thinking = choice('enable_thinking', 'true', 'false');
  if (thinking !== undefined && field('enable_thinking_in') === 'extra_body') {
    const extra = isRecord(body?.extra_body) ? body.extra_body : {};
    body = { ...body, extra_body: { ...extra, enable_thinking: thinking } };
  } else put(params, 'enable_thinking', thinking);

  const omit = list(field('omit'), /[\s,]+/);
  const badName = omit.find((o) => !omitNamePattern.test(o));
  if (badName) errors.omit = { text: 'Not a field name: {0}', args: [badName] };
  else if (omit.length > limits.omitItems) errors.omit = { text: 'Too long.' };

  // An audio answer: `modalities` and `audio` go together, from the voice (and the format, if chosen).
  const voice = field('audio-voice');
  if (voice && !/^[A-Za-z0-9_-]{1,64}$/.test(voice)) errors['audio-voice'] = { text: 'Too long.' };
  else if (voice) {
    params.modalities = ['text', 'audio'];
    params.audio = { voice, ...(field('audio-format') ? { format: field('audio-format') } : {}) };
  } else if (field('audio-format')) errors['audio-voice'] = { text: 'Give a voice for audio answers, or no format.' };

  let toolChoice: ModelSettings['toolChoice'];
  const choiceMode = field('tool_choice');
  if (choiceMode === 'named') {
    const name = field('tool-choice-name');
    if (!name) errors['tool-choice-name'] = { text: 'Name the tool.' };
    else if (!toolNamePattern.test(name)) errors['tool-choice-name'] = { text: 'Not a tool name: {0}', args: [name] };
    else toolChoice = { name };
  } else if ((toolChoiceModes as readonly string[]).includes(choiceMode)) toolChoice = choiceMode as ModelSettings['toolChoice'];

  const capabilities: Record<string, boolean> = {};
  for (const c of capabilityNames) put(capabilities, c, choice(`capability-${c}`, 'on', 'off'));

  const priceRule = { min: 0, max: limits.maxPrice };
  const prices: Record<string, unknown> = {};
  put(prices, 'input', number('price-input', priceRule));
  put(prices, 'cachedInput', number('price-cached', priceRule));
  put(prices, 'cacheWrite', number('price-cache-write', priceRule));
  put(prices, 'output', number('price-output', priceRule));
  if (field('currency').length > limits.currencyLength) errors.currency = { text: 'Too long.' };
  else if (field('currency')) prices.currency = field('currency');

  // The prompt is markdown: kept as typed (only surrounding blank space trimmed).
  const systemPrompt = field('system-prompt');
  if (systemPrompt.length > limits.systemPromptChars) errors['system-prompt'] = { text: 'Too long.' };
  const contextWindow = number('context-window', contextWindowRule);

  if (Object.keys(errors).length) return { ok: false, errors };
  const settings: ModelSettings = {};
  if (Object.keys(params).length) settings.params = params;
  if (body && Object.keys(body).length) settings.body = body;
  if (omit.length) settings.omit = [...new Set(omit)];
  if (Object.keys(capabilities).length) settings.capabilities = capabilities;
  const format = field('tool-format');
  if (format === 'tools' || format === 'functions') settings.toolFormat = format;
  if (toolChoice) settings.toolChoice = toolChoice;
  const parallel = choice('parallel_tool_calls', 'true', 'false');
  if (parallel !== undefined) settings.parallelToolCalls = parallel;
  const strict = choice('strict-tools', 'on', 'off');
  if (strict !== undefined) settings.strictTools = strict;
  if (Object.keys(prices).length) settings.prices = prices;
  if (systemPrompt) settings.systemPrompt = systemPrompt;
  const mode = systemPromptModes.find((m) => m === field('system-prompt-mode'));
  if (mode) settings.systemPromptMode = mode;
  const role = systemRoles.find((r) => r === field('system-role'));
  if (role) settings.systemRole = role;
  if (contextWindow !== undefined) settings.contextWindow = contextWindow;
  const api = field('api');
  if (api === 'chat' || api === 'responses' || api === 'anthropic') settings.api = api;
  put(settings as Record<string, unknown>, 'promptCache', choice('prompt-cache', 'on', 'off'));
  return { ok: true, settings };
}
