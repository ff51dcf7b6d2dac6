import { randomUUID } from 'node:crypto';
import type {
  CreateLivenessSessionContent,
  CreateLivenessWithVerifySessionContent,
  FaceClient,
} from '@azure-rest/ai-vision-face';
import { FacegateError, type ValidatedMedia, type Warning } from '@facegate/core';
import { malformedResponse, readProviderOptions, toRawResponse } from '@facegate/core/adapter-kit';
import type {
  CallContext,
  CreateLivenessSessionRequest,
  LivenessSessionObservation,
  LivenessSessionResultRequest,
  SessionResultObservation,
} from '@facegate/core/spec';
import { toSessionResultObservation } from './azure-liveness-result';
import {
  type AzureCreateSessionOptions,
  azureCreateSessionOptionsSchema,
  azureSessionResultOptionsSchema,
} from './azure-provider-options';
import { recognitionQualityReasons } from './azure-quality';
import { answerLabel, assertSuccess, readAzureJson, sendToAzure } from './azure-request';
import { createdSessionSchema, livenessSessionSchema } from './azure-schemas';
import { type AzureSessionRef, parseSessionId, toSessionId } from './azure-session-id';
import { AZURE_PROVIDER_ID, type AzureLivenessOperationMode } from './azure-settings';

/** Azure's default lifetime of the browser's session token, in seconds. */
export const AZURE_DEFAULT_SESSION_TTL_SECONDS = 600;
/** The client component the browser mounts (`@azure/ai-vision-face-ui`, gated by Microsoft). */
export const AZURE_LIVENESS_COMPONENT = 'azure-face-liveness';
/** A session delete that has not answered by then is abandoned (with a warning); the result still returns. */
const DELETE_TIMEOUT_MS = 5_000;

/** Factory-level defaults for session operations. */
export interface AzureSessionDefaults {
  livenessOperationMode: AzureLivenessOperationMode;
  deleteSessionAfterResult: boolean;
}

const VERIFY_ONLY_OPTIONS = ['verifyConfidenceThreshold', 'returnVerifyImageHash'] as const;

type VerifySessionPart = Exclude<CreateLivenessWithVerifySessionContent, FormData>[number];

/** Drop unset fields, so the request carries only what was asked for. */
function withoutUnset<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The with-verify request: one form field per setting, then the reference image (Azure requires a filename). */
function multipartSessionBody(
  fields: CreateLivenessSessionContent,
  options: AzureCreateSessionOptions,
  reference: ValidatedMedia,
): VerifySessionPart[] {
  const set = withoutUnset({
    ...fields,
    verifyConfidenceThreshold: options.verifyConfidenceThreshold,
    returnVerifyImageHash: options.returnVerifyImageHash,
  });
  const parts = Object.entries(set).map(([name, body]) => ({ name, body }) as VerifySessionPart);
  parts.push({
    name: 'verifyImage',
    body: reference.data,
    filename: `reference.${reference.format === 'jpeg' ? 'jpg' : reference.format}`,
    contentType: reference.mediaType,
  });
  return parts;
}

/**
 * Create a liveness session (`POST /detectLiveness-sessions`, JSON) or, with a
 * reference image, a liveness-with-verify session
 * (`POST /detectLivenessWithVerify-sessions`, multipart with `verifyImage`).
 * Returns what Azure's browser component needs: the session id and its
 * short-lived auth token. The token is never put into `raw`, logs or errors.
 */
export async function createAzureLivenessSession(
  client: FaceClient,
  request: CreateLivenessSessionRequest<ValidatedMedia>,
  ctx: CallContext,
  defaults: AzureSessionDefaults,
): Promise<LivenessSessionObservation> {
  const warnings: Warning[] = [];
  const options = readProviderOptions(
    AZURE_PROVIDER_ID,
    azureCreateSessionOptionsSchema,
    request.providerOptions,
    warnings,
  );
  const mode = options.livenessOperationMode ?? defaults.livenessOperationMode;
  const ttlSeconds = request.ttlSeconds ?? AZURE_DEFAULT_SESSION_TTL_SECONDS;
  if (request.idempotencyKey)
    warnings.push({
      type: 'unsupported_option',
      message: 'Azure liveness sessions take no idempotency key; every call creates a new session',
    });
  let deviceCorrelationId: string | undefined;
  if (options.deviceCorrelationIdSetInClient) {
    if (request.deviceCorrelationId)
      warnings.push({
        type: 'unsupported_option',
        message: 'deviceCorrelationId is ignored: deviceCorrelationIdSetInClient lets the client SDK set it',
      });
  } else if (request.deviceCorrelationId) {
    deviceCorrelationId = request.deviceCorrelationId;
  } else {
    deviceCorrelationId = randomUUID();
    warnings.push({
      type: 'assumption',
      message:
        'no deviceCorrelationId was given; a random one was sent, so Azure cannot rate-limit repeated attempts from one device',
    });
  }
  const reference = request.reference;
  if (!reference) {
    for (const key of VERIFY_ONLY_OPTIONS)
      if (options[key] !== undefined)
        warnings.push({
          type: 'unsupported_option',
          message: `providerOptions.azure.${key} applies to sessions with a reference image only`,
        });
  }

  const startedAt = Date.now();
  const operation = reference ? 'createLivenessWithVerifySession' : 'createLivenessSession';
  const fields: CreateLivenessSessionContent = {
    livenessOperationMode: mode,
    deviceCorrelationId,
    deviceCorrelationIdSetInClient: options.deviceCorrelationIdSetInClient,
    authTokenTimeToLiveInSeconds: ttlSeconds,
    enableSessionImage: options.enableSessionImage,
    livenessModelVersion: options.livenessModelVersion,
  };
  const answer = await sendToAzure(operation, ctx, (hooks) =>
    reference
      ? client.path('/detectLivenessWithVerify-sessions').post({
          ...hooks,
          contentType: 'multipart/form-data',
          body: multipartSessionBody(fields, options, reference),
        })
      : client
          .path('/detectLiveness-sessions')
          .post({ ...hooks, contentType: 'application/json', body: withoutUnset(fields) }),
  );
  const created = readAzureJson(operation, answer, createdSessionSchema, 'service');
  if (reference) {
    const face = created.results.verifyReferences?.[0];
    const found: Warning[] = [];
    const reasons = recognitionQualityReasons(face?.qualityForRecognition, face?.faceRectangle, 'reference', found);
    if (reasons.length > 0)
      warnings.push({
        type: 'other',
        message: `Azure rated the reference face 'low' for recognition: the face match will ask for a retry (${reasons.join(', ')}); a sharper, larger reference image avoids it`,
      });
    warnings.push(...found);
  }
  const kind = reference ? 'verify' : 'liveness';
  const sessionId = toSessionId({ kind, azureId: created.sessionId });
  return {
    sessionId,
    expiresAt: new Date(startedAt + ttlSeconds * 1000).toISOString(),
    client: {
      component: AZURE_LIVENESS_COMPONENT,
      sessionId,
      authToken: created.authToken,
      withVerify: kind === 'verify',
      livenessOperationMode: mode,
    },
    raw: toRawResponse(created, answer.requestId, answer.status),
    warnings,
  };
}

/** Delete a session to revoke the browser's token. Best effort: failures are a warning, never an error. */
async function deleteSessionQuietly(
  client: FaceClient,
  ref: AzureSessionRef,
  ctx: CallContext,
  warnings: Warning[],
): Promise<void> {
  const operation = ref.kind === 'verify' ? 'deleteLivenessWithVerifySession' : 'deleteLivenessSession';
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(DELETE_TIMEOUT_MS)]);
  try {
    const answer = await sendToAzure(operation, { ...ctx, signal }, (hooks) =>
      ref.kind === 'verify'
        ? client.path('/detectLivenessWithVerify-sessions/{sessionId}', ref.azureId).delete(hooks)
        : client.path('/detectLiveness-sessions/{sessionId}', ref.azureId).delete(hooks),
    );
    if (answer.status === 404) return; // already gone: the token is revoked either way
    assertSuccess(operation, answer, 'session');
  } catch (error) {
    ctx.logger.warn(
      {
        provider: AZURE_PROVIDER_ID,
        operation,
        sessionId: ref.azureId,
        code: FacegateError.isInstance(error) ? error.code : 'unexpected',
      },
      'could not delete the Azure liveness session; its client token stays valid until its TTL ends',
    );
    warnings.push({
      type: 'other',
      message:
        'the Azure session could not be deleted after reading its result; its client token stays valid until its TTL ends',
    });
  }
}

/**
 * Fetch a session's result (`GET /detectLiveness-sessions/{id}` or the
 * with-verify path) and map it (see {@link toSessionResultObservation}).
 * After a complete result the session is deleted (unless turned off), which
 * revokes the browser's token; a pending session is left alone.
 */
export async function getAzureLivenessSessionResult(
  client: FaceClient,
  request: LivenessSessionResultRequest,
  ctx: CallContext,
  defaults: AzureSessionDefaults,
): Promise<SessionResultObservation> {
  const ref = parseSessionId(request.sessionId);
  const warnings: Warning[] = [];
  const options = readProviderOptions(
    AZURE_PROVIDER_ID,
    azureSessionResultOptionsSchema,
    request.providerOptions,
    warnings,
  );
  const operation = ref.kind === 'verify' ? 'getLivenessWithVerifySessionResult' : 'getLivenessSessionResult';
  const answer = await sendToAzure(operation, ctx, (hooks) =>
    ref.kind === 'verify'
      ? client.path('/detectLivenessWithVerify-sessions/{sessionId}', ref.azureId).get(hooks)
      : client.path('/detectLiveness-sessions/{sessionId}', ref.azureId).get(hooks),
  );
  const session = readAzureJson(operation, answer, livenessSessionSchema, 'session');
  if (session.sessionId !== ref.azureId)
    throw malformedResponse(answerLabel(operation, answer), 'the answer is for another session');
  const result = toSessionResultObservation(session, ref.kind, answer, operation);
  if (result.status === 'pending') return result;
  result.observation.warnings.push(...warnings);
  if (options.deleteSession ?? defaults.deleteSessionAfterResult)
    await deleteSessionQuietly(client, ref, ctx, result.observation.warnings);
  return result;
}
