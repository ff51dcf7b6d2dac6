/**
 * `@facegate/core`: what an app uses — the client, the registry, requests,
 * normalized results, the threshold policy, errors, reason codes, challenges
 * and media validation.
 *
 * ```ts
 * import { createFacegate } from '@facegate/core';
 * const facegate = createFacegate({ provider: myAdapter });
 * const result = await facegate.compareFaces({ source: selfie, target: idPhoto });
 * if (result.decision.outcome === 'pass') { ... }
 * ```
 *
 * Adapter authors also use `@facegate/core/spec` (the provider interface and
 * observations), `@facegate/core/adapter-kit` (shared helpers) and
 * `@facegate/core/testing` (the conformance kit); demos and app tests use
 * `@facegate/core/scenario` (a deterministic provider).
 * @module
 */

// Challenges for active liveness.
export { type Challenge, type CreateChallengeOptions, challengeSchema, createChallenge } from './challenge/challenge';
export { CHALLENGE_ACTIONS, type ChallengeAction } from './challenge/challenge-actions';
export {
  createLightSequence,
  LIGHT_COLORS,
  LIGHT_MIN_CAPTURE_MS,
  LIGHT_RGB,
  LIGHT_SEGMENT_MS,
  type LightColor,
  type LightSequence,
  lightAt,
} from './challenge/light-sequence';
export {
  PROMPT_LATE_MS,
  PROMPT_MS,
  PROMPT_REACTION_MS,
  type PromptSchedule,
} from './challenge/prompt-schedule';
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
export { createScrubber, MIN_SECRET_LENGTH, type Scrubber } from './errors/scrubber';
// Logging.
export { type LogFields, type Logger, silentLogger } from './logging/logger';
// Media: apps may check uploads the way core checks every input.
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
// Policy.
export { combineDecisions, evaluateLiveness, evaluateMatch, evaluateQuality, evaluateSearch } from './policy/evaluate';
export {
  DEFAULT_POLICY,
  type PolicyConfig,
  type PolicyOverrides,
  resolvePolicy,
  type ThresholdBand,
} from './policy/policy-config';
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
// Registry: build clients from configuration or the environment.
export { FACEGATE_ENV_VARS, type FacegateEnvConfig, readFacegateEnv } from './registry/env-config';
export {
  createProviderRegistry,
  type FacegateConfig,
  type ProviderLoader,
  type ProviderRegistry,
  type ProviderStatus,
} from './registry/provider-registry';
export {
  ADAPTER_PROVIDER_IDS,
  type ModuleImporter,
  PROVIDER_IDS,
  PROVIDER_TABLE,
  type ProviderTableEntry,
  providerLoaders,
} from './registry/provider-table';
// Resilience options (the retry loop itself is internal).
export { DEFAULT_RESILIENCE, type ResilienceOptions } from './resilience/resilience-options';
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
  type Warning,
  warningSchema,
} from './results/common';
export { type FaceMatchResult, type FaceMatchSummary, faceMatchResultSchema } from './results/face-match';
export {
  type FaceSearchResult,
  faceSearchResultSchema,
  type IndexedFace,
  indexedFaceSchema,
  type RemovedFaces,
  removedFacesSchema,
  type SearchMatch,
} from './results/face-search';
export {
  type ChallengeOutcome,
  challengeOutcomeSchema,
  type LivenessResult,
  type LivenessVerdict,
  livenessResultSchema,
} from './results/liveness';
export { type LivenessSession, livenessSessionSchema } from './results/liveness-session';
export { type DetectedFace, type QualityMetrics, type QualityReport, qualityReportSchema } from './results/quality';
// The spec vocabulary apps write requests in (also exported by `@facegate/core/spec`).
export { CAPABILITIES, type Capability, supports } from './spec/capabilities';
export type { FaceProvider } from './spec/face-provider';
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
} from './spec/requests';
// Session components: what a web page mounts for a vendor session, and what it reports back.
export {
  SESSION_COMPONENTS,
  type SessionClientFor,
  type SessionClientInfo,
  type SessionClientReport,
  type SessionClientReportFor,
  type SessionComponentName,
  sessionClientInfoSchema,
  sessionClientReportSchema,
} from './spec/session-components';
