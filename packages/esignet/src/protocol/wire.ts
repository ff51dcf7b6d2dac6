// eSignet signup-service's identity-verification wire shapes, as its Java DTOs
// (module signup-integration-api, package io.mosip.signup.api.dto) serialise
// with Jackson: field names are the Java field names, enums their names.
import { z } from 'zod';

/** Step code the UI sends first; the verifier answers it with the first real step. */
export const START_STEP = 'START';
/** Step code the verifier sends last; signup-service then asks for the result. */
export const END_STEP = 'END';
/** Kafka topic signup-service reads verifier results from (`IdentityVerifierPlugin.RESULT_TOPIC`). */
export const RESULT_TOPIC = 'ANALYZE_FRAMES_RESULT';

/** `ProcessFeedbackType`: how signup-ui shows a feedback code. */
export const FEEDBACK_TYPES = ['MESSAGE', 'COLOR', 'ERROR'] as const;
/** `MESSAGE` shows `messages.<code>`, `COLOR` paints the screen with the CSS colour `code`, `ERROR` shows `errors.<code>`. */
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

/** `VerificationStatus` values a verifier returns (`RESULTS_READY` and `UPDATE_PENDING` are signup-service's own). */
export const VERIFICATION_STATUSES = ['COMPLETED', 'FAILED', 'STARTED'] as const;
/** A verification status. */
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** `IDVProcessStepDetail`: what the UI should capture next. */
export const stepDetailSchema = z.object({
  code: z.string(),
  framesPerSecond: z.number().int(),
  durationInSeconds: z.number().int(),
  startupDelayInSeconds: z.number().int(),
  retryOnTimeout: z.boolean(),
  retryableErrorCodes: z.array(z.string()),
});
/** A step the UI should run. */
export type StepDetail = z.infer<typeof stepDetailSchema>;

/** `IDVProcessFeedback`. */
export const feedbackSchema = z.object({ type: z.enum(FEEDBACK_TYPES), code: z.string() });
/** One feedback message. */
export type Feedback = z.infer<typeof feedbackSchema>;

/** `IdentityVerificationResult`: one message on Kafka and on the UI's STOMP topic `/topic/<slotId>`. */
export const identityVerificationResultSchema = z.object({
  /** The slot id. */
  id: z.string(),
  verifierId: z.string(),
  step: stepDetailSchema.nullable(),
  feedback: feedbackSchema.nullable(),
});
/** One result message. */
export type IdentityVerificationResult = z.infer<typeof identityVerificationResultSchema>;

/** `FrameDetail`: one captured frame, base64 JPEG without a data-URL prefix; `order` counts across steps. */
export const frameDetailSchema = z.object({ frame: z.string().nullable(), order: z.number().int() });
/** One frame as eSignet sends it. */
export type FrameDetail = z.infer<typeof frameDetailSchema>;

/** `IdentityVerificationDto`: what `verify` receives. */
export const identityVerificationDtoSchema = z.object({
  stepCode: z.string().nullable(),
  frames: z.array(frameDetailSchema).nullable().optional(),
});
/** A verify call. */
export type IdentityVerificationDto = z.infer<typeof identityVerificationDtoSchema>;

/** `IdentityVerificationInitDto`: what `initialize` receives. */
export const identityVerificationInitDtoSchema = z.object({
  individualId: z.string().nullable().optional(),
  disabilityType: z.string().nullable().optional(),
});
/** An initialize call. */
export type IdentityVerificationInitDto = z.infer<typeof identityVerificationInitDtoSchema>;

/** OIDC4IDA-style verification metadata of one claim (a `JsonNode` in `VerificationResult.verifiedClaims`). */
export interface ClaimVerification {
  trust_framework: string;
  verification_process: string;
  assurance_level: string;
  /** When the verification ran (ISO 8601). */
  time: string;
}

/** `VerificationResult`: what `getVerificationResult` returns. */
export interface VerificationResult {
  status: VerificationStatus;
  /** Claim name → verification metadata; empty unless the deployment lists claims this process verifies. */
  verifiedClaims: Record<string, ClaimVerification>;
  errorCode: string | null;
}
