import { CompareFacesCommand } from '@aws-sdk/client-rekognition';
import {
  type CallContext,
  type CompareFacesRequest,
  FacegateError,
  type MatchObservation,
  readProviderOptions,
  toUnitScore,
  type ValidatedMedia,
  type Warning,
} from '@facegate/core';
import type { AwsCaller } from './aws-call';
import { AWS_PROVIDER_ID } from './aws-limits';
import { noFaceFinding, orNoFace } from './aws-no-face';
import { compareOptionsSchema } from './aws-provider-options';
import { compareFacesWire } from './aws-schemas';

/**
 * 1:1 comparison with CompareFaces. `SimilarityThreshold` is sent as 0 so that
 * Rekognition lists every compared target face with its similarity in
 * `FaceMatches`; the adapter reports the highest one (Similarity / 100) and
 * leaves the decision to the policy. Rekognition compares the largest source
 * face with each target face and does not say how many faces the source had.
 */
export async function compareFacesWithAws(
  caller: AwsCaller,
  request: CompareFacesRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<MatchObservation> {
  const warnings: Warning[] = [];
  const options = readProviderOptions(AWS_PROVIDER_ID, compareOptionsSchema, request.providerOptions, warnings);
  const answer = await orNoFace(
    caller.call('compareFaces', ctx, compareFacesWire, (sendOptions) =>
      caller.client.send(
        new CompareFacesCommand({
          SourceImage: { Bytes: request.source.data },
          TargetImage: { Bytes: request.target.data },
          SimilarityThreshold: 0,
          ...(options.qualityFilter ? { QualityFilter: options.qualityFilter } : {}),
        }),
        sendOptions,
      ),
    ),
  );
  if (FacegateError.isInstance(answer)) {
    const { raw, warning } = noFaceFinding(answer, 'CompareFaces');
    return {
      similarity: null,
      reasons: ['no_face'],
      faces: { source: null, target: null },
      raw,
      warnings: [...warnings, warning],
    };
  }
  const { body, label, raw } = answer;
  const unmatched = body.UnmatchedFaces ?? [];
  const targetFaces = body.FaceMatches.length + unmatched.length;
  const observation: MatchObservation = {
    similarity: null,
    reasons: [],
    faces: { source: null, target: targetFaces },
    raw,
    warnings,
  };
  if (body.FaceMatches.length > 0) {
    const best = Math.max(...body.FaceMatches.map((m) => m.Similarity));
    observation.similarity = toUnitScore(best, 100, label, warnings);
  } else {
    // With threshold 0 every compared face is in FaceMatches: none there means
    // no target face was compared (none found, or all removed by QualityFilter).
    observation.reasons.push('no_face');
    if (unmatched.length > 0)
      warnings.push({
        type: 'other',
        message: `Rekognition compared none of the ${unmatched.length} target face(s) (quality filter?); reported as no_face`,
      });
  }
  if (targetFaces > 1)
    warnings.push({
      type: 'other',
      message: `the target image has ${targetFaces} faces; the similarity is that of the most similar one`,
    });
  return observation;
}
