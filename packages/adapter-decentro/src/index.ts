/**
 * `@facegate/adapter-decentro`: Decentro KYC forensics for facegate —
 * passive image liveness, passive video liveness and 1:1 face match.
 *
 * ```ts
 * import { createFacegate } from '@facegate/core';
 * import { createDecentroProvider } from '@facegate/adapter-decentro';
 *
 * const facegate = createFacegate({
 *   provider: createDecentroProvider({ consent: true, consentPurpose: 'Identity check for account signup' }),
 * });
 * ```
 * @module
 */
export type { DecentroLivenessCallOptions, DecentroMatchCallOptions } from './decentro-call-options';
export { DECENTRO_RESPONSE_CODES, DECENTRO_RESPONSE_KEYS, type DecentroErrorMapping } from './decentro-errors';
export { DECENTRO_FACE_MATCH_PATH } from './decentro-face-match';
export { DECENTRO_LIVENESS_PATHS } from './decentro-liveness';
export {
  type CaptureTag,
  checkLivenessImage,
  DECENTRO_LIVENESS_IMAGE_CONSTRAINTS,
  type LivenessImageCheckOptions,
  missingCaptureTags,
  precheckDecentroLivenessImage,
  REQUIRED_CAPTURE_TAGS,
} from './decentro-liveness-image';
export { DECENTRO_LIVENESS_RESOLUTION } from './decentro-liveness-resolution';
export {
  checkLivenessVideo,
  DECENTRO_LIVENESS_VIDEO_CONSTRAINTS,
  type LivenessVideoCheck,
  precheckDecentroLivenessVideo,
} from './decentro-liveness-video';
export {
  createDecentroProvider,
  DECENTRO_CAPABILITIES,
  DECENTRO_MEDIA_CONSTRAINTS,
  type DecentroProvider,
} from './decentro-provider';
export { decentroProviderFactory } from './decentro-provider-factory';
export {
  CONSENT_PURPOSE_LENGTH,
  DECENTRO_ENV,
  DECENTRO_PRODUCTION_URL,
  DECENTRO_PROVIDER_ID,
  DECENTRO_STAGING_URL,
  type DecentroImageLivenessApi,
  type DecentroProviderOptions,
  FACE_MATCH_THRESHOLD_RANGE,
} from './decentro-settings';
