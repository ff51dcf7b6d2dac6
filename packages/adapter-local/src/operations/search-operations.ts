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
import { descriptorDistance, similarityFromDistance } from '../analysis/similarity';
import {
  EngineBusyError,
  EngineOutputError,
  LOCAL_PROVIDER_ID,
  TemplateStoreError,
  toFacegateError,
} from '../local-errors';
import type { FaceTemplate } from '../search/template-store';
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

/** Templates as the store returned them, checked: a malformed row is an error, never a silent non-match. */
function checkTemplates(templates: unknown): FaceTemplate[] {
  if (!Array.isArray(templates)) throw new EngineOutputError('template store list() did not return an array');
  for (const t of templates as Partial<FaceTemplate>[])
    if (
      typeof t?.faceId !== 'string' ||
      typeof t.externalId !== 'string' ||
      typeof t.model !== 'string' ||
      !(t.embedding instanceof Float32Array) ||
      !t.embedding.every(Number.isFinite)
    )
      throw new EngineOutputError('template store returned a malformed template');
  return templates as FaceTemplate[];
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

/** Compare the most confident face with every template of the collection (read through the store on every call). */
export async function searchFaces(
  local: LocalContext,
  request: SearchFacesRequest<ValidatedMedia> & { minSimilarity: number; maxResults: number },
  ctx: CallContext,
): Promise<SearchObservation> {
  const faces = await describeImage(local, ctx, 'searchFaces', request.image);
  const templates = checkTemplates(await store(ctx, 'searchFaces', () => local.store.list(request.collection)));
  ctx.signal.throwIfAborted();
  const probe = faces[0];
  const reasons: ReasonCode[] = [];
  if (!probe) reasons.push('no_face');
  if (countedFaces(faces) > 1) reasons.push('multiple_faces');
  refuseOtherModels(local, request.collection, templates);
  const matches = probe
    ? templates
        .map((t) => ({
          faceId: t.faceId,
          externalId: t.externalId,
          similarity: similarityFromDistance(descriptorDistance(probe.descriptor, t.embedding)),
        }))
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
      templatesCompared: probe ? templates.length : 0,
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
function refuseOtherModels(local: LocalContext, collection: string, templates: FaceTemplate[]): void {
  const stale = templates.filter(
    (t) => t.model !== local.engine.model || t.embedding.length !== local.engine.embeddingLength,
  );
  if (stale.length === 0) return;
  const models = [...new Set(stale.map((t) => t.model))].slice(0, 3);
  throw new FacegateError({
    code: 'provider_error',
    retryable: false,
    provider: LOCAL_PROVIDER_ID,
    vendorCode: 'TemplateModelMismatch',
    message: `searchFaces: ${stale.length} stored templates in collection "${collection.slice(0, 80)}" were made by another face model (${models.join(', ')}), not ${local.engine.model}; re-enrol those people (remove their templates and index their faces again)`,
    details: {
      reason: 'template_model_mismatch',
      staleTemplates: stale.length,
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
  const before = checkTemplates(await store(ctx, 'removeFaces', () => local.store.list(request.collection)));
  const ext = new Set(request.externalIds ?? []);
  const ids = new Set(request.faceIds ?? []);
  const removedFaceIds = before.filter((t) => ext.has(t.externalId) || ids.has(t.faceId)).map((t) => t.faceId);
  const count = await store(ctx, 'removeFaces', () =>
    local.store.remove(request.collection, {
      ...(request.externalIds ? { externalIds: request.externalIds } : {}),
      ...(request.faceIds ? { faceIds: request.faceIds } : {}),
    }),
  );
  if (!Number.isInteger(count) || count < 0)
    throw toFacegateError(new EngineOutputError('template store remove() returned no count'), 'removeFaces');
  return {
    removedFaceIds,
    raw: toRawResponse({ engine: 'local', removed: count }),
    warnings: [],
  };
}
