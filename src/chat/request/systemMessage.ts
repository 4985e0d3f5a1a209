// The one system message of a request, built here and only here, in a fixed order: the global or
// the model's prompt, the conversation's instructions, the project's rules (each headed by its
// path), the tool note. Pure: the turn plan brings the prompts and the rules read at send time, so
// anything that needs the message (the request builder, a token count) gets the same text.
import type { ChatMessage, ContentPart } from '../../llm';
import type { ContextSource, MessageRecord } from '../../shared/conversation';
import type { ModelSettings, SystemRole } from '../../shared/modelSettingsShape';
import { RULE_LIMIT_BYTES, ruleApplies, type RuleFile } from '../instructions/ruleFile';

export type { RuleFile } from '../instructions/ruleFile';

/** A prompt from settings: gatewayChat.systemPrompt (`global`) or the model's `systemPrompt`. */
export interface PromptSource {
  origin: 'global' | 'model';
  text: string;
}

/** What the turn plan carries for the system message: the prompts from settings and every rules file read. */
export interface PlanInstructions {
  prompts: PromptSource[];
  /** All rules files of a trusted workspace (none when untrusted or turned off); `applyTo` is matched per request. */
  rules: RuleFile[];
}

/** The prompts for a model: its own `systemPrompt` replaces the global one, or follows it with `append`. */
export function promptSources(globalPrompt: string | undefined, settings: Pick<ModelSettings, 'systemPrompt' | 'systemPromptMode'>): PromptSource[] {
  const global = globalPrompt?.trim() ? [{ origin: 'global' as const, text: globalPrompt.trim() }] : [];
  const own = settings.systemPrompt?.trim();
  if (!own) return global;
  const model = { origin: 'model' as const, text: own };
  return settings.systemPromptMode === 'append' ? [...global, model] : [model];
}

export interface SystemInput {
  instructions?: PlanInstructions;
  /** The conversation's own instructions. */
  conversation?: string;
  toolNote?: string;
  /** The conversation so far: its attached and edited files decide which `applyTo` rules go along. */
  history: readonly MessageRecord[];
}

export interface SystemMessage {
  /** The whole text, or undefined when there is nothing to say. */
  text?: string;
  /** The prompts and rules in it, for the chips above the answer. */
  sources: ContextSource[];
}

const TOOLS_THAT_EDIT = new Set(['edit_file', 'create_file', 'rename_file', 'delete_file']);

/** Workspace paths the user attached or the model edited (or created, renamed, deleted) in the conversation. */
export function conversationFiles(history: readonly MessageRecord[]): string[] {
  const files = new Set<string>();
  for (const m of history) {
    for (const a of m.attachments ?? []) if (a.path) files.add(a.path);
    for (const c of m.toolCalls ?? []) {
      if (!TOOLS_THAT_EDIT.has(c.name) || c.state !== 'done') continue;
      if (c.path) files.add(c.path);
      const to = renamedTo(c.arguments);
      if (to) files.add(to);
    }
  }
  return [...files];
}

function renamedTo(args: string): string | undefined {
  try {
    const v = JSON.parse(args) as { to?: unknown };
    return typeof v?.to === 'string' ? v.to : undefined;
  } catch {
    return undefined;
  }
}

export function ruleText(rule: RuleFile): string {
  const cut = rule.truncated ? `\n\n[${rule.path} is longer than ${RULE_LIMIT_BYTES / 1024} KB: only its beginning is included.]` : '';
  return `Rules from ${rule.path}:\n\n${rule.text}${cut}`;
}

export function systemMessage(input: SystemInput): SystemMessage {
  const prompts = input.instructions?.prompts ?? [];
  const conversation = input.conversation?.trim();
  const files = conversationFiles(input.history);
  const rules = (input.instructions?.rules ?? []).filter((r) => ruleApplies(r, files));
  const parts = [
    ...prompts.map((p) => p.text),
    ...(conversation ? [`Instructions for this conversation:\n\n${conversation}`] : []),
    ...rules.map(ruleText),
    ...(input.toolNote ? [input.toolNote] : []),
  ];
  const sources: ContextSource[] = [
    ...prompts.map((p): ContextSource => ({ kind: 'prompt', origin: p.origin, text: p.text })),
    ...(conversation ? [{ kind: 'prompt', origin: 'conversation', text: conversation } as const] : []),
    ...rules.map((r): ContextSource => ({ kind: 'rule', path: r.path, ...(r.truncated ? { truncated: true } : {}) })),
  ];
  return { ...(parts.length ? { text: parts.join('\n\n') } : {}), sources };
}

/**
 * The message placed in the role the model takes: first as `system` or `developer`; for `user`,
 * merged in front of the first user message (two user messages in a row trouble some gateways),
 * or as a leading user message when there is none.
 */
export function placeSystemMessage(messages: ChatMessage[], text: string | undefined, role: SystemRole = 'system'): ChatMessage[] {
  if (!text) return messages;
  if (role !== 'user') return [{ role, content: text }, ...messages];
  const i = messages.findIndex((m) => m.role === 'user');
  if (i < 0) return [{ role: 'user', content: text }, ...messages];
  const first = messages[i];
  const content: string | ContentPart[] = Array.isArray(first.content)
    ? [{ type: 'text', text }, ...first.content]
    : first.content ? `${text}\n\n${first.content}` : text;
  return [...messages.slice(0, i), { ...first, content }, ...messages.slice(i + 1)];
}
