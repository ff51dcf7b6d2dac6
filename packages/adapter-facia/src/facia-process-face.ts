import { FacegateError, type RawResponse, scrubText, type ValidatedMedia, type Warning } from '@facegate/core';
import {
  type HttpAnswer,
  type HttpTransport,
  malformedResponse,
  parseJsonBody,
  parseLooseNumber,
  parseVendorBody,
  type ResponseLabel,
  toRawResponse,
  toUnitScore,
} from '@facegate/core/adapter-kit';
import type { CallContext } from '@facegate/core/spec';
import { documentedError, errorFor } from './facia-errors';
import type { FaciaReadiness } from './facia-readiness';
import { type FaciaErrorBody, faciaErrorBodySchema, processFaceResultSchema } from './facia-schemas';
import { FACIA_PROVIDER_ID } from './facia-settings';

/** The path of Facia's merged liveness + face match call. */
export const PROCESS_FACE_PATH = '/process_face';

/** The two images of one `process_face` call. */
export interface FaciaImages {
  /** The live capture: liveness is judged on this one. */
  readonly selfie: ValidatedMedia;
  /** The reference (e.g. an ID document): compared with the selfie. */
  readonly document: ValidatedMedia;
}

/** Both halves of one `process_face` answer, mapped to our scales. */
export interface FaciaFaceAnswer {
  readonly liveness: { readonly verdict: 'live' | 'spoof'; readonly confidence: number };
  readonly match: { readonly similarity: number; readonly vendorIsMatch: boolean };
  /** True when Facia's `message` was not "Success" (e.g. "Fail"): the figures are kept but must not pass alone. */
  readonly flagged: boolean;
  readonly raw: RawResponse;
  readonly warnings: Warning[];
}

/** What {@link processFace} needs. */
export interface ProcessFaceDeps {
  readonly http: HttpTransport;
  readonly readiness: FaciaReadiness;
  readonly hashId: string;
}

/**
 * An image as the data URL Facia expects, as a JSON string; the MIME type is
 * the sniffed format's, never the file name's. Only the prefix goes through
 * JSON.stringify: base64 needs no escaping, and scanning an image-sized
 * string for it costs as much as encoding it.
 */
function jsonDataUrl(media: ValidatedMedia): string {
  const bytes = Buffer.from(media.data.buffer, media.data.byteOffset, media.data.byteLength);
  return `${JSON.stringify(`data:${media.mediaType};base64,`).slice(0, -1)}${bytes.toString('base64')}"`;
}

/**
 * One `POST /process_face`: refused with `provider_unavailable` (no images
 * sent) unless the server is ready, then mapped to {@link FaciaFaceAnswer}.
 */
export async function processFace(
  deps: ProcessFaceDeps,
  images: FaciaImages,
  operation: string,
  ctx: CallContext,
): Promise<FaciaFaceAnswer> {
  await deps.readiness.ensureReady(operation, ctx);
  const json = `{"hash_id":${JSON.stringify(deps.hashId)},"selfie_image":${jsonDataUrl(images.selfie)},"document_image":${jsonDataUrl(images.document)}}`;
  let answer: HttpAnswer;
  try {
    answer = await deps.http.send({ method: 'POST', path: PROCESS_FACE_PATH, json, operation, signal: ctx.signal });
  } catch (error) {
    if (FacegateError.isInstance(error) && error.code === 'provider_unavailable') deps.readiness.invalidate();
    throw error;
  }
  if (answer.status >= 500) deps.readiness.invalidate();
  const mapped = readProcessFaceAnswer(answer, operation);
  deps.readiness.markReady();
  return mapped;
}

function parseErrorBody(body: unknown): FaciaErrorBody | undefined {
  const parsed = faciaErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

function hasResultParts(body: unknown): boolean {
  return typeof body === 'object' && body !== null && ('face_similarity_result' in body || 'liveness_result' in body);
}

/** Read a 0/1 flag (also "0"/"1" and booleans); anything else is null. */
export function readFlag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const n = parseLooseNumber(value);
  return n === 1 ? true : n === 0 ? false : null;
}

function readScore(value: unknown, field: string, label: ResponseLabel, warnings: Warning[]): number {
  const n = parseLooseNumber(value);
  if (n === null) throw malformedResponse(label, `${field} is not a number`);
  return toUnitScore(n, 1, label, warnings);
}

function readRequiredFlag(value: unknown, field: string, label: ResponseLabel): boolean {
  const flag = readFlag(value);
  if (flag === null) throw malformedResponse(label, `${field} is not 0 or 1`);
  return flag;
}

/**
 * Map one `process_face` answer. Documented error bodies win over the HTTP
 * status (their statuses are undocumented); other failure statuses map by
 * status; a success status needs a complete, readable result or it is a
 * `provider_error`.
 */
export function readProcessFaceAnswer(answer: HttpAnswer, operation: string): FaciaFaceAnswer {
  const label: ResponseLabel = { provider: FACIA_PROVIDER_ID, operation, httpStatus: answer.status };
  const success = answer.status >= 200 && answer.status < 300;
  let body: unknown;
  try {
    body = parseJsonBody(answer.text, label);
  } catch (error) {
    if (success) throw error;
    body = undefined; // a non-2xx status with a non-JSON body still maps by its status
  }
  const errorBody = parseErrorBody(body);
  const known = documentedError(errorBody);
  if (known) throw errorFor(answer, errorBody, operation, known);
  if (!success) throw errorFor(answer, errorBody, operation);
  if (errorBody && (errorBody.error !== undefined || errorBody.message !== undefined) && !hasResultParts(body)) {
    throw errorFor(answer, errorBody, operation, { code: 'provider_error', retryable: false });
  }

  const wire = parseVendorBody(processFaceResultSchema, body, label);
  const warnings: Warning[] = [];
  const isLive = readRequiredFlag(wire.liveness_result.is_live, 'liveness_result.is_live', label);
  const confidence = readScore(wire.liveness_result.liveness_score, 'liveness_result.liveness_score', label, warnings);
  const vendorIsMatch = readRequiredFlag(
    wire.face_similarity_result.is_match,
    'face_similarity_result.is_match',
    label,
  );
  const similarity = readScore(
    wire.face_similarity_result.similarity_score,
    'face_similarity_result.similarity_score',
    label,
    warnings,
  );

  const message = wire.message?.trim();
  const flagged = message?.toLowerCase() !== 'success';
  if (flagged) {
    warnings.push({
      type: 'other',
      message: `Facia answered message ${message === undefined ? '(none)' : `'${scrubText(message, 40)}'`} instead of 'Success': its scores are kept, marked vendor_review, so the result cannot pass`,
    });
  }
  if (isLive && confidence <= 0.1) {
    warnings.push({
      type: 'assumption',
      message:
        'Facia labelled the face live (is_live=1) with liveness_score ≤ 0.1. facegate reads liveness_score on a 0–1 scale, as in the vendor examples; a server reporting 0–0.1 would make live faces fail here (see the adapter docs)',
    });
  }
  return {
    liveness: { verdict: isLive ? 'live' : 'spoof', confidence },
    match: { similarity, vendorIsMatch },
    flagged,
    raw: toRawResponse(body, null, answer.status),
    warnings,
  };
}
