import { z } from 'zod';
import { reasonCodeSchema } from '../reasons/reason-codes';
import { boundingBoxSchema, decisionSchema, rawResponseSchema, unitScoreSchema, warningSchema } from './common';

/** One detected face. */
export const detectedFaceSchema = z.strictObject({
  box: boundingBoxSchema,
  /** Detector confidence 0..1. */
  confidence: unitScoreSchema.nullable(),
  /** Head pose in degrees (yaw: + = user's left), when known. */
  pose: z.strictObject({ yaw: z.number(), pitch: z.number(), roll: z.number() }).optional(),
});
/** A detected face. */
export type DetectedFace = z.infer<typeof detectedFaceSchema>;

/** Measurements behind quality feedback, each 0..1 unless stated. */
export const qualityMetricsSchema = z.strictObject({
  brightness: unitScoreSchema.nullable(),
  sharpness: unitScoreSchema.nullable(),
  /** Face box area divided by frame area. */
  faceAreaRatio: unitScoreSchema.nullable(),
  /** Distance of the face centre from the frame centre, as a fraction of the frame. */
  centerOffset: z.number().min(0).nullable(),
  eyesOpen: z.boolean().nullable(),
});
/** Quality measurements. */
export type QualityMetrics = z.infer<typeof qualityMetricsSchema>;

/** What an adapter reports for the quality of one frame. */
export const qualityObservationSchema = z.strictObject({
  faces: z.array(detectedFaceSchema),
  metrics: qualityMetricsSchema,
  reasons: z.array(reasonCodeSchema),
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** An adapter's quality finding. */
export type QualityObservation = z.infer<typeof qualityObservationSchema>;

/** Quality feedback for one frame: `decision.outcome` is `pass` or `retry`. */
export const qualityReportSchema = qualityObservationSchema.extend({
  provider: z.string(),
  decision: decisionSchema,
});
/** Quality feedback for one frame. */
export type QualityReport = z.infer<typeof qualityReportSchema>;
