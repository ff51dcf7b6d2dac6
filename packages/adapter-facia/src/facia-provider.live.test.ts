// Runs against a real Facia server only when FACIA_BASE_URL (and FACIA_HASH_ID) are set.
// Each merged call counts against the server's request limit: two calls in all.
import { createFacegate, type Facegate, livenessResultSchema } from '@facegate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { createFaciaProvider } from './index';

describe.skipIf(!process.env.FACIA_BASE_URL)('facia (live server)', () => {
  let facegate: Facegate;
  let ready = false;

  beforeAll(async () => {
    facegate = createFacegate({
      provider: createFaciaProvider(),
      resilience: { timeoutMs: 60_000, maxRetries: 0 },
    });
    const health = await facegate.checkHealth();
    expect(['ready', 'warming_up', 'down']).toContain(health.status);
    ready = health.status === 'ready';
  });

  it('scores the same person above two different people in the merged call', { timeout: 150_000 }, async (ctx) => {
    if (!ready) ctx.skip();
    const selfie = readFixture('faces/obama-1.jpg');
    const same = await facegate.checkLiveness({
      media: { kind: 'image', image: selfie },
      reference: readFixture('faces/obama-2.jpg'),
    });
    const other = await facegate.checkLiveness({
      media: { kind: 'image', image: selfie },
      reference: readFixture('faces/biden-1.jpg'),
    });
    for (const result of [same, other]) {
      expect(livenessResultSchema.safeParse(result).success).toBe(true);
      expect(result.faceMatch).toBeDefined();
      expect(result.verdict === 'live' || result.verdict === 'spoof').toBe(true);
    }
    expect(same.faceMatch?.similarity ?? 0).toBeGreaterThan(other.faceMatch?.similarity ?? 1);
  });
});
