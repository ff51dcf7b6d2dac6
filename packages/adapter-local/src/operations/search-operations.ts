import { randomUUID } from 'node:crypto';
import {
  type CallContext,
  type EnsureCollectionRequest,
  FacegateError,
  type IndexedFace,
  type ReasonCode,
  type RemovedFaces,
  type RemoveFacesRequest,
  type SearchFacesRequest,
  type SearchObservation,
  toRawResponse,
  type ValidatedMedia,
} from '@facegate/core';
import { euclidean, similarityFromDistance } from '../analysis/similarity';
import { EngineOutputError, LOCAL_PROVIDER_ID, TemplateStoreError, toFacegateError } from '../local-errors';
import type { FaceTemplate } from '../search/template-store';
import type { LocalContext } from './local-context';
import { describeImage } from './match-operation';

async function store<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toFacegateError(
      error instanceof TemplateStoreError
        ? error
        : new TemplateStoreError('template store call failed', { cause: error }),
      operation,
    );
  }
}

/** Collections are implicit in the template store: nothing to create. */
export async function ensureCollection(_local: LocalContext, _request: EnsureCollectionRequest, ctx: CallContext) {
  ctx.signal.throwIfAborted();
}

/** Describe the largest face and save its template under `externalId`. */
export async function indexFace(
  local: LocalContext,
  request: { collection: string; externalId: string; image: ValidatedMedia },
  ctx: CallContext,
): Promise<IndexedFace> {
  const faces = await describeImage(local, ctx, 'indexFace', request.image);
  const face = faces[0];
  if (!face)
    throw new FacegateError({
      code: 'invalid_input',
      provider: LOCAL_PROVIDER_ID,
      vendorCode: 'NoFace',
      message: 'indexFace: no face found on the image',
      details: { reason: 'no_face' },
    });
  const reasons: ReasonCode[] = faces.length > 1 ? ['multiple_faces'] : [];
  const template: FaceTemplate = {
    collection: request.collection,
    faceId: randomUUID(),
    externalId: request.externalId,
    embedding: face.descriptor,
    model: local.engine.model,
  };
  ctx.signal.throwIfAborted();
  await store('indexFace', () => local.store.save(template));
  return {
    faceId: template.faceId,
    externalId: template.externalId,
    reasons,
    raw: toRawResponse({ engine: 'local', model: template.model, faceCount: faces.length }),
    warnings: [],
  };
}

/** Compare the largest face with every template of the collection (read through the store on every call). */
export async function searchFaces(
  local: LocalContext,
  request: SearchFacesRequest<ValidatedMedia> & { minSimilarity: number; maxResults: number },
  ctx: CallContext,
): Promise<SearchObservation> {
  const faces = await describeImage(local, ctx, 'searchFaces', request.image);
  const templates = await store('searchFaces', () => local.store.list(request.collection));
  ctx.signal.throwIfAborted();
  const probe = faces[0];
  const reasons: ReasonCode[] = [];
  if (!probe) reasons.push('no_face');
  if (faces.length > 1) reasons.push('multiple_faces');
  let skipped = 0;
  const matches = probe
    ? templates
        .filter((t) => {
          const same = t.model === local.engine.model && t.embedding.length === probe.descriptor.length;
          if (!same) skipped++;
          return same;
        })
        .map((t) => {
          if (!t.embedding.every(Number.isFinite))
            throw toFacegateError(new EngineOutputError('stored template is malformed'), 'searchFaces');
          return {
            faceId: t.faceId,
            externalId: t.externalId,
            similarity: similarityFromDistance(euclidean(probe.descriptor, t.embedding)),
          };
        })
        .filter((m) => m.similarity >= request.minSimilarity)
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, request.maxResults)
    : [];
  return {
    matches,
    reasons,
    raw: toRawResponse({
      engine: 'local',
      model: local.engine.model,
      templatesCompared: templates.length - skipped,
      templatesOfOtherModels: skipped,
      faceCount: faces.length,
    }),
    warnings:
      skipped > 0
        ? [{ type: 'other', message: `${skipped} stored templates were made by another model and were not compared` }]
        : [],
  };
}

/** Remove templates by external id or face id. */
export async function removeFaces(
  local: LocalContext,
  request: RemoveFacesRequest,
  ctx: CallContext,
): Promise<RemovedFaces> {
  ctx.signal.throwIfAborted();
  const before = await store('removeFaces', () => local.store.list(request.collection));
  const ext = new Set(request.externalIds ?? []);
  const ids = new Set(request.faceIds ?? []);
  const removedFaceIds = before.filter((t) => ext.has(t.externalId) || ids.has(t.faceId)).map((t) => t.faceId);
  const count = await store('removeFaces', () =>
    local.store.remove(request.collection, {
      ...(request.externalIds ? { externalIds: request.externalIds } : {}),
      ...(request.faceIds ? { faceIds: request.faceIds } : {}),
    }),
  );
  return {
    removedFaceIds,
    raw: toRawResponse({ engine: 'local', removed: count }),
    warnings: [],
  };
}
