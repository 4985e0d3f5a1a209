// The running total of what VS Code's chat (and other extensions through vscode.lm) spent on gateway
// models in this window, for the status bar, and the one log line per request.
import type { UsageInfo } from '../../shared/conversation';

export class UsageTally {
  requests = 0;
  promptTokens = 0;
  completionTokens = 0;
  /** Per currency: prices may be given in several. */
  readonly cost = new Map<string, number>();

  add(usage: UsageInfo | undefined): void {
    this.requests++;
    this.promptTokens += usage?.promptTokens ?? 0;
    this.completionTokens += usage?.completionTokens ?? 0;
    if (usage?.cost !== undefined) this.cost.set(usage.currency ?? '$', (this.cost.get(usage.currency ?? '$') ?? 0) + usage.cost);
  }

  get tokens(): number {
    return this.promptTokens + this.completionTokens;
  }

  costText(): string {
    return [...this.cost].map(([currency, amount]) => `${currency}${amount.toFixed(4)}`).join(' + ');
  }
}

/** `12.3k`, `1.2M`: short enough for the status bar. */
export function shortCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** The log line for one request (English: logs are not translated). */
export function usageLine(model: string, usage: UsageInfo | undefined): string {
  const parts = [`${usage?.promptTokens ?? '?'} prompt`, `${usage?.completionTokens ?? '?'} completion`];
  if (usage?.cachedTokens) parts.push(`${usage.cachedTokens} cached`);
  if (usage?.reasoningTokens) parts.push(`${usage.reasoningTokens} reasoning`);
  const cost = usage?.cost !== undefined ? `, ${usage.currency ?? '$'}${usage.cost.toFixed(6)}` : '';
  const time = usage?.durationMs !== undefined ? `, ${usage.durationMs} ms` : '';
  return `VS Code chat, ${model}: ${parts.join(', ')} tokens${cost}${time}`;
}
