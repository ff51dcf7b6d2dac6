/**
 * `@facegate/adapter-facia`: facegate adapter for a self-hosted Facia server
 * (merged liveness + face match in one `process_face` call, readiness probe).
 *
 * ```ts
 * import { createFacegate } from '@facegate/core';
 * import { createFaciaProvider } from '@facegate/adapter-facia';
 * const facegate = createFacegate({ provider: createFaciaProvider() }); // FACIA_BASE_URL, FACIA_HASH_ID
 * const result = await facegate.checkLiveness({ media: { kind: 'image', image: selfie }, reference: idPhoto });
 * // result.isLive, result.faceMatch?.isMatch, result.decision — from one call
 * ```
 * @module
 */

export { PROCESS_FACE_PATH } from './facia-process-face';
export {
  createFaciaProvider,
  FACIA_CAPABILITIES,
  FACIA_MAX_IMAGE_BYTES,
  FACIA_MEDIA_CONSTRAINTS,
  type FaciaProvider,
  SELF_REFERENCE_WARNING,
} from './facia-provider';
export { faciaProviderFactory } from './facia-provider-factory';
export { READY_TEXT, STATUS_CHECK_PATH } from './facia-readiness';
export {
  DEFAULT_READINESS_TTL_MS,
  DEFAULT_WARM_UP_POLL_MS,
  DEFAULT_WARM_UP_TIMEOUT_MS,
  FACIA_ENV_VARS,
  FACIA_PROVIDER_ID,
  type FaciaProviderOptions,
} from './facia-settings';
export { WARM_UP_PROBE_TIMEOUT_MS } from './facia-warm-up';
