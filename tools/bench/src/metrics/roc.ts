/**
 * Verification metrics for a matcher: a comparison is accepted when its score
 * is at or above the threshold. Genuine = same-person pair, impostor =
 * different-person pair. TAR = genuine accepted / genuine; FAR = impostor
 * accepted / impostor (ISO/IEC 19795-1 calls these 1 − FNMR and FMR).
 */

/** One scored comparison. */
export interface ScoredPair {
  score: number;
  genuine: boolean;
}

/** A point of the ROC curve: accepting scores ≥ `threshold`. */
export interface RocPoint {
  threshold: number;
  far: number;
  tar: number;
}

function counts(pairs: readonly ScoredPair[]): { genuine: number[]; impostor: number[] } {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (const p of pairs) {
    if (!Number.isFinite(p.score)) throw new Error(`score ${p.score} is not a finite number`);
    (p.genuine ? genuine : impostor).push(p.score);
  }
  return { genuine, impostor };
}

/**
 * The ROC curve: one point per distinct score (as a threshold), from the
 * strictest (nothing accepted, FAR = TAR = 0) to the most lenient (everything
 * accepted, FAR = TAR = 1). Tied scores move together, so the curve has a
 * diagonal step where genuine and impostor scores tie.
 */
export function rocCurve(pairs: readonly ScoredPair[]): RocPoint[] {
  const { genuine, impostor } = counts(pairs);
  if (genuine.length === 0 || impostor.length === 0)
    throw new Error('a ROC curve needs at least one genuine and one impostor pair');
  const thresholds = [...new Set([...genuine, ...impostor])].sort((a, b) => b - a);
  const points: RocPoint[] = [{ threshold: Number.POSITIVE_INFINITY, far: 0, tar: 0 }];
  for (const t of thresholds) {
    points.push({
      threshold: t,
      far: impostor.filter((s) => s >= t).length / impostor.length,
      tar: genuine.filter((s) => s >= t).length / genuine.length,
    });
  }
  return points;
}

/**
 * Area under the ROC curve: the probability that a random genuine pair scores
 * above a random impostor pair, ties counting half (Mann–Whitney U / n₁n₂),
 * which equals the trapezoid area under {@link rocCurve}.
 */
export function auc(pairs: readonly ScoredPair[]): number {
  const { genuine, impostor } = counts(pairs);
  if (genuine.length === 0 || impostor.length === 0)
    throw new Error('AUC needs at least one genuine and one impostor pair');
  let wins = 0;
  for (const g of genuine) for (const i of impostor) wins += g > i ? 1 : g === i ? 0.5 : 0;
  return wins / (genuine.length * impostor.length);
}

/** Trapezoid area under a ROC curve's points (FAR on x, TAR on y). */
export function trapezoidArea(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as RocPoint;
    const b = points[i] as RocPoint;
    area += ((b.far - a.far) * (a.tar + b.tar)) / 2;
  }
  return area;
}

/** TAR at a FAR target, and whether the sample can show that FAR at all. */
export interface TarAtFar {
  /** The FAR asked for (e.g. 0.01). */
  targetFar: number;
  /** Highest TAR among thresholds whose FAR ≤ target (0 when only "accept nothing" qualifies). */
  tar: number;
  /** The loosest threshold achieving it (scores ≥ threshold are accepted). */
  threshold: number;
  /** The FAR actually observed at that threshold. */
  far: number;
  /** Impostor pairs in the sample. */
  impostors: number;
  /**
   * False when the sample has fewer than 1/target impostor pairs: then one
   * false accept already exceeds the target, so "FAR ≤ target" is only
   * "no impostor accepted", not evidence of the target rate.
   */
  resolvable: boolean;
}

/** TAR at the loosest threshold whose observed FAR does not exceed `targetFar`. */
export function tarAtFar(pairs: readonly ScoredPair[], targetFar: number): TarAtFar {
  const curve = rocCurve(pairs);
  const impostors = pairs.filter((p) => !p.genuine).length;
  let best = curve[0] as RocPoint;
  for (const point of curve) if (point.far <= targetFar + 1e-12 && point.tar >= best.tar) best = point;
  return {
    targetFar,
    tar: best.tar,
    threshold: best.threshold,
    far: best.far,
    impostors,
    resolvable: impostors * targetFar >= 1,
  };
}

/** Outcome counts at one threshold. */
export interface ThresholdOutcome {
  threshold: number;
  accuracy: number;
  /** Genuine pairs accepted / genuine pairs. */
  tar: number;
  /** Impostor pairs accepted / impostor pairs. */
  far: number;
  truePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  falsePositives: number;
}

/** Accuracy (and the confusion counts) when accepting scores ≥ `threshold`. */
export function atThreshold(pairs: readonly ScoredPair[], threshold: number): ThresholdOutcome {
  const { genuine, impostor } = counts(pairs);
  const truePositives = genuine.filter((s) => s >= threshold).length;
  const falsePositives = impostor.filter((s) => s >= threshold).length;
  const falseNegatives = genuine.length - truePositives;
  const trueNegatives = impostor.length - falsePositives;
  const total = pairs.length;
  return {
    threshold,
    accuracy: total === 0 ? Number.NaN : (truePositives + trueNegatives) / total,
    tar: genuine.length === 0 ? Number.NaN : truePositives / genuine.length,
    far: impostor.length === 0 ? Number.NaN : falsePositives / impostor.length,
    truePositives,
    falseNegatives,
    trueNegatives,
    falsePositives,
  };
}

/**
 * Equal error rate: where FAR and FRR (1 − TAR) cross, linearly interpolated
 * between the two ROC points that bracket the crossing.
 */
export function equalErrorRate(pairs: readonly ScoredPair[]): number {
  const curve = rocCurve(pairs);
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1] as RocPoint;
    const b = curve[i] as RocPoint;
    const da = a.far - (1 - a.tar);
    const db = b.far - (1 - b.tar);
    if (da <= 0 && db >= 0) {
      if (db === da) return a.far;
      const t = -da / (db - da);
      return a.far + t * (b.far - a.far);
    }
  }
  return Number.NaN;
}
