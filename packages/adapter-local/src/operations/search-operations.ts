import { randomUUID } from 'node:crypto';
import {
  FacegateError,
  type IndexedFace,
  type ReasonCode,
  type RemovedFaces,
  type ValidatedMedia,
} from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import type {
  CallContext,
  EnsureCollectionRequest,
  RemoveFacesRequest,
  SearchFacesRequest,
  SearchObservation,
} from '@facegate/core/spec';
import { distanceForSimilarity, similarityFromDistance } from '../analysis/similarity';
import {
  EngineBusyError,
  EngineOutputError,
  LOCAL_PROVIDER_ID,
  TemplateStoreError,
  toFacegateError,
} from '../local-errors';
import type { FaceTemplate, TemplateSearchResult } from '../search/template-store';
import type { LocalContext } from './local-context';
import { countedFaces, describeImage } from './match-operation';

/** Race a store call against the abort signal (a hung database must not hang the caller). */
function abortable<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A search answer as the store returned it, checked: a malformed answer is an error, never a silent non-match. */
function checkSearchResult(result: unknown): TemplateSearchResult {
  const r = result as Partial<TemplateSearchResult> | null;
  if (!r || !Array.isArray(r.matches) || !Array.isArray(r.otherModels))
    throw new EngineOutputError('template store search() returned no matches / otherModels');
  for (const m of r.matches)
    if (typeof m?.faceId !== 'string' || typeof m.externalId !== 'string' || !Number.isFinite(m.distance))
      throw new EngineOutputError('template store returned a malformed match');
  for (const o of r.otherModels)
    if (typeof o?.model !== 'string' || !Number.isInteger(o.templates) || o.templates < 0)
      throw new EngineOutputError('template store returned a malformed model count');
  return r as TemplateSearchResult;
}

/** The cosine distance a store may filter at for `minSimilarity` (a hair wider: the similarity is re-checked here). */
function maxDistanceFor(minSimilarity: number): number {
  if (minSimilarity <= 0) return 2;
  if (minSimilarity >= 1) return 1e-6;
  return Math.min(2, Math.max(0, distanceForSimilarity(minSimilarity) + 1e-6));
}

async function store<T>(ctx: CallContext, operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await abortable(ctx.signal, work);
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (error instanceof EngineOutputError || error instanceof EngineBusyError) throw toFacegateError(error, operation);
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

/** Describe the most confident face and save its template under `externalId`. */
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
  const reasons: ReasonCode[] = countedFaces(faces) > 1 ? ['multiple_faces'] : [];
  const template: FaceTemplate = {
    collection: request.collection,
    faceId: randomUUID(),
    externalId: request.externalId,
    embedding: face.descriptor,
    model: local.engine.model,
  };
  ctx.signal.throwIfAborted();
  await store(ctx, 'indexFace', () => local.store.save(template));
  return {
    faceId: template.faceId,
    externalId: template.externalId,
    reasons,
    raw: toRawResponse({ engine: 'local', model: template.model, faceCount: faces.length }),
    warnings: [],
  };
}

/** Search the store for the most confident face: the store compares in place and returns ids and distances only. */
export async function searchFaces(
  local: LocalContext,
  request: SearchFacesRequest<ValidatedMedia> & { minSimilarity: number; maxResults: number },
  ctx: CallContext,
): Promise<SearchObservation> {
  const faces = await describeImage(local, ctx, 'searchFaces', request.image);
  const probe = faces[0];
  const reasons: ReasonCode[] = [];
  if (!probe) reasons.push('no_face');
  if (countedFaces(faces) > 1) reasons.push('multiple_faces');
  if (!probe)
    return {
      matches: [],
      reasons,
      raw: toRawResponse({ engine: 'local', model: local.engine.model, faceCount: 0 }),
      warnings: [],
    };
  const found = checkSearchResult(
    await store(ctx, 'searchFaces', () =>
      local.store.search(
        request.collection,
        { model: local.engine.model, embedding: probe.descriptor },
        request.maxResults,
        maxDistanceFor(request.minSimilarity),
      ),
    ),
  );
  ctx.signal.throwIfAborted();
  refuseOtherModels(local, request.collection, found.otherModels);
  const matches = found.matches
    .map((m) => ({ faceId: m.faceId, externalId: m.externalId, similarity: similarityFromDistance(m.distance) }))
    .filter((m) => m.similarity >= request.minSimilarity)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, request.maxResults);
  return {
    matches,
    reasons,
    raw: toRawResponse({
      engine: 'local',
      model: local.engine.model,
      searchMethod: found.method,
      faceCount: countedFaces(faces),
    }),
    warnings: [],
  };
}

/**
 * Templates made by another model (e.g. the tfjs engine's 128-d face-api
 * descriptors) are never compared: their distances mean nothing here. A search
 * over a collection that holds any fails closed, so a duplicate check cannot
 * pass by skipping an old enrolment; the fix is to re-enrol those people.
 */
function refuseOtherModels(
  local: LocalContext,
  collection: string,
  otherModels: TemplateSearchResult['otherModels'],
): void {
  const stale = otherModels.reduce((n, o) => n + o.templates, 0);
  if (stale === 0) return;
  const models = otherModels.map((o) => o.model).slice(0, 3);
  throw new FacegateError({
    code: 'provider_error',
    retryable: false,
    provider: LOCAL_PROVIDER_ID,
    vendorCode: 'TemplateModelMismatch',
    message: `searchFaces: ${stale} stored templates in collection "${collection.slice(0, 80)}" were made by another face model (${models.join(', ')}), not ${local.engine.model}; re-enrol those people (remove their templates and index their faces again)`,
    details: {
      reason: 'template_model_mismatch',
      staleTemplates: stale,
      storedModels: models,
      engineModel: local.engine.model,
    },
  });
}

/** Remove templates by external id or face id. */
export async function removeFaces(
  local: LocalContext,
  request: RemoveFacesRequest,
  ctx: CallContext,
): Promise<RemovedFaces> {
  ctx.signal.throwIfAborted();
  const removed = await store(ctx, 'removeFaces', () =>
    local.store.remove(request.collection, {
      ...(request.externalIds ? { externalIds: request.externalIds } : {}),
      ...(request.faceIds ? { faceIds: request.faceIds } : {}),
    }),
  );
  if (!Array.isArray(removed) || !removed.every((id) => typeof id === 'string'))
    throw toFacegateError(new EngineOutputError('template store remove() returned no face ids'), 'removeFaces');
  return {
    removedFaceIds: removed,
    raw: toRawResponse({ engine: 'local', removed: removed.length }),
    warnings: [],
  };
}
