import { z } from 'zod';

/**
 * Lenient schemas for Decentro's answers: extra fields are accepted, the
 * fields the adapter reads are required. Values Decentro sends as strings
 * (`"85"`, `"1.0"`, `"98.00%"`, `"yes"`) are accepted as strings (or numbers)
 * here and interpreted strictly by the mappers, so an unexpected value is a
 * `provider_error` with a precise message, never a pass.
 */

const scalar = z.union([z.string(), z.number()]);

/** Fields every Decentro answer carries (success and failure). */
export const decentroEnvelopeSchema = z.looseObject({
  decentroTxnId: z.string().min(1),
  status: z.string(),
  responseCode: z.string(),
  message: z.string().optional(),
  responseKey: z.string().optional(),
});
/** The common part of a Decentro answer. */
export type DecentroEnvelope = z.infer<typeof decentroEnvelopeSchema>;

/** A failure body, read as far as it goes (every field optional: gateways answer with less). */
export const decentroErrorBodySchema = z.looseObject({
  decentroTxnId: z.string().optional(),
  status: z.string().optional(),
  responseCode: z.string().optional(),
  responseKey: z.string().optional(),
  message: z.string().optional(),
});
/** What an error answer told us. */
export type DecentroErrorBody = z.infer<typeof decentroErrorBodySchema>;

/** Passive image liveness (`/v2/kyc/forensics/liveness/passive`, `/v3/kyc/farsight/liveness/passive`). */
export const passiveLivenessResponseSchema = decentroEnvelopeSchema.extend({
  // The verdict fields are required of a completed check, by the mapper: a negative `data.status` may come without them.
  data: z.looseObject({
    status: z.string(),
    live: z.string().optional(),
    livenessScore: scalar.optional(),
    needToReview: z.string().optional(),
  }),
});
/** A parsed passive image liveness answer. */
export type PassiveLivenessResponse = z.infer<typeof passiveLivenessResponseSchema>;

/** Passive video liveness (`/v2/kyc/forensics/video_liveness`). */
export const videoLivenessResponseSchema = decentroEnvelopeSchema.extend({
  data: z.looseObject({ status: z.string(), confidence: scalar.optional() }),
});
/** A parsed video liveness answer. */
export type VideoLivenessResponse = z.infer<typeof videoLivenessResponseSchema>;

/** Face match (`/v2/kyc/forensics/face_match`): `data.match` is a percentage string such as `"98.00%"`. */
export const faceMatchResponseSchema = decentroEnvelopeSchema.extend({
  data: z.looseObject({ status: z.string(), match: scalar.optional() }),
});
/** A parsed face match answer. */
export type FaceMatchResponse = z.infer<typeof faceMatchResponseSchema>;
