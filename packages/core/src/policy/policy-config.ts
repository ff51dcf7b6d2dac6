import { z } from 'zod';
import { FacegateError } from '../errors/facegate-error';

/** Scores at or above `passAt` pass; from `reviewAt` up to `passAt` go to review; below is rejected. */
export interface ThresholdBand {
  readonly passAt: number;
  readonly reviewAt: number;
}

/** Thresholds that turn scores into decisions. All scores are on our 0..1 scale. */
export interface PolicyConfig {
  /** Liveness confidence band. */
  readonly liveness: ThresholdBand;
  /** 1:1 similarity band. */
  readonly match: ThresholdBand;
  /** 1:N: a candidate at or above `rejectAt` is a duplicate; from `reviewAt` it goes to review. */
  readonly duplicate: { readonly rejectAt: number; readonly reviewAt: number };
  /** What to do when the vendor says it cannot decide (e.g. Azure `uncertain`). */
  readonly inconclusive: 'retry' | 'review' | 'reject';
}

/** A partial policy: provider defaults and app overrides are layered over {@link DEFAULT_POLICY}. */
export interface PolicyOverrides {
  liveness?: Partial<ThresholdBand>;
  match?: Partial<ThresholdBand>;
  duplicate?: Partial<PolicyConfig['duplicate']>;
  inconclusive?: PolicyConfig['inconclusive'];
}

/**
 * Safe defaults when neither the provider nor the app says otherwise. Match
 * 0.9 follows the signup requirement ("e.g. 90%"); providers whose scores
 * mean something else ship their own defaults.
 */
export const DEFAULT_POLICY: PolicyConfig = {
  liveness: { passAt: 0.9, reviewAt: 0.7 },
  match: { passAt: 0.9, reviewAt: 0.8 },
  duplicate: { rejectAt: 0.9, reviewAt: 0.8 },
  inconclusive: 'retry',
};

const score = z.number().min(0).max(1);
const bandSchema = z
  .strictObject({ passAt: score, reviewAt: score })
  .refine((b) => b.reviewAt <= b.passAt, { message: 'reviewAt must not exceed passAt' });
const policySchema = z.strictObject({
  liveness: bandSchema,
  match: bandSchema,
  duplicate: z
    .strictObject({ rejectAt: score, reviewAt: score })
    .refine((b) => b.reviewAt <= b.rejectAt, { message: 'reviewAt must not exceed rejectAt' }),
  inconclusive: z.enum(['retry', 'review', 'reject']),
});

/**
 * Layer overrides over the defaults, later layers winning, and check the
 * result (scores in 0..1, review below pass). Throws `configuration_error`.
 */
export function resolvePolicy(...layers: ReadonlyArray<PolicyOverrides | undefined>): PolicyConfig {
  let merged: PolicyConfig = DEFAULT_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    merged = {
      liveness: { ...merged.liveness, ...layer.liveness },
      match: { ...merged.match, ...layer.match },
      duplicate: { ...merged.duplicate, ...layer.duplicate },
      inconclusive: layer.inconclusive ?? merged.inconclusive,
    };
  }
  const parsed = policySchema.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new FacegateError({
      code: 'configuration_error',
      message: `Invalid threshold policy (${issues.join('; ')})`,
      details: { issues },
    });
  }
  return parsed.data;
}
