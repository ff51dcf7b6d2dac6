import { z } from 'zod';
import { reasonCodeSchema } from '../reasons/reason-codes';
import { redactBiometrics } from './redact';

/** A score in 0..1. */
export const unitScoreSchema = z.number().min(0).max(1);

/** What the vendor answered, kept for audit and debugging, with biometrics removed. */
export const rawResponseSchema = z.strictObject({
  /** The vendor's request or transaction id, when it gives one. */
  requestId: z.string().nullable(),
  /** HTTP status of the vendor answer, when the call was HTTP. */
  httpStatus: z.number().int().optional(),
  /** The response body with image bytes, embeddings and secrets removed. */
  body: z.unknown(),
});
/** The vendor's answer with image bytes, embeddings and secrets removed. */
export type RawResponse = z.infer<typeof rawResponseSchema>;

/** Build a {@link RawResponse}, redacting the body. */
export function toRawResponse(body: unknown, requestId?: string | null, httpStatus?: number): RawResponse {
  const raw: RawResponse = { requestId: requestId ?? null, body: redactBiometrics(body) };
  if (httpStatus !== undefined) raw.httpStatus = httpStatus;
  return raw;
}

/** Something the caller should know that did not stop the call. */
export const warningSchema = z.strictObject({
  type: z.enum(['unsupported_option', 'clamped_value', 'assumption', 'fallback', 'mislabelled_media', 'other']),
  message: z.string(),
});
/** A non-fatal note on a result, e.g. an option the vendor cannot honour. */
export type Warning = z.infer<typeof warningSchema>;

/** The four outcomes of the threshold policy. */
export const DECISION_OUTCOMES = ['pass', 'retry', 'review', 'reject'] as const;
/** `pass` | `retry` (user can fix) | `review` (borderline) | `reject` (evidence against). */
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** What the policy decided and the reasons that drove it. */
export const decisionSchema = z.strictObject({
  outcome: z.enum(DECISION_OUTCOMES),
  reasons: z.array(reasonCodeSchema),
});
/** The policy's decision. `reasons` is empty only for `pass`. */
export type Decision = z.infer<typeof decisionSchema>;

/** A box in relative coordinates (0..1 of the image width/height). */
export const boundingBoxSchema = z.strictObject({
  left: z.number(),
  top: z.number(),
  width: z.number().min(0),
  height: z.number().min(0),
});
/** A face box as fractions of the image size. */
export type BoundingBox = z.infer<typeof boundingBoxSchema>;

/** An image a provider returns (reference or audit frame): bytes, or where it was stored. */
export const returnedImageSchema = z.strictObject({
  data: z.instanceof(Uint8Array).optional(),
  mediaType: z.string().optional(),
  /** Set when the vendor stored the image instead of returning it (AWS S3 output). */
  storedAt: z.strictObject({ bucket: z.string(), key: z.string(), version: z.string().optional() }).optional(),
  boundingBox: boundingBoxSchema.optional(),
});
/** An image returned by a provider. */
export type ReturnedImage = z.infer<typeof returnedImageSchema>;
