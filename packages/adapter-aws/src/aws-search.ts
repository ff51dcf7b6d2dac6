import {
  CreateCollectionCommand,
  DeleteFacesCommand,
  IndexFacesCommand,
  ListFacesCommand,
  SearchFacesByImageCommand,
} from '@aws-sdk/client-rekognition';
import {
  FacegateError,
  type IndexedFace,
  type RawResponse,
  type ReasonCode,
  type RemovedFaces,
  type ValidatedMedia,
  type Warning,
} from '@facegate/core';
import { malformedResponse, readProviderOptions, toRawResponse, toUnitScore } from '@facegate/core/adapter-kit';
import type {
  CallContext,
  EnsureCollectionRequest,
  IndexFaceRequest,
  RemoveFacesRequest,
  SearchFacesRequest,
  SearchObservation,
} from '@facegate/core/spec';
import type { AwsCaller } from './aws-call';
import { AWS_PROVIDER_ID } from './aws-limits';
import { noFaceFinding, orNoFace } from './aws-no-face';
import { indexOptionsSchema, noOptionsSchema, searchOptionsSchema } from './aws-provider-options';
import { createCollectionWire, deleteFacesWire, indexFacesWire, listFacesWire, searchFacesWire } from './aws-schemas';

/** IndexFaces `UnindexedFaces[].Reasons` and the reason each maps to. */
export const AWS_UNINDEXED_REASONS: Readonly<Record<string, ReasonCode>> = {
  EXCEEDS_MAX_FACES: 'multiple_faces',
  EXTREME_POSE: 'head_pose',
  LOW_BRIGHTNESS: 'too_dark',
  LOW_SHARPNESS: 'blurry',
  LOW_CONFIDENCE: 'no_face',
  SMALL_BOUNDING_BOX: 'face_too_small',
  LOW_FACE_QUALITY: 'low_resolution',
};

/** Largest page ListFaces serves (`MaxResults` 0–4096). */
const LIST_FACES_PAGE = 4096;
/** Most face ids DeleteFaces takes per call. */
const DELETE_FACES_BATCH = 4096;
/** Pages read at most when resolving external ids (4096 × 5000 faces, beyond a collection's 20 M cap). */
const MAX_LIST_PAGES = 5000;

/** Create the collection; one that already exists is fine. */
export async function ensureAwsCollection(
  caller: AwsCaller,
  request: EnsureCollectionRequest,
  ctx: CallContext,
): Promise<void> {
  const warnings: Warning[] = [];
  readProviderOptions(AWS_PROVIDER_ID, noOptionsSchema, request.providerOptions, warnings);
  // ensureCollection returns nothing, so its warnings go to the log.
  for (const warning of warnings) ctx.logger.warn({ provider: AWS_PROVIDER_ID }, warning.message);
  try {
    const { body, label } = await caller.call('ensureCollection', ctx, createCollectionWire, (options) =>
      caller.client.send(new CreateCollectionCommand({ CollectionId: request.collection }), options),
    );
    if (body.StatusCode !== 200) throw malformedResponse(label, `CreateCollection StatusCode ${body.StatusCode}`);
  } catch (error) {
    if (FacegateError.isInstance(error) && error.vendorCode === 'ResourceAlreadyExistsException') return;
    throw error;
  }
}

/**
 * Store the largest face of the image under `externalId` (IndexFaces,
 * MaxFaces 1, QualityFilter AUTO unless `providerOptions.aws.qualityFilter`).
 * When no face is stored the call fails with `invalid_input` whose
 * `details.reasons` say why (e.g. `too_dark`, or `no_face` when none was found).
 */
export async function indexAwsFace(
  caller: AwsCaller,
  request: IndexFaceRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<IndexedFace> {
  const warnings: Warning[] = [];
  const options = readProviderOptions(AWS_PROVIDER_ID, indexOptionsSchema, request.providerOptions, warnings);
  const { body, label, raw } = await caller.call('indexFace', ctx, indexFacesWire, (sendOptions) =>
    caller.client.send(
      new IndexFacesCommand({
        CollectionId: request.collection,
        Image: { Bytes: request.image.data },
        ExternalImageId: request.externalId,
        MaxFaces: 1,
        QualityFilter: options.qualityFilter ?? 'AUTO',
        DetectionAttributes: ['DEFAULT'],
      }),
      sendOptions,
    ),
  );
  const reasons = unindexedReasons(body.UnindexedFaces ?? [], warnings);
  const record = body.FaceRecords[0];
  if (!record) {
    const why: ReasonCode[] = reasons.length > 0 ? reasons : ['no_face'];
    throw new FacegateError({
      code: 'invalid_input',
      message: `Rekognition stored no face from the image (${why.join(', ')}); index a clearer photo with one face`,
      provider: AWS_PROVIDER_ID,
      httpStatus: label.httpStatus,
      requestId: label.requestId,
      details: { reasons: why },
    });
  }
  if (body.FaceRecords.length > 1) throw malformedResponse(label, 'more than one face indexed with MaxFaces 1');
  return {
    faceId: record.Face.FaceId,
    externalId: request.externalId,
    reasons: reasons.filter((r) => r === 'multiple_faces'),
    raw,
    warnings,
  };
}

/**
 * Search the collection with SearchFacesByImage (largest face of the image;
 * FaceMatchThreshold = minSimilarity × 100, MaxFaces = maxResults). No face
 * in the image is a `no_face` finding rather than an error.
 */
export async function searchAwsFaces(
  caller: AwsCaller,
  request: SearchFacesRequest<ValidatedMedia> & { minSimilarity: number; maxResults: number },
  ctx: CallContext,
): Promise<SearchObservation> {
  const warnings: Warning[] = [];
  const options = readProviderOptions(AWS_PROVIDER_ID, searchOptionsSchema, request.providerOptions, warnings);
  const answer = await orNoFace(
    caller.call('searchFaces', ctx, searchFacesWire, (sendOptions) =>
      caller.client.send(
        new SearchFacesByImageCommand({
          CollectionId: request.collection,
          Image: { Bytes: request.image.data },
          MaxFaces: request.maxResults,
          FaceMatchThreshold: Math.round(request.minSimilarity * 100 * 1e4) / 1e4,
          ...(options.qualityFilter ? { QualityFilter: options.qualityFilter } : {}),
        }),
        sendOptions,
      ),
    ),
  );
  if (FacegateError.isInstance(answer)) {
    const { raw, warning } = noFaceFinding(answer, 'SearchFacesByImage');
    return { matches: [], reasons: ['no_face'], raw, warnings: [...warnings, warning] };
  }
  const { body, label, raw } = answer;
  let unnamed = 0;
  const matches = body.FaceMatches.map((m) => {
    if (m.Face.ExternalImageId === undefined) unnamed += 1;
    return {
      faceId: m.Face.FaceId,
      externalId: m.Face.ExternalImageId ?? '',
      similarity: toUnitScore(m.Similarity, 100, label, warnings),
    };
  });
  if (unnamed > 0)
    warnings.push({
      type: 'other',
      message: `${unnamed} matching face(s) have no ExternalImageId (indexed outside facegate?)`,
    });
  return { matches, reasons: [], raw, warnings };
}

/**
 * Remove faces. Face ids go straight to DeleteFaces; external ids are first
 * resolved to face ids with ListFaces (every page; slow on large collections,
 * so keep the face ids `indexFace` returns where you can).
 */
export async function removeAwsFaces(
  caller: AwsCaller,
  request: RemoveFacesRequest,
  ctx: CallContext,
): Promise<RemovedFaces> {
  const warnings: Warning[] = [];
  readProviderOptions(AWS_PROVIDER_ID, noOptionsSchema, request.providerOptions, warnings);
  const faceIds = new Set(request.faceIds ?? []);
  const externalIds = new Set(request.externalIds ?? []);
  const listing = { pages: 0, facesListed: 0, matched: 0 };
  if (externalIds.size > 0) {
    let nextToken: string | undefined;
    const seenTokens = new Set<string>();
    do {
      const { body, label } = await caller.call('removeFaces', ctx, listFacesWire, (options) =>
        caller.client.send(
          new ListFacesCommand({ CollectionId: request.collection, MaxResults: LIST_FACES_PAGE, NextToken: nextToken }),
          options,
        ),
      );
      listing.pages += 1;
      listing.facesListed += body.Faces.length;
      for (const face of body.Faces) {
        if (face.ExternalImageId !== undefined && externalIds.has(face.ExternalImageId)) {
          listing.matched += 1;
          faceIds.add(face.FaceId);
        }
      }
      nextToken = body.NextToken;
      if (nextToken !== undefined) {
        if (seenTokens.has(nextToken) || listing.pages >= MAX_LIST_PAGES)
          throw malformedResponse(label, 'ListFaces pagination does not end');
        seenTokens.add(nextToken);
      }
    } while (nextToken !== undefined);
  }
  if (faceIds.size === 0) {
    return { removedFaceIds: [], raw: toRawResponse({ ListFaces: listing, DeleteFaces: null }), warnings };
  }
  const ids = [...faceIds];
  const removed: string[] = [];
  const answers: unknown[] = [];
  let last: RawResponse | undefined;
  for (let start = 0; start < ids.length; start += DELETE_FACES_BATCH) {
    const { body, raw } = await caller.call('removeFaces', ctx, deleteFacesWire, (options) =>
      caller.client.send(
        new DeleteFacesCommand({
          CollectionId: request.collection,
          FaceIds: ids.slice(start, start + DELETE_FACES_BATCH),
        }),
        options,
      ),
    );
    removed.push(...body.DeletedFaces);
    answers.push(raw.body);
    last = raw;
    for (const failed of body.UnsuccessfulFaceDeletions ?? []) {
      warnings.push({
        type: 'other',
        message: `face ${String(failed.FaceId).slice(0, 64)} was not removed (${(failed.Reasons ?? []).join(', ') || 'no reason given'})`,
      });
    }
  }
  return {
    removedFaceIds: removed,
    raw: {
      ...(last as RawResponse),
      body: {
        ListFaces: externalIds.size > 0 ? listing : null,
        DeleteFaces: answers.length === 1 ? answers[0] : answers,
      },
    },
    warnings,
  };
}

function unindexedReasons(unindexed: readonly { Reasons?: string[] }[], warnings: Warning[]): ReasonCode[] {
  const out = new Set<ReasonCode>();
  for (const face of unindexed) {
    for (const reason of face.Reasons ?? []) {
      const mapped = Object.hasOwn(AWS_UNINDEXED_REASONS, reason) ? AWS_UNINDEXED_REASONS[reason] : undefined;
      if (mapped) out.add(mapped);
      else warnings.push({ type: 'other', message: `Rekognition did not index a face: ${reason.slice(0, 60)}` });
    }
  }
  return [...out];
}
