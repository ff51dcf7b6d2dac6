import { createFacegate, type Facegate, FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { createDecentroProvider } from './decentro-provider';

/**
 * Calls the real Decentro API (staging unless DECENTRO_BASE_URL says
 * otherwise). Runs only when DECENTRO_CLIENT_ID is set, with
 * DECENTRO_CLIENT_SECRET and DECENTRO_MODULE_SECRET; it uses public test
 * photos, so it asserts consent itself. Each call is billed by Decentro.
 */
describe.skipIf(!process.env.DECENTRO_CLIENT_ID)('Decentro live API', () => {
  const facegate = (): Facegate =>
    createFacegate({
      provider: createDecentroProvider({
        consent: true,
        consentPurpose: process.env.DECENTRO_CONSENT_PURPOSE ?? 'facegate adapter integration test',
      }),
      resilience: { timeoutMs: 30_000, maxRetries: 1 },
    });

  it('scores the same person above a different person', async () => {
    const fg = facegate();
    const same = await fg.compareFaces({
      source: readFixture('faces/obama-1.jpg'),
      target: readFixture('faces/obama-2.jpg'),
    });
    const different = await fg.compareFaces({
      source: readFixture('faces/obama-1.jpg'),
      target: readFixture('faces/biden-2.jpg'),
    });
    expect(same.similarity).toBeGreaterThanOrEqual(0);
    expect(same.similarity).toBeLessThanOrEqual(1);
    expect(same.similarity as number).toBeGreaterThan(different.similarity as number);
  }, 90_000);

  it('checks passive image liveness on a camera photo (800–2000 px, camera EXIF)', async () => {
    const result = await facegate().checkLiveness({
      media: { kind: 'image', image: readFixture('faces/lacamoire-2.jpg') },
    });
    expect(['live', 'spoof']).toContain(result.verdict);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  }, 60_000);

  it('answers video liveness on an 880×1100 clip with a 0..1 confidence, or a Decentro validation error', async () => {
    try {
      const result = await facegate().checkLiveness({
        media: { kind: 'video', video: readFixture('media/clip-2s-880x1100.mp4') },
      });
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    } catch (error) {
      // A clip of a still photo may be refused by Decentro's own checks; it must then be
      // Decentro's answer (a transaction id), not our pre-flight.
      expect(FacegateError.isInstance(error) && error.code).toBe('invalid_input');
      expect((error as FacegateError).requestId).toBeTruthy();
    }
  }, 90_000);
});
