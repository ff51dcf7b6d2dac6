import { readFixture } from '../../../test-support/fixtures';
import type { DecentroProviderOptions } from './decentro-settings';
import { withCameraExif } from './testing/camera-exif';

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

/** obama-1.jpg (910×1137) carrying camera EXIF: passes Decentro's liveness pre-flight. */
export const livenessPhoto = withCameraExif(readFixture('faces/obama-1.jpg'), cameraExif);
/** The same photo without EXIF. */
export const photoWithoutExif = readFixture('faces/obama-1.jpg');
/** Another person (970×2204): fine for face match, too tall for liveness. */
export const otherPhoto = readFixture('faces/biden-1.jpg');
/** A 2 s MP4 clip. */
export const shortClip = readFixture('media/clip-2s.mp4');
