import type { Challenge } from '../challenge/challenge';
import type { MediaInput } from '../media/media-input';

/** Vendor-specific options, keyed by provider id; adapters warn about keys they ignore. */
export type ProviderOptions = Record<string, Record<string, unknown>>;

/** One frame of a sequence. */
export interface Frame<M = MediaInput> {
  image: M;
  /** Capture time in ms since the challenge was shown (monotonic, from the client). */
  capturedAtMs: number;
}

/** What to check for liveness in the media shape. */
export type LivenessMedia<M = MediaInput> =
  | { kind: 'image'; image: M }
  | { kind: 'video'; video: M }
  | { kind: 'frames'; frames: Frame<M>[] };

/** Media-shape liveness request. */
export interface MediaLivenessRequest<M = MediaInput> {
  media: LivenessMedia<M>;
  /** The server-issued challenge the frames answer (required for `frames`). */
  challenge?: Challenge;
  /** Compare the live face with this image in the same call (`liveness.reference`). */
  reference?: M;
  providerOptions?: ProviderOptions;
}

/** Session-shape: create a session. */
export interface CreateLivenessSessionRequest<M = MediaInput> {
  /** Idempotency key: the same key returns the same session where the vendor supports it. */
  idempotencyKey?: string;
  /** Opaque device id, for vendors that correlate attempts per device. */
  deviceCorrelationId?: string;
  /** Compare the captured face with this image (`liveness.reference`). */
  reference?: M;
  /** Requested lifetime of the client's access, in seconds (vendors clamp it). */
  ttlSeconds?: number;
  providerOptions?: ProviderOptions;
}

/** Session-shape: fetch a session's result. */
export interface LivenessSessionResultRequest {
  sessionId: string;
  providerOptions?: ProviderOptions;
}

/** 1:1 comparison. `source` is the live/reference face, `target` the face to verify (e.g. a document). */
export interface CompareFacesRequest<M = MediaInput> {
  source: M;
  target: M;
  providerOptions?: ProviderOptions;
}

/** Add a face to a collection under the caller's id. */
export interface IndexFaceRequest<M = MediaInput> {
  collection: string;
  externalId: string;
  image: M;
  providerOptions?: ProviderOptions;
}

/** Search a collection for faces like this one. */
export interface SearchFacesRequest<M = MediaInput> {
  collection: string;
  image: M;
  /** Most candidates to return (default 5). */
  maxResults?: number;
  /** Drop candidates below this similarity (0..1; default: the policy's duplicate review threshold). */
  minSimilarity?: number;
  providerOptions?: ProviderOptions;
}

/** Remove faces from a collection by the caller's id or the provider's face id. */
export interface RemoveFacesRequest {
  collection: string;
  externalIds?: string[];
  faceIds?: string[];
  providerOptions?: ProviderOptions;
}

/** Make sure a collection exists. */
export interface EnsureCollectionRequest {
  collection: string;
  providerOptions?: ProviderOptions;
}

/** Quality feedback for one image. */
export interface AnalyzeQualityRequest<M = MediaInput> {
  image: M;
  providerOptions?: ProviderOptions;
}

/** Provider readiness. */
export interface HealthStatus {
  status: 'ready' | 'warming_up' | 'down';
  detail?: string;
}
