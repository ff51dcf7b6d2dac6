import { FacegateError } from '@facegate/core';
import { DECENTRO_PROVIDER_ID } from './decentro-settings';

/**
 * The frame size Decentro's passive liveness accepts, for images and videos
 * alike: 800×800 up to 2000×2000 pixels (Decentro's passive liveness page:
 * files outside this range are rejected).
 */
export const DECENTRO_LIVENESS_RESOLUTION = {
  minWidth: 800,
  minHeight: 800,
  maxWidth: 2000,
  maxHeight: 2000,
} as const;

/** An `invalid_input` about a liveness input, with `details.field` and `details.issue`. */
export function livenessInputError(
  field: string,
  issue: string,
  message: string,
  extra: Record<string, unknown>,
): FacegateError {
  return new FacegateError({
    code: 'invalid_input',
    message: `${field}: ${message}`,
    provider: DECENTRO_PROVIDER_ID,
    details: { field, issue, ...extra },
  });
}

const TOO_LOW_HINT = {
  image: 'capture at a higher resolution',
  video:
    'record at a higher resolution (browsers often record 640×480 or 1280×720 unless asked for more: request at least 800 px on each side)',
} as const;

const TOO_HIGH_HINT = {
  image: 'downscale it first (keeping its EXIF)',
  video: 'record at a lower resolution (1080p portrait, 1080×1920, is within the range)',
} as const;

/**
 * Refuse a frame size outside {@link DECENTRO_LIVENESS_RESOLUTION}: throws
 * `invalid_input` with `details.issue` `resolution_too_low` or
 * `resolution_too_high`, the limits and the actual size.
 */
export function checkLivenessResolution(field: string, kind: 'image' | 'video', width: number, height: number): void {
  const r = DECENTRO_LIVENESS_RESOLUTION;
  const extra = { ...r, width, height };
  if (width < r.minWidth || height < r.minHeight) {
    throw livenessInputError(
      field,
      'resolution_too_low',
      `${width}×${height} is below the ${r.minWidth}×${r.minHeight} Decentro's liveness check needs; ${TOO_LOW_HINT[kind]}`,
      extra,
    );
  }
  if (width > r.maxWidth || height > r.maxHeight) {
    throw livenessInputError(
      field,
      'resolution_too_high',
      `${width}×${height} is above the ${r.maxWidth}×${r.maxHeight} Decentro's liveness check accepts; ${TOO_HIGH_HINT[kind]}`,
      extra,
    );
  }
}
