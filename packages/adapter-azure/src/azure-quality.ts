import type { ReasonCode, Warning } from '@facegate/core';

/** Azure's guidance: faces for verify should be at least 200×200 pixels. */
const RECOMMENDED_FACE_PIXELS = 200;

/**
 * Turn Azure's `qualityForRecognition` for one face into our findings:
 * `low` is a retry reason (`low_resolution` when the face box is under
 * Azure's recommended 200 px, else `blurry`, the closest user-fixable cause),
 * `medium` a warning, `high` nothing. A missing or unknown rating is a
 * warning: the similarity is still usable.
 */
export function recognitionQualityReasons(
  quality: string | undefined,
  face: { width: number; height: number } | undefined,
  side: string,
  warnings: Warning[],
): ReasonCode[] {
  const rating = quality?.toLowerCase();
  if (rating === 'high') return [];
  if (rating === 'low') {
    const small = face !== undefined && Math.min(face.width, face.height) < RECOMMENDED_FACE_PIXELS;
    return [small ? 'low_resolution' : 'blurry'];
  }
  warnings.push({
    type: 'other',
    message:
      rating === 'medium'
        ? `Azure rated the ${side} face 'medium' for recognition; a sharper, frontal photo gives a more reliable match`
        : `Azure gave no usable quality-for-recognition rating for the ${side} face (${quality === undefined ? 'none' : `'${quality.slice(0, 20)}'`})`,
  });
  return [];
}
