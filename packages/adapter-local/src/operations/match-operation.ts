import type { ReasonCode, ValidatedMedia } from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import type { CallContext, CompareFacesRequest, MatchObservation } from '@facegate/core/spec';
import { descriptorDistance, MATCH_CALIBRATION, similarityFromDistance } from '../analysis/similarity';
import type { RgbImage } from '../engine/decode-image';
import type { DescribedFace } from '../engine/face-engine';
import { checkDescribed, decode, engineStep, type LocalContext } from './local-context';

/**
 * Other faces count as "several faces" only when the detector is this sure of
 * them and they are at least this large relative to the main face: a painting
 * or a face on a badge in the background scored 0.9 in measurements.
 */
export const SECOND_FACE = { minScore: 0.9, minRelativeHeight: 0.5 } as const;

/** Faces that count besides the main (most confident) one. */
export function countedFaces(
  faces: readonly DescribedFace[] | readonly { score: number | null; box: { height: number } }[],
): number {
  const main = faces[0];
  if (!main) return 0;
  return (
    1 +
    faces
      .slice(1)
      .filter(
        (f) =>
          (f.score ?? 0) >= SECOND_FACE.minScore && f.box.height >= SECOND_FACE.minRelativeHeight * main.box.height,
      ).length
  );
}

/** Faces with embeddings on one image, most confident first. */
export async function describeImage(
  local: LocalContext,
  ctx: CallContext,
  operation: string,
  media: ValidatedMedia | RgbImage,
): Promise<DescribedFace[]> {
  const image = 'mediaType' in media ? await decode(local, ctx, operation, media) : media;
  const faces = await engineStep(local, ctx, operation, (signal) => local.engine.describeFaces(image, { signal }));
  return checkDescribed(faces, local.engine.embeddingLength).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;

/**
 * 1:1 comparison of the most confident face on each side (not the largest: a
 * two-person photo fooled "largest" in a measurement); `multiple_faces` when
 * either side shows another clear face.
 */
export async function compareFaces(
  local: LocalContext,
  request: CompareFacesRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<MatchObservation> {
  // Both decodes at once (libvips threads), then one engine call per side.
  const [sourceImage, targetImage] = await Promise.all([
    decode(local, ctx, 'compareFaces', request.source),
    decode(local, ctx, 'compareFaces', request.target),
  ]);
  const source = await describeImage(local, ctx, 'compareFaces', sourceImage);
  const target = await describeImage(local, ctx, 'compareFaces', targetImage);
  const counts = { source: countedFaces(source), target: countedFaces(target) };
  const reasons: ReasonCode[] = [];
  if (counts.source === 0 || counts.target === 0) reasons.push('no_face');
  if (counts.source > 1 || counts.target > 1) reasons.push('multiple_faces');
  const a = source[0];
  const b = target[0];
  const distance = a && b ? descriptorDistance(a.descriptor, b.descriptor) : null;
  const similarity = distance === null ? null : similarityFromDistance(distance);
  return {
    similarity,
    reasons,
    faces: counts,
    raw: toRawResponse({
      engine: 'local',
      model: local.engine.model,
      distance: distance === null ? null : round4(distance),
      calibration: `similarity = 1 / (1 + exp(${MATCH_CALIBRATION.k} * (cosineDistance - ${MATCH_CALIBRATION.d0})))`,
      faces: counts,
      detectorScores: { source: a?.score ?? null, target: b?.score ?? null },
    }),
    warnings: [],
  };
}
