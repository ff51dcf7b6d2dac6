import { describe, expect, it } from 'vitest';
import { atThreshold, auc, equalErrorRate, rocCurve, type ScoredPair, tarAtFar, trapezoidArea } from './roc';

const g = (score: number): ScoredPair => ({ score, genuine: true });
const i = (score: number): ScoredPair => ({ score, genuine: false });

// Genuine 0.9 0.8 0.7 0.4; impostor 0.6 0.5 0.3 0.2 0.1.
const sample = [g(0.9), g(0.8), g(0.7), g(0.4), i(0.6), i(0.5), i(0.3), i(0.2), i(0.1)];

describe('rocCurve', () => {
  it('steps from (0,0) to (1,1), one point per distinct score', () => {
    const curve = rocCurve(sample);
    expect(curve[0]).toMatchObject({ far: 0, tar: 0 });
    expect(curve.at(-1)).toMatchObject({ threshold: 0.1, far: 1, tar: 1 });
    expect(curve).toHaveLength(10);
    // At 0.7: three genuine accepted, no impostor.
    expect(curve.find((p) => p.threshold === 0.7)).toMatchObject({ tar: 0.75, far: 0 });
    // At 0.4: all genuine, two impostors (0.6, 0.5) of five.
    expect(curve.find((p) => p.threshold === 0.4)).toMatchObject({ tar: 1, far: 0.4 });
  });
  it('refuses a sample without both classes', () => {
    expect(() => rocCurve([g(1)])).toThrow(/genuine and one impostor/);
  });
});

describe('auc', () => {
  it('is the share of genuine–impostor pairs ordered correctly', () => {
    // 20 pairs: 0.4 loses to 0.6 and 0.5, everything else wins → 18/20.
    expect(auc(sample)).toBeCloseTo(0.9, 12);
    expect(trapezoidArea(rocCurve(sample))).toBeCloseTo(0.9, 12);
  });
  it('counts ties as half and matches the trapezoid area', () => {
    const tied = [g(0.5), g(0.7), i(0.5), i(0.2)];
    expect(auc(tied)).toBeCloseTo(0.875, 12);
    expect(trapezoidArea(rocCurve(tied))).toBeCloseTo(0.875, 12);
  });
  it('is 1 for perfect separation and 0 for perfectly reversed scores', () => {
    expect(auc([g(0.9), i(0.1)])).toBe(1);
    expect(auc([g(0.1), i(0.9)])).toBe(0);
  });
});

describe('tarAtFar', () => {
  it('takes the loosest threshold whose FAR stays within the target', () => {
    const r = tarAtFar(sample, 0.2);
    expect(r).toMatchObject({ tar: 0.75, threshold: 0.6, far: 0.2, impostors: 5, resolvable: true });
  });
  it('falls back to FAR 0 and says when the sample is too small for the target', () => {
    const r = tarAtFar(sample, 0.01);
    expect(r).toMatchObject({ tar: 0.75, far: 0, resolvable: false });
    expect(r.threshold).toBe(0.7);
  });
  it('is resolvable from 1/target impostors on', () => {
    const many = [g(0.9), ...Array.from({ length: 100 }, (_, k) => i(k / 1000))];
    expect(tarAtFar(many, 0.01).resolvable).toBe(true);
    expect(tarAtFar(many, 0.001).resolvable).toBe(false);
  });
});

describe('atThreshold', () => {
  it('counts accepts at or above the threshold', () => {
    const r = atThreshold(sample, 0.5);
    expect(r).toMatchObject({ truePositives: 3, falseNegatives: 1, falsePositives: 2, trueNegatives: 3 });
    expect(r.accuracy).toBeCloseTo(6 / 9, 12);
    expect(r.tar).toBe(0.75);
    expect(r.far).toBe(0.4);
  });
});

describe('equalErrorRate', () => {
  it('is where FAR meets FRR', () => {
    // Symmetric: genuine 0.6, 0.9; impostor 0.1, 0.7 → at 0.7 FAR 0.5, FRR 0.5.
    expect(equalErrorRate([g(0.6), g(0.9), i(0.1), i(0.7)])).toBeCloseTo(0.5, 12);
    expect(equalErrorRate([g(0.9), i(0.1)])).toBe(0);
  });
});
