import assert from 'node:assert/strict';
import { sharedHarness } from './helpers';

describe('client.balance(): what is left on the relay key', () => {
  const h = sharedHarness();

  it('one-api / new-api billing endpoints: limit minus usage (cents), at the origin', async () => {
    h().gw.setBalance({ limitUsd: 25, usedUsd: 7.5 });
    const b = await h().client().balance();
    assert.deepEqual(b, { remaining: 17.5, limit: 25, used: 7.5, currency: '$', source: 'billing' });
    assert.deepEqual(h().gw.requests.map((r) => r.path), ['/v1/dashboard/billing/subscription', '/v1/dashboard/billing/usage']);
    assert.equal(h().gw.requests[0].headers.authorization, 'Bearer sk-test-SECRET-0123456789abcdef');
  });

  it("new-api's /api/usage/token when the billing endpoints are not served (quota at 500,000 a dollar)", async () => {
    h().gw.setBalance({ token: { total_granted: 5_000_000, total_used: 1_000_000, total_available: 4_000_000 } });
    const b = await h().client().balance();
    assert.deepEqual(b, { remaining: 8, limit: 10, used: 2, currency: '$', source: 'token' });
  });

  it('an unlimited key says so', async () => {
    h().gw.setBalance({ limitUsd: 100_000_000, usedUsd: 3 });
    assert.deepEqual(await h().client().balance(), { unlimited: true, currency: '$', source: 'billing' });
  });

  it('a gateway without them: undefined, nothing thrown', async () => {
    assert.equal(await h().client().balance(), undefined);
    assert.deepEqual(h().gw.requests.map((r) => r.path), ['/v1/dashboard/billing/subscription', '/api/usage/token'], 'each asked once, no retries');
  });

  it('a gateway that cannot be reached: undefined', async () => {
    const c = h().client({ baseUrl: 'http://127.0.0.1:9/v1' });
    assert.equal(await c.balance(), undefined);
  });
});
