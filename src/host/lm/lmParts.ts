// VS Code's language-model message parts to the chat layer's plain ones, and the parts that exist
// only in newer VS Code (data parts, thinking parts) found at runtime, never assumed.
import * as vscode from 'vscode';
import type { LmMessage, LmPart } from '../../chat/lm/messages';

/** `LanguageModelChatMessageRole.System` (3) is proposed API; VS Code's chat sends it all the same. */
const SYSTEM_ROLE = 3;

type ThinkingCtor = new (value: string | string[]) => unknown;

/** `LanguageModelThinkingPart` (proposal `languageModelThinkingPart`, present at runtime in 1.139), or nothing. */
export function thinkingPartClass(): ThinkingCtor | undefined {
  const ctor = (vscode as unknown as { LanguageModelThinkingPart?: unknown }).LanguageModelThinkingPart;
  return typeof ctor === 'function' ? (ctor as ThinkingCtor) : undefined;
}

export function toLmMessage(m: vscode.LanguageModelChatRequestMessage): LmMessage {
  const role = m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : (m.role as number) === SYSTEM_ROLE ? 'system' : 'user';
  const parts: LmPart[] = [];
  for (const p of m.content) {
    const part = toLmPart(p);
    if (part) parts.push(part);
  }
  return { role, parts };
}

function toLmPart(p: unknown): LmPart | undefined {
  if (p instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: p.value };
  if (p instanceof vscode.LanguageModelToolCallPart) return { kind: 'toolCall', callId: p.callId, name: p.name, input: p.input };
  if (p instanceof vscode.LanguageModelToolResultPart) {
    const isError = (p as { isError?: unknown }).isError === true;
    return { kind: 'toolResult', callId: p.callId, content: p.content.map(resultText).join(''), ...(isError ? { isError } : {}) };
  }
  const Thinking = thinkingPartClass();
  if (Thinking && p instanceof Thinking) {
    const value = (p as { value?: unknown }).value;
    return { kind: 'thinking', text: Array.isArray(value) ? value.join('') : String(value ?? '') };
  }
  const data = dataPart(p);
  if (data && /^image\//i.test(data.mimeType)) return { kind: 'image', mimeType: data.mimeType, data: data.data };
  if (data && isTextMime(data.mimeType)) return { kind: 'text', text: new TextDecoder().decode(data.data) };
  if (typeof p === 'string') return { kind: 'text', text: p };
  // Anything else (e.g. a `cache_control` data part meant for another provider) is not for the model.
  return undefined;
}

/** What a tool said, as text: text parts, text or JSON data parts, prompt-tsx parts as their JSON. */
function resultText(p: unknown): string {
  if (p instanceof vscode.LanguageModelTextPart) return p.value;
  if (p instanceof vscode.LanguageModelPromptTsxPart) return JSON.stringify(p.value);
  const data = dataPart(p);
  if (data && isTextMime(data.mimeType)) return new TextDecoder().decode(data.data);
  return typeof p === 'string' ? p : '';
}

/** `LanguageModelDataPart` is stable only from 1.105; recognised by shape so 1.104 works too. */
function dataPart(p: unknown): { mimeType: string; data: Uint8Array } | undefined {
  const d = p as { mimeType?: unknown; data?: unknown } | null;
  return d && typeof d === 'object' && typeof d.mimeType === 'string' && d.data instanceof Uint8Array
    ? { mimeType: d.mimeType, data: d.data }
    : undefined;
}

function isTextMime(mime: string): boolean {
  return /^text\//i.test(mime) || /^application\/(?:[\w.+-]+\+)?json$/i.test(mime);
}
