/**
 * `@facegate/core`: the vendor-neutral spec for face liveness and face
 * matching — provider interfaces, normalized results, the threshold policy,
 * errors, input validation, retries/timeouts and the provider registry.
 *
 * ```ts
 * import { createFacegate } from '@facegate/core';
 * const facegate = createFacegate({ provider: myAdapter });
 * const result = await facegate.compareFaces({ source: selfie, target: idPhoto });
 * if (result.decision.outcome === 'pass') { ... }
 * ```
 * @module
 */

// Adapter kit: helpers adapters share.
export {
  codeForHttpStatus,
  type HttpErrorInput,
  httpError,
  isNetworkError,
  parseRetryAfter,
  unreachableError,
} from './adapter-kit/http-errors';
export {
  malformedResponse,
  parseJsonBody,
  parseLooseNumber,
  parseVendorBody,
  type ResponseLabel,
  toUnitScore,
} from './adapter-kit/parse-vendor-response';
export { readProviderOptions } from './adapter-kit/provider-options';
export { type EnvSource, loadSetting, optionalSetting, type SettingSpec } from './adapter-kit/settings';
// Challenges for active liveness.
export { type Challenge, type CreateChallengeOptions, challengeSchema, createChallenge } from './challenge/challenge';
export { CHALLENGE_ACTIONS, type ChallengeAction } from './challenge/challenge-actions';
// The client.
export {
  type CallOptions,
  createFacegate,
  type Facegate,
  type FacegateOptions,
  type LivenessSessionOutcome,
} from './client/facegate';
export { collectionNameSchema, externalIdSchema } from './client/request-checks';
export {
  createMemorySessionStore,
  type LivenessSessionStore,
  type StoredLivenessSession,
} from './client/session-store';
// Errors.
export { ERROR_CODE_INFO, ERROR_CODES, type FacegateErrorCode } from './errors/error-codes';
export { FacegateError, type FacegateErrorOptions } from './errors/facegate-error';
export { scrubText } from './errors/scrub';
export { rememberSecret } from './errors/secret-registry';
// Logging.
export { type LogFields, type Logger, safeLogger, silentLogger } from './logging/logger';
// Media.
export { type ExifSummary, readExif } from './media/exif';
export { CorruptMediaError, type ImageHeader, readImageHeader } from './media/image-header';
export {
  DEFAULT_FRAME_CONSTRAINTS,
  DEFAULT_IMAGE_CONSTRAINTS,
  type FrameConstraints,
  type ImageConstraints,
  type MediaConstraints,
  type VideoConstraints,
} from './media/media-constraints';
export {
  type ImageFormat,
  isImageFormat,
  MEDIA_TYPES,
  type MediaFormat,
  sniffFormat,
  type UnacceptedFormat,
  type VideoFormat,
} from './media/media-format';
export { type MediaInput, unwrapMediaInput, type ValidatedMedia } from './media/media-input';
export { validateImage, validateVideo } from './media/validate-media';
export { readVideoHeader, type VideoHeader } from './media/video-header';
// Policy.
export { combineDecisions, evaluateLiveness, evaluateMatch, evaluateQuality, evaluateSearch } from './policy/evaluate';
export {
  DEFAULT_POLICY,
  type PolicyConfig,
  type PolicyOverrides,
  resolvePolicy,
  type ThresholdBand,
} from './policy/policy-config';
// Provider spec.
export { CAPABILITIES, type Capability, supports } from './provider/capabilities';
export {
  type CallContext,
  type FaceMatcher,
  type FaceMatchOperations,
  type FaceProvider,
  type FaceSearcher,
  type FaceSearchOperations,
  type HealthOperations,
  type LifecycleOperations,
  type LivenessProvider,
  type MediaLivenessOperations,
  type ProviderInfo,
  type QualityOperations,
  type SessionLivenessOperations,
  SPECIFICATION_VERSION,
} from './provider/face-provider';
export type {
  AnalyzeQualityRequest,
  CompareFacesRequest,
  CreateLivenessSessionRequest,
  EnsureCollectionRequest,
  Frame,
  HealthStatus,
  IndexFaceRequest,
  LivenessMedia,
  LivenessSessionResultRequest,
  MediaLivenessRequest,
  ProviderOptions,
  RemoveFacesRequest,
  SearchFacesRequest,
} from './provider/requests';
// Reasons.
export {
  REASON_CLASSES,
  REASON_CODES,
  type ReasonClass,
  type ReasonCode,
  reasonClass,
  reasonCodeSchema,
  uniqueReasons,
} from './reasons/reason-codes';
export { describeReason, REASON_DESCRIPTIONS } from './reasons/reason-descriptions';
// Registry.
export { FACEGATE_ENV_VARS, type FacegateEnvConfig, readFacegateEnv } from './registry/env-config';
export {
  type ConfigurationStatus,
  describeFromEnvVars,
  type EnvVarSpec,
  type ProviderFactory,
} from './registry/provider-factory';
export {
  createProviderRegistry,
  type FacegateConfig,
  type ProviderLoader,
  type ProviderRegistry,
  type ProviderStatus,
} from './registry/provider-registry';
// Resilience.
export { DEFAULT_RESILIENCE, type ResilienceOptions, resolveResilience, sleep } from './resilience/resilience-options';
export { type CallLabel, runWithResilience } from './resilience/run-with-resilience';
// Results.
export {
  type BoundingBox,
  boundingBoxSchema,
  DECISION_OUTCOMES,
  type Decision,
  type DecisionOutcome,
  decisionSchema,
  type RawResponse,
  type ReturnedImage,
  rawResponseSchema,
  returnedImageSchema,
  toRawResponse,
  type Warning,
  warningSchema,
} from './results/common';
export {
  type FaceMatchResult,
  type FaceMatchSummary,
  faceMatchResultSchema,
  type MatchObservation,
  matchObservationSchema,
} from './results/face-match';
export {
  type FaceSearchResult,
  faceSearchResultSchema,
  type IndexedFace,
  indexedFaceSchema,
  type RemovedFaces,
  removedFacesSchema,
  type SearchMatch,
  type SearchObservation,
  searchObservationSchema,
} from './results/face-search';
export {
  type ChallengeOutcome,
  challengeOutcomeSchema,
  type LivenessObservation,
  type LivenessResult,
  type LivenessVerdict,
  livenessObservationSchema,
  livenessResultSchema,
} from './results/liveness';
export {
  type LivenessSession,
  type LivenessSessionObservation,
  livenessSessionObservationSchema,
  livenessSessionSchema,
  type SessionResultObservation,
  sessionResultObservationSchema,
} from './results/liveness-session';
export {
  type DetectedFace,
  type QualityMetrics,
  type QualityObservation,
  type QualityReport,
  qualityObservationSchema,
  qualityReportSchema,
} from './results/quality';
export { redactBiometrics } from './results/redact';
export {
  awsAmplifyClientSchema,
  azureFaceClientSchema,
  SESSION_COMPONENTS,
  type SessionClientFor,
  type SessionClientInfo,
  type SessionClientReport,
  type SessionClientReportFor,
  type SessionComponentName,
  scenarioClientSchema,
  sessionClientInfoSchema,
  sessionClientReportSchema,
} from './results/session-components';
