import { CompareFacesCommand } from '@aws-sdk/client-rekognition';
import { FacegateError, type ValidatedMedia, type Warning } from '@facegate/core';
import { readProviderOptions, toUnitScore } from '@facegate/core/adapter-kit';
import type { CallContext, CompareFacesRequest, MatchObservation } from '@facegate/core/spec';
import type { AwsCaller } from './aws-call';
import { AWS_PROVIDER_ID } from './aws-limits';
import { noFaceFinding, orNoFace } from './aws-no-face';
import { compareOptionsSchema } from './aws-provider-options';
import { compareFacesWire } from './aws-schemas';

/**
 * 1:1 comparison with CompareFaces. `SimilarityThreshold` is sent as 0 so that
 * Rekognition lists every compared target face with its similarity in
 * `FaceMatches`; the adapter reports the highest one (Similarity / 100) and
 * leaves the decision to the policy. Target faces listed only in
 * `UnmatchedFaces` are `face_mismatch` (similarity null); no target face at
 * all is `no_face`; no face in either image (InvalidParameterException, per
 * the CompareFaces docs) is `no_face`. Rekognition compares the largest source
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
  } else if (unmatched.length > 0) {
    // Target faces were found but none is in FaceMatches even at threshold 0:
    // Rekognition lists them as not matching the source face.
    observation.reasons.push('face_mismatch');
    warnings.push({
      type: 'assumption',
      message: `Rekognition listed ${unmatched.length} target face(s) as unmatched without a similarity${
        options.qualityFilter && options.qualityFilter !== 'NONE' ? ` (QualityFilter ${options.qualityFilter})` : ''
      }; reported as face_mismatch`,
    });
  } else {
    // No face in FaceMatches or UnmatchedFaces: nothing in the target was compared.
    observation.reasons.push('no_face');
  }
  if (targetFaces > 1)
    warnings.push({
      type: 'other',
      message: `the target image has ${targetFaces} faces; the similarity is that of the most similar one`,
    });
  return observation;
}
