import { z } from 'zod';
import { CHALLENGE_ACTIONS } from '../challenge/challenge-actions';
import { reasonCodeSchema } from '../reasons/reason-codes';
import { decisionSchema, rawResponseSchema, returnedImageSchema, unitScoreSchema, warningSchema } from './common';
import { faceMatchSummarySchema, matchObservationSchema } from './face-match';

/** The vendor's (or engine's) own liveness label, if it gives one. */
export const livenessVerdictSchema = z.enum(['live', 'spoof', 'inconclusive']);
/** `live` | `spoof` | `inconclusive`. */
export type LivenessVerdict = z.infer<typeof livenessVerdictSchema>;

/** How an active challenge went, step by step. */
export const challengeOutcomeSchema = z.strictObject({
  nonce: z.string(),
  steps: z.array(
    z.strictObject({
      action: z.enum(CHALLENGE_ACTIONS),
      completed: z.boolean(),
      /** When the step was seen done, ms from the challenge start. */
      atMs: z.number().nullable(),
    }),
  ),
  passed: z.boolean(),
});
/** Outcome of an active challenge. */
export type ChallengeOutcome = z.infer<typeof challengeOutcomeSchema>;

/** What an adapter reports for a liveness check, before the policy. */
export const livenessObservationSchema = z.strictObject({
  verdict: livenessVerdictSchema.nullable(),
  /** 0..1, or null when the vendor gives only a label. */
  confidence: unitScoreSchema.nullable(),
  reasons: z.array(reasonCodeSchema),
  /** Present when the check also compared the face with a reference image. */
  faceMatch: matchObservationSchema.omit({ raw: true, warnings: true }).optional(),
  referenceImage: returnedImageSchema.optional(),
  auditImages: z.array(returnedImageSchema).optional(),
  challenge: challengeOutcomeSchema.optional(),
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** An adapter's liveness finding. */
export type LivenessObservation = z.infer<typeof livenessObservationSchema>;

/** The result of a liveness check. `isLive` is true only when the policy passed the liveness part. */
export const livenessResultSchema = z.strictObject({
  provider: z.string(),
  isLive: z.boolean(),
  verdict: livenessVerdictSchema.nullable(),
  confidence: unitScoreSchema.nullable(),
  /** The overall decision (liveness and, when present, face match). */
  decision: decisionSchema,
  reasons: z.array(reasonCodeSchema),
  faceMatch: faceMatchSummarySchema.optional(),
  referenceImage: returnedImageSchema.optional(),
  auditImages: z.array(returnedImageSchema).optional(),
  challenge: challengeOutcomeSchema.optional(),
  /** For session-shape checks: the session and whether this result was read before. */
  session: z.strictObject({ id: z.string(), reused: z.boolean() }).optional(),
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** A normalized, policy-applied liveness result. */
export type LivenessResult = z.infer<typeof livenessResultSchema>;
