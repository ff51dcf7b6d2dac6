/**
 * `@facegate/core/spec`: the contract an adapter implements (spec v2) — the
 * provider interface and its operation groups, the call context, the
 * observations an adapter returns (before the policy), capabilities, the
 * request shapes and the registry factory every adapter package exports.
 *
 * ```ts
 * import { type FaceProvider, SPECIFICATION_VERSION } from '@facegate/core/spec';
 * const provider: FaceProvider = {
 *   specificationVersion: SPECIFICATION_VERSION,
 *   provider: 'acme',
 *   capabilities: ['match'],
 *   mediaConstraints: {},
 *   async doCompareFaces(request, ctx) {
 *     // call the vendor with request.source / request.target and ctx.signal; return an observation
 *     return { similarity: 0.9, reasons: [], raw: { requestId: null, body: {} }, warnings: [] };
 *   },
 * };
 * ```
 *
 * Every operation is named `do…`: it returns an observation; the client's
 * method of the plain name (`facegate.compareFaces`) returns the
 * policy-applied result. Results, errors, reasons and media types are in
 * `@facegate/core`.
 * @module
 */

// Observations: what `do…` operations return.
export { type MatchObservation, matchObservationSchema } from '../results/face-match';
export { type SearchObservation, searchObservationSchema } from '../results/face-search';
export { type LivenessObservation, livenessObservationSchema } from '../results/liveness';
export {
  type LivenessSessionObservation,
  livenessSessionObservationSchema,
  type SessionResultObservation,
  sessionResultObservationSchema,
} from '../results/liveness-session';
export { type QualityObservation, qualityObservationSchema } from '../results/quality';
export { CAPABILITIES, type Capability, supports } from './capabilities';
export {
  type CallContext,
  type FaceMatchOperations,
  type FaceProvider,
  type FaceSearchOperations,
  type HealthOperations,
  type LifecycleOperations,
  type MediaLivenessOperations,
  type ProviderInfo,
  type QualityOperations,
  type SessionLivenessOperations,
  SPECIFICATION_VERSION,
} from './face-provider';
export {
  type ConfigurationStatus,
  describeFromEnvVars,
  type EnvVarSpec,
  type ProviderFactory,
} from './provider-factory';
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
} from './requests';
