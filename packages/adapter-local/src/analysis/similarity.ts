/**
 * Calibration of embedding distances to a 0..1 similarity:
 * `similarity = 1 / (1 + exp(k · (distance − d0)))`, where distance is the
 * cosine distance 1 − a·b of two unit embeddings (0 = identical, 1 =
 * unrelated, 2 = opposite). At `d0` the similarity is 0.5, the shipped
 * match threshold. Fitted with `pnpm eval` (see docs/adapters/local.md).
 */
export const MATCH_CALIBRATION = { d0: 0.56, k: 12 } as const;

/** Cosine distance 1 − a·b of two unit-length embeddings of the same length. */
export function descriptorDistance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError('descriptor lengths differ');
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return 1 - dot;
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
  return similarityFromDistance(descriptorDistance(a, b));
}
