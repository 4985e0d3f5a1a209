import type { MessageRecord, UsageInfo } from '../../shared/conversation';
import { t } from '../i18n';

/** "prompt 12 · completion 30 · cached 4 · reasoning 10 · first token 0.3 s · 42.1 tok/s · $0.0012" */
export function usageText(u: UsageInfo): string {
  const parts: string[] = [];
  if (u.promptTokens !== undefined) parts.push(t('prompt {0}', u.promptTokens));
  if (u.completionTokens !== undefined) parts.push(t('completion {0}', u.completionTokens));
  if (u.cachedTokens) parts.push(t('cached {0}', u.cachedTokens));
  if (u.cacheWriteTokens) parts.push(t('cache write {0}', u.cacheWriteTokens));
  if (u.reasoningTokens) parts.push(t('reasoning {0}', u.reasoningTokens));
  if (u.ttftMs !== undefined) parts.push(t('first token {0} s', (u.ttftMs / 1000).toFixed(2)));
  if (u.tokensPerSecond !== undefined) parts.push(t('{0} tok/s', u.tokensPerSecond));
  if (u.cost !== undefined) parts.push(formatCost(u.cost, u.currency));
  return parts.join(' · ');
}

export function totalsText(messages: { role: string; usage?: UsageInfo }[]): string {
  let prompt = 0, completion = 0, any = false;
  // Answers of models priced in different currencies are not added together.
  const costs = new Map<string, number>();
  for (const m of messages) {
    if (m.role !== 'assistant' || !m.usage) continue;
    if (m.usage.promptTokens !== undefined || m.usage.completionTokens !== undefined) any = true;
    prompt += m.usage.promptTokens ?? 0;
    completion += m.usage.completionTokens ?? 0;
    if (m.usage.cost !== undefined) costs.set(m.usage.currency ?? '$', (costs.get(m.usage.currency ?? '$') ?? 0) + m.usage.cost);
  }
  if (!any) return '';
  const tokens = t('Conversation: {0} prompt + {1} completion tokens', prompt, completion);
  return costs.size ? `${tokens} · ${[...costs].map(([currency, cost]) => formatCost(cost, currency)).join(' + ')}` : tokens;
}

/** Two significant digits below one unit ("$0.0012", "$0.50"), cents above ("$12.35"). */
export function formatCost(cost: number, currency = '$'): string {
  if (cost <= 0) return `${currency}0`;
  const decimals = cost >= 1 ? 2 : Math.min(10, 1 - Math.floor(Math.log10(cost)));
  return `${currency}${cost.toFixed(decimals)}`;
}

/** Everything the gateway said about the answer, one fact a line, for the usage tooltip. */
export function usageTooltip(m: MessageRecord): string {
  const u = m.usage ?? {};
  const lines: string[] = [];
  const add = (label: string, v: string | number | undefined) => { if (v !== undefined && v !== '') lines.push(`${label}: ${v}`); };
  add('prompt_tokens', u.promptTokens);
  add('completion_tokens', u.completionTokens);
  add('total_tokens', u.totalTokens);
  for (const [k, v] of Object.entries(u.promptDetails ?? {})) add(`prompt_tokens_details.${k}`, v);
  for (const [k, v] of Object.entries(u.completionDetails ?? {})) add(`completion_tokens_details.${k}`, v);
  if (u.durationMs !== undefined) add(t('duration'), `${(u.durationMs / 1000).toFixed(2)} s`);
  add('model', m.servedModel);
  add('finish_reason', m.finishReason);
  add('system_fingerprint', m.systemFingerprint);
  add('service_tier', m.serviceTier);
  if (m.error && m.error.kind !== 'config') add('error.type', m.error.type);
  return lines.join('\n');
}
