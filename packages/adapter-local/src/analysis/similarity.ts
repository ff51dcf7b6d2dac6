/**
 * Calibration of face-api 128-d descriptor distances to a 0..1 similarity:
 * `similarity = 1 / (1 + exp(k · (distance − d0)))`. At `d0` the similarity is
 * 0.5. Fitted on the fixture pairs (253 pairs, 7 people): genuine distances
 * 0.01–0.557, impostors 0.638–1.02, so `d0 = 0.60` separates all of them.
 */
export const MATCH_CALIBRATION = { d0: 0.6, k: 12 } as const;

/** Euclidean distance between two descriptors of the same length. */
export function euclidean(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError('descriptor lengths differ');
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Calibrated similarity 0..1 for a descriptor distance. */
export function similarityFromDistance(distance: number, calibration = MATCH_CALIBRATION): number {
  return 1 / (1 + Math.exp(calibration.k * (distance - calibration.d0)));
}

/** The descriptor distance that gives `similarity` (inverse of {@link similarityFromDistance}). */
export function distanceForSimilarity(similarity: number, calibration = MATCH_CALIBRATION): number {
  return calibration.d0 + Math.log(1 / similarity - 1) / calibration.k;
}

/** Calibrated similarity of two descriptors. */
export function descriptorSimilarity(a: Float32Array, b: Float32Array): number {
  return similarityFromDistance(euclidean(a, b));
}
