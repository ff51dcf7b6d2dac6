import type { ReasonCode, ValidatedMedia } from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import type { CallContext, CompareFacesRequest, MatchObservation } from '@facegate/core/spec';
import { euclidean, similarityFromDistance } from '../analysis/similarity';
import type { DescribedFace } from '../engine/face-engine';
import { checkDescribed, decode, engineStep, type LocalContext } from './local-context';

/** Faces with descriptors on one image (SSD detector: robust on small and partial faces). */
export async function describeImage(
  local: LocalContext,
  ctx: CallContext,
  operation: string,
  media: ValidatedMedia,
): Promise<DescribedFace[]> {
  const image = await decode(local, ctx, operation, media);
  return checkDescribed(await engineStep(local, ctx, operation, () => local.engine.describeFaces(image)));
}

/** 1:1 comparison of the largest face on each side. */
export async function compareFaces(
  local: LocalContext,
  request: CompareFacesRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<MatchObservation> {
  const source = await describeImage(local, ctx, 'compareFaces', request.source);
  const target = await describeImage(local, ctx, 'compareFaces', request.target);
  const reasons: ReasonCode[] = [];
  if (source.length === 0 || target.length === 0) reasons.push('no_face');
  if (source.length > 1 || target.length > 1) reasons.push('multiple_faces');
  const a = source[0];
  const b = target[0];
  const distance = a && b ? euclidean(a.descriptor, b.descriptor) : null;
  const similarity = distance === null ? null : similarityFromDistance(distance);
  return {
    similarity,
    reasons,
    faces: { source: source.length, target: target.length },
    raw: toRawResponse({
      engine: 'local',
      model: local.engine.model,
      distance: distance === null ? null : Math.round(distance * 10000) / 10000,
      calibration: 'similarity = 1 / (1 + exp(12 * (distance - 0.60)))',
      faces: { source: source.length, target: target.length },
    }),
    warnings: [],
  };
}
