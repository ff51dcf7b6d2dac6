import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { createChallenge } from '../challenge/challenge';
import { createFacegate } from '../client/facegate';
import { createScenarioProvider, type ScenarioMode } from './scenario-provider';

const face = readFixture('faces/obama-1.jpg');
const other = readFixture('faces/biden-1.jpg');
const instant = { sleep: async () => {}, random: () => 0, maxRetries: 0 };

describe('scenario provider modes', () => {
  it.each([
    ['happy', 'pass', []],
    ['spoof', 'reject', ['spoof_suspected']],
    ['no_face', 'retry', ['no_face']],
    ['low_light', 'retry', ['too_dark']],
    ['multiple_faces', 'retry', ['multiple_faces']],
    ['inconclusive', 'retry', ['liveness_inconclusive']],
    ['borderline', 'review', ['low_confidence']],
  ] as const)('%s liveness → %s', async (mode, outcome, reasons) => {
    const fg = createFacegate({ provider: createScenarioProvider({ mode }) });
    const result = await fg.checkLiveness({
      media: { kind: 'frames', frames: [{ image: face, capturedAtMs: 0 }] },
      challenge: createChallenge(),
    });
    expect(result.decision).toEqual({ outcome, reasons });
    expect(result.isLive).toBe(outcome === 'pass');
  });

  it.each(['outage', 'rate_limited'] as ScenarioMode[])(
    '%s makes every call fail with a retryable error',
    async (mode) => {
      const fg = createFacegate({ provider: createScenarioProvider({ mode }), resilience: instant });
      await expect(fg.compareFaces({ source: face, target: other })).rejects.toMatchObject({ retryable: true });
    },
  );

  it('slow answers after its delay, and a short timeout cuts it off', async () => {
    const fg = createFacegate({
      provider: createScenarioProvider({ mode: 'slow', slowMs: 200 }),
      resilience: { ...instant, timeoutMs: 50 },
    });
    await expect(fg.compareFaces({ source: face, target: other })).rejects.toMatchObject({ code: 'timeout' });
    const patient = createFacegate({ provider: createScenarioProvider({ mode: 'slow', slowMs: 50 }) });
    expect((await patient.compareFaces({ source: face, target: other })).isMatch).toBe(true);
  });

  it('matches documents in happy mode and rejects them in mismatch mode', async () => {
    expect(
      (await createFacegate({ provider: createScenarioProvider() }).compareFaces({ source: face, target: other }))
        .isMatch,
    ).toBe(true);
    const mismatch = await createFacegate({ provider: createScenarioProvider({ mode: 'mismatch' }) }).compareFaces({
      source: face,
      target: other,
    });
    expect(mismatch.decision).toEqual({ outcome: 'reject', reasons: ['face_mismatch'] });
  });

  it('finds a duplicate only for the same image in happy mode, and always in duplicate mode', async () => {
    const fg = createFacegate({ provider: createScenarioProvider() });
    await fg.indexFace({ collection: 'users', externalId: 'user-1', image: face });
    expect((await fg.searchFaces({ collection: 'users', image: face })).isDuplicate).toBe(true);
    expect((await fg.searchFaces({ collection: 'users', image: other })).isDuplicate).toBe(false);
    await fg.removeFaces({ collection: 'users', externalIds: ['user-1'] });
    expect((await fg.searchFaces({ collection: 'users', image: face })).isDuplicate).toBe(false);
    const dup = createFacegate({ provider: createScenarioProvider({ mode: 'duplicate' }) });
    await dup.ensureCollection({ collection: 'users' });
    expect((await dup.searchFaces({ collection: 'users', image: other })).decision).toEqual({
      outcome: 'reject',
      reasons: ['duplicate_face'],
    });
  });

  it('returns the middle frame as the reference image of a frame sequence', async () => {
    const frames = [face, other, face].map((image, i) => ({ image, capturedAtMs: i * 100 }));
    const result = await createFacegate({ provider: createScenarioProvider() }).checkLiveness({
      media: { kind: 'frames', frames },
      challenge: createChallenge(),
    });
    expect(Buffer.from(result.referenceImage?.data ?? []).equals(Buffer.from(other))).toBe(true);
  });

  it('answers liveness with a reference in one call', async () => {
    const result = await createFacegate({ provider: createScenarioProvider({ mode: 'mismatch' }) }).checkLiveness({
      media: { kind: 'image', image: face },
      reference: other,
    });
    expect(result.isLive).toBe(true);
    expect(result.faceMatch).toMatchObject({ isMatch: false, similarity: 0.12 });
    expect(result.decision.outcome).toBe('reject');
  });
});
