import { describe, expect, it } from 'vitest';
import type { Point } from '../detector/face-observation';
import { ActionTracker } from './action-tracker';
import { yaw } from './head-pose';

/** A crude 68-point face: jaw from x=100 to 300, nose tip at noseX, eyes with the given half-height. */
function face(noseX = 200, eyeHalf = 6): Point[] {
  const l: Point[] = Array.from({ length: 68 }, () => ({ x: 200, y: 200 }));
  l[0] = { x: 100, y: 150 };
  l[16] = { x: 300, y: 150 };
  l[8] = { x: 200, y: 300 };
  l[30] = { x: noseX, y: 195 };
  for (const base of [36, 42]) {
    const x0 = base === 36 ? 130 : 230;
    l[base] = { x: x0, y: 150 };
    l[base + 3] = { x: x0 + 40, y: 150 };
    l[base + 1] = { x: x0 + 13, y: 150 - eyeHalf };
    l[base + 2] = { x: x0 + 27, y: 150 - eyeHalf };
    l[base + 4] = { x: x0 + 27, y: 150 + eyeHalf };
    l[base + 5] = { x: x0 + 13, y: 150 + eyeHalf };
  }
  return l;
}

describe('ActionTracker', () => {
  it('measures yaw with the person’s own left as positive', () => {
    expect(yaw(face(200))).toBeCloseTo(0);
    expect(yaw(face(250))).toBeGreaterThan(0.2);
  });
  it('sees a steady straight look after a few frames', () => {
    const t = new ActionTracker('look_straight');
    expect(t.observe(face())).toBe(false);
    t.observe(face());
    expect(t.observe(face())).toBe(true);
  });
  it('sees turns in the right direction only', () => {
    expect(new ActionTracker('turn_left').observe(face(250))).toBe(true);
    expect(new ActionTracker('turn_left').observe(face(150))).toBe(false);
    expect(new ActionTracker('turn_right').observe(face(150))).toBe(true);
  });
  it('sees a blink as closed then open again', () => {
    const t = new ActionTracker('blink');
    t.observe(face(200, 6));
    expect(t.observe(face(200, 1))).toBe(false);
    expect(t.observe(face(200, 6))).toBe(true);
  });
  it('ignores frames without a single face', () => {
    const t = new ActionTracker('look_straight');
    t.observe(face());
    t.observe(undefined);
    t.observe(face());
    expect(t.observe(face())).toBe(false);
  });
});
