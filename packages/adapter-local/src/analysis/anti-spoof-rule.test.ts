import { describe, expect, it } from 'vitest';
import { judgeAntiSpoof, type SpoofSample } from './anti-spoof-rule';

const s = (real: number | null, absYaw = 5, singleFace = true): SpoofSample => ({ real, absYaw, singleFace });

describe('judgeAntiSpoof', () => {
  it('passes on the median of the frontal frames, so one bad frame does not decide', () => {
    expect(judgeAntiSpoof([s(0.9), s(0.1), s(0.8), s(0.95)])).toMatchObject({
      median: expect.closeTo(0.85),
      frames: 4,
      verdict: 'pass',
    });
  });

  it('is a spoof when most frontal frames score low', () => {
    expect(judgeAntiSpoof([s(0.9), s(0.1), s(0.2), s(0.05)]).verdict).toBe('spoof');
  });

  it('scores only frontal single-face frames; too few of them is unscored, never a pass', () => {
    const out = judgeAntiSpoof([s(0.99, 35), s(0.99, 5, false), s(0.99), s(0.99), s(null)]);
    expect(out).toEqual({ median: null, frames: 2, verdict: 'unscored' });
  });
});
