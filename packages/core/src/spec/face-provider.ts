import type { Logger } from '../logging/logger';
import type { MediaConstraints } from '../media/media-constraints';
import type { ValidatedMedia } from '../media/media-input';
import type { PolicyOverrides } from '../policy/policy-config';
import type { MatchObservation } from '../results/face-match';
import type { IndexedFace, RemovedFaces, SearchObservation } from '../results/face-search';
import type { LivenessObservation } from '../results/liveness';
import type { LivenessSessionObservation, SessionResultObservation } from '../results/liveness-session';
import type { QualityObservation } from '../results/quality';
import type { Capability } from './capabilities';
import type {
  AnalyzeQualityRequest,
  CompareFacesRequest,
  CreateLivenessSessionRequest,
  EnsureCollectionRequest,
  HealthStatus,
  IndexFaceRequest,
  LivenessSessionResultRequest,
  MediaLivenessRequest,
  RemoveFacesRequest,
  SearchFacesRequest,
} from './requests';

/**
 * The spec version adapters implement. v2 renamed every operation to `do…`
 * (`doCompareFaces`, `doCheckLiveness`, …): a provider method returns an
 * observation, the client's method of the plain name returns a result, and
 * the two can no longer be mistaken for each other.
 */
export const SPECIFICATION_VERSION = 'v2';

/** Passed to every adapter call. Adapters must pass `signal` to their HTTP client. */
export interface CallContext {
  /** Aborted on timeout or caller cancellation. */
  readonly signal: AbortSignal;
  /** Scrubbing logger; never log image bytes or credentials anyway. */
  readonly logger: Logger;
  /** 0 for the first attempt, 1 for the first retry, … */
  readonly attempt: number;
}

/** What every provider declares about itself. */
export interface ProviderInfo {
  readonly specificationVersion: typeof SPECIFICATION_VERSION;
  /** Provider id, e.g. `aws`, `azure`, `local`. */
  readonly provider: string;
  readonly capabilities: readonly Capability[];
  /** Media limits; core validates every input against them before calling the adapter. */
  readonly mediaConstraints: MediaConstraints;
  /** Thresholds that suit this vendor's score scale (a vendor fact, documented in the adapter page). */
  readonly policyDefaults?: PolicyOverrides;
  /**
   * The credential values this provider holds (API keys, client secrets,
   * session tokens), as resolved from its options and the environment. The
   * client removes each one from every error, warning, result and log line it
   * emits; values shorter than 6 characters are ignored. A method rather than
   * a field, so printing or serialising the provider never shows them.
   * Providers without credentials leave it out.
   */
  secrets?(): readonly string[];
}

/** Session-shape liveness (vendor component in the browser). */
export interface SessionLivenessOperations {
  /** Create a vendor session; return what the browser component needs and when it expires. */
  doCreateLivenessSession(
    request: CreateLivenessSessionRequest<ValidatedMedia>,
    ctx: CallContext,
  ): Promise<LivenessSessionObservation>;
  /** Read a session's result: `pending`, or `complete` with the observation. */
  doGetLivenessSessionResult(
    request: LivenessSessionResultRequest,
    ctx: CallContext,
  ): Promise<SessionResultObservation>;
}

/** Media-shape liveness (image, clip or frame sequence sent by the server). */
export interface MediaLivenessOperations {
  /** Check an image, clip or frame sequence (answering `request.challenge`). */
  doCheckLiveness(request: MediaLivenessRequest<ValidatedMedia>, ctx: CallContext): Promise<LivenessObservation>;
}

/** 1:1 comparison. */
export interface FaceMatchOperations {
  /** Compare the face in `source` with the face in `target`. */
  doCompareFaces(request: CompareFacesRequest<ValidatedMedia>, ctx: CallContext): Promise<MatchObservation>;
}

/** 1:N search in named collections. */
export interface FaceSearchOperations {
  /** Create the collection if it does not exist (idempotent). */
  doEnsureCollection(request: EnsureCollectionRequest, ctx: CallContext): Promise<void>;
  /** Store the face of `image` under `externalId`. */
  doIndexFace(request: IndexFaceRequest<ValidatedMedia>, ctx: CallContext): Promise<IndexedFace>;
  /** Find stored faces like the face of `image`, most similar first. */
  doSearchFaces(
    request: SearchFacesRequest<ValidatedMedia> & { minSimilarity: number; maxResults: number },
    ctx: CallContext,
  ): Promise<SearchObservation>;
  /** Remove faces by external id or face id. */
  doRemoveFaces(request: RemoveFacesRequest, ctx: CallContext): Promise<RemovedFaces>;
}

/** One-frame quality feedback. */
export interface QualityOperations {
  /** Measure one frame: faces, size, light, blur, pose. */
  doAnalyzeQuality(request: AnalyzeQualityRequest<ValidatedMedia>, ctx: CallContext): Promise<QualityObservation>;
}

/** Readiness probe. */
export interface HealthOperations {
  /** Report readiness without doing billable work. */
  doCheckHealth(ctx: CallContext): Promise<HealthStatus>;
}

/** Optional lifecycle hooks. */
export interface LifecycleOperations {
  /** Load models or open connections ahead of the first call. */
  warmUp(): Promise<void>;
  /** Release resources. */
  close(): Promise<void>;
}

/**
 * A provider adapter: translates our requests to the vendor's, the vendor's
 * answers to observations, the vendor's errors to {@link FacegateError}s. It
 * decides nothing: thresholds, retries and timeouts are core's.
 *
 * Implement the operation groups matching `capabilities`.
 */
export type FaceProvider = ProviderInfo &
  Partial<
    SessionLivenessOperations &
      MediaLivenessOperations &
      FaceMatchOperations &
      FaceSearchOperations &
      QualityOperations &
      HealthOperations &
      LifecycleOperations
  >;
