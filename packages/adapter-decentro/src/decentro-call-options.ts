import { z } from 'zod';
import { FACE_MATCH_THRESHOLD_RANGE } from './decentro-settings';

/**
 * Per-call options, passed as `providerOptions: { decentro: { … } }`. Keys
 * an operation does not use produce an `unsupported_option` warning.
 */

/** Options for `checkLiveness`. */
export const livenessCallOptionsSchema = z.object({
  /** Override the factory's `imageLivenessApi` for this call. */
  imageLivenessApi: z.enum(['v3-json', 'v2-multipart']).optional(),
  /** Override the factory's `skipMetadataValidation` (images) or `skipVideoMetadataValidation` (videos) for this call. */
  skipMetadataValidation: z.boolean().optional(),
});
/** `providerOptions.decentro` for `checkLiveness`. */
export type DecentroLivenessCallOptions = z.infer<typeof livenessCallOptionsSchema>;

/** Options for `compareFaces`. */
export const matchCallOptionsSchema = z.object({
  /** Decentro's own face match threshold for this call (0.7–0.95; sent in whole percent, 70–95). */
  threshold: z.number().min(FACE_MATCH_THRESHOLD_RANGE.min).max(FACE_MATCH_THRESHOLD_RANGE.max).optional(),
});
/** `providerOptions.decentro` for `compareFaces`. */
export type DecentroMatchCallOptions = z.infer<typeof matchCallOptionsSchema>;
