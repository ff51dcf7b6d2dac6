import type { Point } from '../detector/face-observation';

const at = (l: Point[], i: number): Point => l[i] ?? { x: 0, y: 0 };
const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Horizontal turn from 68 landmarks: where the nose tip (30) sits between the
 * jaw ends (0, 16), −0.5…0.5, 0 when facing the camera. Positive when the
 * person turns to their own left (in the unmirrored image the nose moves right).
 */
export function yaw(l: Point[]): number {
  const left = at(l, 0);
  const right = at(l, 16);
  const span = right.x - left.x;
  return span === 0 ? 0 : (at(l, 30).x - left.x) / span - 0.5;
}

/** Vertical position of the nose tip between the eyes' midline and the chin (8), about 0.45 when level. */
export function pitch(l: Point[]): number {
  const eyes = (at(l, 36).y + at(l, 45).y) / 2;
  const span = at(l, 8).y - eyes;
  return span === 0 ? 0 : (at(l, 30).y - eyes) / span;
}

/** Eye aspect ratio averaged over both eyes (Soukupová & Čech): about 0.3 open, under 0.2 closed. */
export function eyeOpenness(l: Point[]): number {
  const ear = (i: number) =>
    (dist(at(l, i + 1), at(l, i + 5)) + dist(at(l, i + 2), at(l, i + 4))) / (2 * dist(at(l, i), at(l, i + 3)) || 1);
  return (ear(36) + ear(42)) / 2;
}
