import { createFacegate, type Facegate, type FacegateError } from '@facegate/core';
import { expectFacegateError, useVendorMock } from '@facegate/core/testing';
import { readFixture } from '../../../test-support/fixtures';
import { createDecentroProvider } from './decentro-provider';
import type { DecentroProviderOptions } from './decentro-settings';
import { withCameraExif } from './testing/camera-exif';
import { createDecentroVendorMock, type DecentroVendorMock } from './testing/decentro-vendor-mock';

/** Sentinel credentials: they must never appear in an error, a log line or a result. */
export const SENTINEL_CREDENTIALS = {
  clientId: 'sentinel-client-id-7d41c2',
  clientSecret: 'sentinel-client-secret-5e93af08',
  moduleSecret: 'sentinel-module-secret-b27c6d19',
} as const;

/** A purpose text of a length Decentro accepts. */
export const TEST_PURPOSE = 'Identity check for account signup';

/** Options for a provider talking to the mock (no environment). */
export function testOptions(extra: DecentroProviderOptions = {}): DecentroProviderOptions {
  return { ...SENTINEL_CREDENTIALS, consent: true, consentPurpose: TEST_PURPOSE, env: {}, ...extra };
}

const cameraExif = readFixture('media/exif-camera.jpg');

/**
 * obama-1.jpg (910×1137) given the camera EXIF of exif-camera.jpg: passes
 * Decentro's liveness pre-flight. (As shipped it has Make and DateTime but no
 * FileSource.)
 */
export const livenessPhoto = withCameraExif(readFixture('faces/obama-1.jpg'), cameraExif);
/** obama-1.jpg as shipped: EXIF Make and DateTime, no FileSource. */
export const photoWithoutFileSource = readFixture('faces/obama-1.jpg');
/** biden-2.jpg (1200×1200) has no EXIF at all. */
export const photoWithoutExif = readFixture('faces/biden-2.jpg');
/** Another person (970×2204): fine for face match, too tall for liveness. */
export const otherPhoto = readFixture('faces/biden-1.jpg');
/** A 2 s 880×1100 MP4 clip: within Decentro's video limits. */
export const shortClip = readFixture('media/clip-2s-880x1100.mp4');
/** The same clip as WebM. */
export const shortWebmClip = readFixture('media/clip-2s-880x1100.webm');
/** A 2 s 320×400 MP4 clip: below Decentro's 800×800 minimum. */
export const smallClip = readFixture('media/clip-2s.mp4');

/** Start a simulated Decentro (checking the sentinel credentials) for this test file. */
export function useDecentroMock(): DecentroVendorMock {
  return useVendorMock(createDecentroVendorMock({ credentials: SENTINEL_CREDENTIALS }));
}

/** A client over a Decentro provider built with {@link testOptions}, without retries. */
export function decentroClient(options: DecentroProviderOptions = {}): Facegate {
  return createFacegate({ provider: createDecentroProvider(testOptions(options)), resilience: { maxRetries: 0 } });
}

/** Await a call that must fail with a FacegateError free of the sentinel credentials. */
export function expectFailure(promise: Promise<unknown>): Promise<FacegateError> {
  return expectFacegateError(promise, { secrets: Object.values(SENTINEL_CREDENTIALS) });
}
