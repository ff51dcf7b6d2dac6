import { describe, expect, it } from 'vitest';
import { type Presentation, padMetrics } from './pad';

const attack = (species: string, outcome: string): Presentation => ({ kind: 'attack', species, outcome });
const bonaFide = (outcome: string): Presentation => ({ kind: 'bona_fide', outcome });

describe('padMetrics', () => {
  it('gives APCER per species, the worst species and the pooled rate', () => {
    const r = padMetrics([
      attack('replay', 'pass'),
      attack('replay', 'reject'),
      attack('replay', 'retry'),
      attack('replay', 'review'),
      attack('switch', 'reject'),
      attack('switch', 'reject'),
    ]);
    const replay = r.species.find((s) => s.species === 'replay');
    expect(replay).toMatchObject({ attacks: 4, accepted: 1, apcer: 0.25 });
    expect(replay?.outcomes).toEqual({ pass: 1, reject: 1, retry: 1, review: 1 });
    expect(r.species.find((s) => s.species === 'switch')?.apcer).toBe(0);
    expect(r.apcerMax).toBe(0.25);
    expect(r.apcerPooled).toBeCloseTo(1 / 6, 12);
  });
  it('counts every bona fide presentation not passed as a BPCER error', () => {
    const r = padMetrics([bonaFide('pass'), bonaFide('pass'), bonaFide('retry'), bonaFide('review')]);
    expect(r.bpcer).toBe(0.5);
    expect(r.bonaFideOutcomes).toEqual({ pass: 2, retry: 1, review: 1 });
    expect(r.apcerMax).toBeNull();
  });
  it('reports BPCER as not measurable without bona fide material', () => {
    const r = padMetrics([attack('replay', 'reject')]);
    expect(r.bpcer).toBeNull();
    expect(r.bonaFide).toBe(0);
    expect(r.apcerMax).toBe(0);
  });
});
