import { z } from 'zod';
import { reasonCodeSchema } from '../reasons/reason-codes';
import { decisionSchema, rawResponseSchema, unitScoreSchema, warningSchema } from './common';

/** Faces found on each side of a comparison (null when the vendor does not say). */
export const faceCountsSchema = z.strictObject({
  source: z.number().int().min(0).nullable(),
  target: z.number().int().min(0).nullable(),
});

/** What an adapter reports for a 1:1 comparison, before the policy. */
export const matchObservationSchema = z.strictObject({
  /** Similarity in 0..1, or null when no comparison could be made (e.g. no face). */
  similarity: unitScoreSchema.nullable(),
  /** The vendor's own same-person label, if it gives one. The policy treats it as a second signal. */
  vendorIsMatch: z.boolean().nullable().optional(),
  reasons: z.array(reasonCodeSchema),
  faces: faceCountsSchema.optional(),
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** An adapter's 1:1 comparison finding. */
export type MatchObservation = z.infer<typeof matchObservationSchema>;

/** The result of a 1:1 face comparison. `isMatch` is true only when the policy passed it. */
export const faceMatchResultSchema = z.strictObject({
  provider: z.string(),
  isMatch: z.boolean(),
  similarity: unitScoreSchema.nullable(),
  decision: decisionSchema,
  reasons: z.array(reasonCodeSchema),
  faces: faceCountsSchema,
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** A normalized, policy-applied 1:1 comparison. */
export type FaceMatchResult = z.infer<typeof faceMatchResultSchema>;

/** The face-match part of a combined liveness + match result. */
export const faceMatchSummarySchema = z.strictObject({
  isMatch: z.boolean(),
  similarity: unitScoreSchema.nullable(),
  decision: decisionSchema,
});
/** The face-match part of a combined result. */
export type FaceMatchSummary = z.infer<typeof faceMatchSummarySchema>;
