/** A 2-D point [x, y] in image pixels (y down). */
export type Point2 = readonly [number, number];

/** Mean of points. */
export function centroid(points: readonly Point2[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
}

/** Distance between two points. */
export function distance(a: Point2, b: Point2): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Point `i` of a landmark list; throws on a short list (landmark sets have fixed sizes). */
export function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new RangeError(`landmark ${i} missing (have ${list.length})`);
  return v;
}

/** Distance between the eye centres of a 68-point set, the unit residuals are measured in. */
export function interOcular68(lm: readonly Point2[]): number {
  return distance(centroid(lm.slice(36, 42)), centroid(lm.slice(42, 48)));
}

/** Median of a few values (sorted copy). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
