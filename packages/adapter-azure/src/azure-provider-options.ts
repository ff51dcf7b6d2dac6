import { z } from 'zod';

/** `providerOptions.azure` for `createLivenessSession`. */
export const azureCreateSessionOptionsSchema = z.object({
  /** `Passive` or `PassiveActive` (default: the factory's `livenessOperationMode`, else `PassiveActive`). */
  livenessOperationMode: z.enum(['Passive', 'PassiveActive']).optional(),
  /** Let the client SDK set the device correlation id (then none is sent from the server). */
  deviceCorrelationIdSetInClient: z.boolean().optional(),
  /** Ask Azure to keep the session image (its id appears in `raw`; default false). */
  enableSessionImage: z.boolean().optional(),
  /** Pin the liveness model, e.g. `2024-11-15` (default: Azure's latest). */
  livenessModelVersion: z.string().min(1).max(40).optional(),
  /** With a reference only: Azure's own `isIdentical` threshold (0..1). */
  verifyConfidenceThreshold: z.number().min(0).max(1).optional(),
  /** With a reference only: return the reference image's SHA-256 in the result. */
  returnVerifyImageHash: z.boolean().optional(),
});
/** Azure options for `createLivenessSession`. */
export type AzureCreateSessionOptions = z.infer<typeof azureCreateSessionOptionsSchema>;

/** `providerOptions.azure` for `getLivenessSessionResult`. */
export const azureSessionResultOptionsSchema = z.object({
  /** Delete the session after a complete result was read (default: the factory's `deleteSessionAfterResult`, else true). */
  deleteSession: z.boolean().optional(),
});
/** Azure options for `getLivenessSessionResult`. */
export type AzureSessionResultOptions = z.infer<typeof azureSessionResultOptionsSchema>;

/** `providerOptions.azure` for `compareFaces`. */
export const azureCompareOptionsSchema = z.object({
  /** How long Azure keeps the detected faceIds, 60–86400 s (default 60: they are used at once). */
  faceIdTimeToLiveSeconds: z.number().int().min(60).max(86_400).optional(),
});
/** Azure options for `compareFaces`. */
export type AzureCompareOptions = z.infer<typeof azureCompareOptionsSchema>;
