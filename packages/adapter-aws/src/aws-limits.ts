import { DEFAULT_IMAGE_CONSTRAINTS, type MediaConstraints } from '@facegate/core';
import type { Capability } from '@facegate/core/spec';

/** The provider id of this adapter. */
export const AWS_PROVIDER_ID = 'aws';

/** What the AWS adapter offers: session liveness, 1:1 match, 1:N search and quality feedback. */
export const AWS_CAPABILITIES = [
  'liveness.session',
  'match',
  'search',
  'quality',
] as const satisfies readonly Capability[];

/**
 * How long a Face Liveness session id stays usable, in seconds. AWS documents
 * that a SessionId expires 3 minutes after it is issued, after which all its
 * data (result, reference and audit images) is unavailable
 * (https://docs.aws.amazon.com/rekognition/latest/dg/face-liveness-diagrams.html).
 */
export const AWS_LIVENESS_SESSION_TTL_SECONDS = 180;

/** The browser component the session's `client` info is meant for. */
export const AMPLIFY_LIVENESS_COMPONENT = 'aws-amplify-face-liveness';

/**
 * Image limits of the Rekognition image APIs: JPEG or PNG, at most 5242880
 * bytes when passed as bytes (`Image.Bytes`), at least 80×80 pixels
 * (https://docs.aws.amazon.com/rekognition/latest/dg/limits.html,
 * https://docs.aws.amazon.com/rekognition/latest/APIReference/API_Image.html).
 */
export const AWS_MEDIA_CONSTRAINTS: MediaConstraints = {
  image: {
    formats: ['jpeg', 'png'],
    maxBytes: 5_242_880,
    minWidth: 80,
    minHeight: 80,
    maxPixels: DEFAULT_IMAGE_CONSTRAINTS.maxPixels,
  },
};
