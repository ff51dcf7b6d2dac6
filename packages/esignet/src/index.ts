/**
 * `@facegate/esignet`: facegate as an identity verifier for MOSIP eSignet's
 * signup service. The service runs eSignet's IDV step protocol (START → the
 * liveness step with its prompts and hints → END, then the result) on any
 * facegate provider that checks frame sequences; signup-service reaches it
 * through the Java plugin shipped in `java/`.
 *
 * ```ts
 * import { startService } from '@facegate/esignet';
 * const service = await startService(); // reads HOST, PORT, ESIGNET_*, FACEGATE_*, DATABASE_URL
 * ```
 * @module
 */
export { ESIGNET_ENV, type EsignetEnv, loadEsignetEnv, type VerifierSettings, verifierSettingsFrom } from './config';
export {
  ERROR_CODES,
  type ErrorCode,
  hintFor,
  LIVENESS_STEP,
  MESSAGE_CODES,
  type MessageCode,
  promptFor,
  RESULT_ERROR_CODES,
  type ResultErrorCode,
  retryCodeFor,
} from './protocol/codes';
export {
  type ClaimVerification,
  END_STEP,
  FEEDBACK_TYPES,
  type Feedback,
  type FeedbackType,
  type FrameDetail,
  feedbackSchema,
  frameDetailSchema,
  type IdentityVerificationDto,
  type IdentityVerificationInitDto,
  type IdentityVerificationResult,
  identityVerificationDtoSchema,
  identityVerificationInitDtoSchema,
  identityVerificationResultSchema,
  RESULT_TOPIC,
  START_STEP,
  type StepDetail,
  stepDetailSchema,
  VERIFICATION_STATUSES,
  type VerificationResult,
  type VerificationStatus,
} from './protocol/wire';
export { API_BASE, buildService, type ServiceDeps } from './service/app';
export {
  createVerifierProvider,
  PROVIDER_LOADERS,
  requireFramesProvider,
  type VerifierProvider,
} from './service/providers';
export {
  createKafkaPublisher,
  type KafkaProducerLike,
  type KafkaPublisherOptions,
  type ResultPublisher,
} from './service/publisher';
export { type RunningService, type StartOptions, startService } from './service/run';
export {
  type LivenessState,
  SlotBusyError,
  type SlotState,
  SlotStore,
  type SlotStoreOptions,
  type SlotWork,
  type StoredFrame,
} from './store/slot-store';
export { ensureSchema, openSql, type Sql } from './store/sql';
export { type PromptWindow, promptWindows, selectFrames, windowIndexAt } from './verifier/attempt-plan';
export { captureTimeMs, type DecodedFrame, decodeFrames, type FrameProblem, MAX_FRAME_BYTES } from './verifier/frames';
export { IdentityVerifier, type VerifierDeps } from './verifier/verifier';
