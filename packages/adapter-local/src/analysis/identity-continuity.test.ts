import { describe, expect, it } from 'vitest';
import { continuityDistance } from './identity-continuity';

/** A unit vector in the plane of the first two axes, at `deg` degrees from the first. */
function unit(deg: number): Float32Array {
  const v = new Float32Array(8);
  v[0] = Math.cos((deg * Math.PI) / 180);
  v[1] = Math.sin((deg * Math.PI) / 180);
  return v;
}
const dist = (deg: number) => 1 - Math.cos((deg * Math.PI) / 180);

describe('continuityDistance', () => {
  it('follows a gradual drift (a turn) by its largest neighbour step, not its end-to-end distance', () => {
    // 0° → 60° in 10° steps, the turned frames beyond the direct-comparison yaw.
    const d = continuityDistance([0, 10, 20, 30, 40, 50, 60].map(unit), [0, 10, 25, 30, 35, 40, 45]);
    expect(d).toBeCloseTo(dist(10), 6);
    expect(d).toBeLessThan(dist(60));
  });

  it('compares a near-frontal frame with the reference, so a slow drift back to frontal cannot hide a swap', () => {
    const d = continuityDistance([0, 10, 20, 30, 40, 50].map(unit), [0, 30, 30, 30, 30, 5]);
    expect(d).toBeCloseTo(dist(50), 6);
  });

  it('shows a person swapped in as one large step', () => {
    const d = continuityDistance([unit(0), unit(5), unit(80), unit(82)], [0, 30, 30, 30]);
    expect(d).toBeCloseTo(dist(75), 6);
  });

  it('is 0 for a single frame and refuses an empty capture', () => {
    expect(continuityDistance([unit(0)], [0])).toBe(0);
    expect(() => continuityDistance([], [])).toThrow(RangeError);
  });
});
