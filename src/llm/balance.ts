// What is left on the relay key, where the relay says: one-api / new-api serve OpenAI's old billing endpoints
// (`/v1/dashboard/billing/subscription` + `/usage`, in dollars and cents), new-api also `/api/usage/token` (in
// quota units, 500,000 to the dollar by default). A gateway without them has no balance: nothing is thrown.
import type { Balance } from './types';

type GetJson = (path: string) => Promise<unknown>;

/** new-api's default `QuotaPerUnit`: quota units per dollar. */
export const QUOTA_PER_DOLLAR = 500_000;
// one-api reports an unlimited key as a limit of 100,000,000 dollars.
const UNLIMITED_USD = 99_999_999;

/** The balance from whichever endpoints answer, or undefined. `get` resolves undefined for anything but a 2xx JSON body. */
export async function readBalance(get: GetJson): Promise<Balance | undefined> {
  const sub = record(await get('/v1/dashboard/billing/subscription'));
  const limit = num(sub?.hard_limit_usd) ?? num(sub?.system_hard_limit_usd);
  if (limit !== undefined) {
    if (limit >= UNLIMITED_USD) return { unlimited: true, currency: '$', source: 'billing' };
    const usage = record(await get('/v1/dashboard/billing/usage'));
    const cents = num(usage?.total_usage);
    if (cents !== undefined) {
      const used = cents / 100;
      return { remaining: round(limit - used), limit, used: round(used), currency: '$', source: 'billing' };
    }
  }
  const token = record(record(await get('/api/usage/token'))?.data);
  if (!token) return undefined;
  if (token.unlimited_quota === true) return { unlimited: true, currency: '$', source: 'token' };
  const available = num(token.total_available);
  if (available === undefined) return undefined;
  const granted = num(token.total_granted);
  const used = num(token.total_used);
  return {
    remaining: round(available / QUOTA_PER_DOLLAR),
    ...(granted !== undefined ? { limit: round(granted / QUOTA_PER_DOLLAR) } : {}),
    ...(used !== undefined ? { used: round(used / QUOTA_PER_DOLLAR) } : {}),
    currency: '$',
    source: 'token',
  };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const record = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
