import type { UsageInfo } from '../shared/conversation';
import { t } from './i18n';

/** "prompt 12 · completion 30 · cached 4 · reasoning 10 · first token 0.3 s · 42.1 tok/s" */
export function usageText(u: UsageInfo): string {
  const parts: string[] = [];
  if (u.promptTokens !== undefined) parts.push(t('prompt {0}', u.promptTokens));
  if (u.completionTokens !== undefined) parts.push(t('completion {0}', u.completionTokens));
  if (u.cachedTokens) parts.push(t('cached {0}', u.cachedTokens));
  if (u.reasoningTokens) parts.push(t('reasoning {0}', u.reasoningTokens));
  if (u.ttftMs !== undefined) parts.push(t('first token {0} s', (u.ttftMs / 1000).toFixed(2)));
  if (u.tokensPerSecond !== undefined) parts.push(t('{0} tok/s', u.tokensPerSecond));
  return parts.join(' · ');
}

export function totalsText(messages: { role: string; usage?: UsageInfo }[]): string {
  let prompt = 0, completion = 0, any = false;
  for (const m of messages) {
    if (m.role !== 'assistant' || !m.usage) continue;
    if (m.usage.promptTokens !== undefined || m.usage.completionTokens !== undefined) any = true;
    prompt += m.usage.promptTokens ?? 0;
    completion += m.usage.completionTokens ?? 0;
  }
  return any ? t('Conversation: {0} prompt + {1} completion tokens', prompt, completion) : '';
}
