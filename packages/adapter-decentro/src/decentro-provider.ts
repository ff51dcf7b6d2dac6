import type { MediaConstraints } from '@facegate/core';
import type { EnvSource } from '@facegate/core/adapter-kit';
import {
  type Capability,
  type FaceMatchOperations,
  type FaceProvider,
  type MediaLivenessOperations,
  SPECIFICATION_VERSION,
} from '@facegate/core/spec';
import { createFaceMatch } from './decentro-face-match';
import { createLivenessCheck } from './decentro-liveness';
import { DECENTRO_LIVENESS_VIDEO_CONSTRAINTS } from './decentro-liveness-video';
import { DECENTRO_PROVIDER_ID, type DecentroProviderOptions, resolveDecentroSettings } from './decentro-settings';
import { createDecentroTransport } from './decentro-transport';

/**
 * What this adapter offers: passive image liveness, passive video liveness
 * and 1:1 face match. Decentro's active video liveness (hosted page) is not
 * offered as a session: its session lifetime and "not finished yet" answer
 * are undocumented (see the adapter docs page).
 */
export const DECENTRO_CAPABILITIES = [
  'liveness.image',
  'liveness.video',
  'match',
] as const satisfies readonly Capability[];

/**
 * Limits core checks before any call. Images: JPEG/PNG up to 6 MB (Decentro's
 * face match limit; decimal MB, the stricter reading). Liveness images are
 * further held to 800×800–2000×2000 and EXIF capture tags by the adapter.
 * Video: MP4/WebM, 20 MB, 10 s (and 800×800–2000×2000, checked by the adapter).
 */
export const DECENTRO_MEDIA_CONSTRAINTS: MediaConstraints = {
  image: { formats: ['jpeg', 'png'], maxBytes: 6_000_000, minWidth: 64, minHeight: 64, maxPixels: 40_000_000 },
  video: DECENTRO_LIVENESS_VIDEO_CONSTRAINTS,
};

/** The Decentro provider: a {@link FaceProvider} with media liveness and face match. */
export type DecentroProvider = FaceProvider & MediaLivenessOperations & FaceMatchOperations;

const processEnv = (): EnvSource => (typeof process === 'undefined' ? {} : process.env);

/**
 * Create the Decentro adapter. Settings come from `options`, else from the
 * `DECENTRO_*` environment variables, read now; a missing or invalid one is a
 * `configuration_error` naming the option and the variable.
 *
 * ```ts
 * const decentro = createDecentroProvider({
 *   consent: true, // your app collects every user's consent first
 *   consentPurpose: 'Identity check for account signup',
 * });
 * const facegate = createFacegate({ provider: decentro });
 * ```
 */
export function createDecentroProvider(options: DecentroProviderOptions = {}): DecentroProvider {
  const settings = resolveDecentroSettings(options, options.env ?? processEnv());
  const transport = createDecentroTransport(settings, options.httpClient ?? options.axios);
  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: DECENTRO_PROVIDER_ID,
    capabilities: DECENTRO_CAPABILITIES,
    mediaConstraints: DECENTRO_MEDIA_CONSTRAINTS,
    secrets: () => [settings.clientId, settings.clientSecret, settings.moduleSecret],
    doCheckLiveness: createLivenessCheck(settings, transport),
    doCompareFaces: createFaceMatch(settings, transport),
  };
}
