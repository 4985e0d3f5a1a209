// What an answer cost, from the gateway's token counts and the model's prices per million tokens.
import type { UsageInfo } from '../../shared/conversation';
import type { ModelPrices } from '../../shared/modelSettingsShape';

const perMillion = 1_000_000;
export const defaultCurrency = '$';

/**
 * Uncached prompt tokens at the input price, cached ones at the cached price and those written to the
 * cache at the cache-write price (each the input price when none is set), completion tokens at the output price. Undefined when a price or a count is unknown:
 * a guessed cost would be worse than none.
 */
export function answerCost(usage: UsageInfo | undefined, prices: ModelPrices | undefined): { cost: number; currency: string } | undefined {
  const input = prices?.input;
  const output = prices?.output;
  if (!usage || typeof input !== 'number' || typeof output !== 'number') return undefined;
  const { promptTokens: prompt, completionTokens: completion } = usage;
  if (prompt === undefined || completion === undefined) return undefined;
  const cached = Math.min(usage.cachedTokens ?? 0, prompt);
  const written = Math.min(usage.cacheWriteTokens ?? 0, prompt - cached);
  const cost = ((prompt - cached - written) * input + cached * (prices?.cachedInput ?? input) + written * (prices?.cacheWrite ?? input) + completion * output) / perMillion;
  return { cost, currency: prices?.currency || defaultCurrency };
}

/** Sets `usage.cost` and `usage.currency` when the answer can be priced. */
export function priceAnswer(usage: UsageInfo | undefined, prices: ModelPrices | undefined): void {
  const priced = answerCost(usage, prices);
  if (usage && priced) Object.assign(usage, priced);
}
