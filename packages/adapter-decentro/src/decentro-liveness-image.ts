import { type ImageConstraints, type MediaInput, type ValidatedMedia, validateImage } from '@facegate/core';
import type { ExifSummary } from '@facegate/core/adapter-kit';
import {
  checkLivenessResolution,
  DECENTRO_LIVENESS_RESOLUTION,
  livenessInputError,
} from './decentro-liveness-resolution';

/**
 * What Decentro's passive image liveness accepts: JPEG or PNG, 800×800 up to
 * 2000×2000 pixels. The 6 MB cap is ASSUMED from Decentro's KYC file limit
 * (face match and OCR document 6 MB; the liveness page states none).
 *
 * These limits apply to liveness only, so they are checked by the adapter
 * rather than declared in `mediaConstraints` (which core applies to face
 * match too, where Decentro has no resolution rule).
 */
export const DECENTRO_LIVENESS_IMAGE_CONSTRAINTS: ImageConstraints = {
  formats: ['jpeg', 'png'],
  maxBytes: 6_000_000,
  ...DECENTRO_LIVENESS_RESOLUTION,
  // The decompression-bomb guard only: the resolution rule above gives the clearer error.
  maxPixels: 40_000_000,
};

/** EXIF tags Decentro requires on a liveness image unless `skip_metadata_validation` is sent. */
export const REQUIRED_CAPTURE_TAGS = ['FileSource', 'Make', 'DateTime'] as const;
/** One required EXIF tag. */
export type CaptureTag = (typeof REQUIRED_CAPTURE_TAGS)[number];

/** The required capture tags an image lacks (empty when all are present). */
export function missingCaptureTags(exif: ExifSummary | undefined): CaptureTag[] {
  const missing: CaptureTag[] = [];
  if (exif?.fileSource === undefined) missing.push('FileSource');
  if (!exif?.make) missing.push('Make');
  if (!exif?.dateTime) missing.push('DateTime');
  return missing;
}

/** Options for the liveness image pre-flight. */
export interface LivenessImageCheckOptions {
  /** Do not require the EXIF capture tags (development only, like Decentro's flag). */
  skipMetadataValidation?: boolean;
  /** Field name for error details (default `media.image`). */
  field?: string;
}

/**
 * Refuse, before any paid call, an already validated image Decentro's
 * passive liveness would reject: outside 800×800–2000×2000, or (unless
 * skipped) without the EXIF FileSource, Make and DateTime tags a camera
 * writes. Throws `invalid_input` with `details.issue` =
 * `resolution_too_low` | `resolution_too_high` | `missing_capture_metadata`.
 */
export function checkLivenessImage(image: ValidatedMedia, options: LivenessImageCheckOptions = {}): void {
  const field = options.field ?? 'media.image';
  checkLivenessResolution(field, 'image', image.width ?? 0, image.height ?? 0);
  if (options.skipMetadataValidation) return;
  const missing = missingCaptureTags(image.exif);
  if (missing.length > 0) {
    throw livenessInputError(
      field,
      'missing_capture_metadata',
      `the image lacks the camera EXIF tags Decentro requires (${missing.join(', ')}), so Decentro would reject it as not taken by a camera; send the camera's original file without stripping metadata`,
      { missing },
    );
  }
}

/**
 * Check an image as Decentro's passive liveness will, without calling
 * Decentro: format, size, resolution and EXIF capture tags. Use it where the
 * upload arrives, to ask the user for another photo before a paid call.
 */
export function precheckDecentroLivenessImage(
  input: MediaInput,
  options: LivenessImageCheckOptions = {},
): ValidatedMedia {
  const field = options.field ?? 'image';
  const image = validateImage(input, DECENTRO_LIVENESS_IMAGE_CONSTRAINTS, field);
  checkLivenessImage(image, { ...options, field });
  return image;
}
