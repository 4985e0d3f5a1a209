// Conversation titles: the first prompt by default; optionally a few words from the model.
import type { Attachment } from '../../shared/conversation';
import { apiWithFixes, applyFixes, type CompatFix } from '../request/compatibility';
import type { WireApi } from '../../llm';
import type { StreamingClient } from './turn';

export function titleFromPrompt(text: string, attachments: Attachment[]): string {
  const line = text.trim().split('\n')[0] || attachments[0]?.label || '';
  return line.length > 60 ? line.slice(0, 57) + '...' : line;
}

const titlePrompt = (prompt: string) =>
  `Write a title of at most six words for a conversation that starts with the message below. ` +
  `Answer with the title only, in the message's language, without quotes.\n\n${prompt.slice(0, 2000)}`;

/**
 * Asks the model for a short title; undefined when it fails or answers with nothing usable. `fixes`:
 * what the gateway is remembered to refuse for this model (e.g. `max_tokens` on reasoning models).
 */
export async function titleFromModel(client: StreamingClient, modelId: string, prompt: string, signal?: AbortSignal, fixes: readonly CompatFix[] = [], api?: WireApi): Promise<string | undefined> {
  let text = '';
  try {
    const { request, omit } = applyFixes({ model: modelId, messages: [{ role: 'user', content: titlePrompt(prompt) }], max_tokens: 30 }, undefined, fixes);
    const wire = apiWithFixes(api, fixes);
    const events = client.stream(request, { signal, omit, ...(wire && wire !== 'chat' ? { api: wire } : {}) });
    for await (const e of events) if (e.type === 'text' && e.choice === 0) text += e.text;
  } catch {
    return undefined;
  }
  const title = text.replace(/<think>[\s\S]*?<\/think>/g, '').trim().split('\n')[0].replace(/^["'“「《]+|["'”」》.。]+$/g, '').trim();
  return title ? title.slice(0, 80) : undefined;
}
