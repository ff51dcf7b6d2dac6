import type { FaceClient } from '@azure-rest/ai-vision-face';
import type { ReasonCode, ValidatedMedia, Warning } from '@facegate/core';
import { malformedResponse, readProviderOptions, toRawResponse, toUnitScore } from '@facegate/core/adapter-kit';
import type { CallContext, CompareFacesRequest, MatchObservation } from '@facegate/core/spec';
import type { AzureAnswer } from './azure-errors';
import { azureCompareOptionsSchema } from './azure-provider-options';
import { recognitionQualityReasons } from './azure-quality';
import { answerLabel, readAzureJson, sendToAzure } from './azure-request';
import { type AzureDetectedFace, detectAnswerSchema, verifyAnswerSchema } from './azure-schemas';
import { AZURE_PROVIDER_ID } from './azure-settings';

/** Detection and recognition models used for 1:1 matching (Azure's recommended ones). */
export const AZURE_MATCH_MODELS = { detectionModel: 'detection_03', recognitionModel: 'recognition_04' } as const;
/** faceIds are used right away, so Azure keeps them for its minimum, 60 s, unless asked otherwise. */
const DEFAULT_FACE_ID_TTL_SECONDS = 60;

interface Detection {
  faces: AzureDetectedFace[];
  answer: AzureAnswer;
  body: unknown;
}

async function detect(
  client: FaceClient,
  image: ValidatedMedia,
  faceIdTimeToLive: number,
  ctx: CallContext,
): Promise<Detection> {
  const answer = await sendToAzure('detect', ctx, (hooks) =>
    client.path('/detect').post({
      ...hooks,
      contentType: 'application/octet-stream',
      body: image.data,
      queryParameters: {
        ...AZURE_MATCH_MODELS,
        returnFaceId: true,
        returnFaceAttributes: { value: ['qualityForRecognition'], explode: false, style: 'form' },
        faceIdTimeToLive,
      },
    }),
  );
  const faces = readAzureJson('detect', answer, detectAnswerSchema, 'service');
  // Azure ranks faces largest first; do not rely on it.
  const bySize = [...faces].sort(
    (a, b) => b.faceRectangle.width * b.faceRectangle.height - a.faceRectangle.width * a.faceRectangle.height,
  );
  return { faces: bySize, answer, body: faces };
}

/** Findings for one side: several faces (the largest is used) and its quality for recognition. */
function sideReasons(detection: Detection, side: 'source' | 'target', warnings: Warning[]): ReasonCode[] {
  const largest = detection.faces[0] as AzureDetectedFace;
  const reasons: ReasonCode[] = detection.faces.length > 1 ? ['multiple_faces'] : [];
  if (detection.faces.length > 1)
    warnings.push({
      type: 'other',
      message: `${detection.faces.length} faces on the ${side} image; the largest was compared`,
    });
  reasons.push(
    ...recognitionQualityReasons(largest.faceAttributes?.qualityForRecognition, largest.faceRectangle, side, warnings),
  );
  return reasons;
}

function faceIdOf(detection: Detection, side: string): string {
  const faceId = detection.faces[0]?.faceId;
  if (!faceId) throw malformedResponse(answerLabel('detect', detection.answer), `no faceId for the ${side} face`);
  return faceId;
}

/**
 * 1:1 comparison on Azure: `POST /detect` for the source, then the target
 * (detection_03, recognition_04, faceId and qualityForRecognition), then
 * `POST /verify` with the two largest faces. Verify's `confidence` (0..1) is
 * the similarity and `isIdentical` the vendor's label. A side without a face
 * ends the comparison with `no_face` (the target is not sent when the source
 * has none).
 */
export async function compareFacesOnAzure(
  client: FaceClient,
  request: CompareFacesRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<MatchObservation> {
  const warnings: Warning[] = [];
  const options = readProviderOptions(AZURE_PROVIDER_ID, azureCompareOptionsSchema, request.providerOptions, warnings);
  const ttl = options.faceIdTimeToLiveSeconds ?? DEFAULT_FACE_ID_TTL_SECONDS;

  const source = await detect(client, request.source, ttl, ctx);
  if (source.faces.length === 0) {
    return {
      similarity: null,
      reasons: ['no_face'],
      faces: { source: 0, target: null },
      raw: toRawResponse({ detect: { source: source.body } }, source.answer.requestId, source.answer.status),
      warnings: [...warnings, { type: 'other', message: 'no face on the source image; the target was not analysed' }],
    };
  }
  const target = await detect(client, request.target, ttl, ctx);
  const faces = { source: source.faces.length, target: target.faces.length };
  if (target.faces.length === 0) {
    return {
      similarity: null,
      reasons: [...new Set<ReasonCode>(['no_face', ...sideReasons(source, 'source', warnings)])],
      faces,
      raw: toRawResponse(
        { detect: { source: source.body, target: target.body } },
        target.answer.requestId,
        target.answer.status,
      ),
      warnings,
    };
  }
  const reasons = [...sideReasons(source, 'source', warnings), ...sideReasons(target, 'target', warnings)];
  const faceId1 = faceIdOf(source, 'source');
  const faceId2 = faceIdOf(target, 'target');

  const answer = await sendToAzure('verify', ctx, (hooks) =>
    client.path('/verify').post({ ...hooks, contentType: 'application/json', body: { faceId1, faceId2 } }),
  );
  const verify = readAzureJson('verify', answer, verifyAnswerSchema, 'service');
  return {
    similarity: toUnitScore(verify.confidence, 1, answerLabel('verify', answer), warnings),
    vendorIsMatch: verify.isIdentical,
    reasons: [...new Set(reasons)],
    faces,
    raw: toRawResponse(
      { detect: { source: source.body, target: target.body }, verify },
      answer.requestId,
      answer.status,
    ),
    warnings,
  };
}
