import { createHash } from 'node:crypto';
import {
  CreateFaceLivenessSessionCommand,
  type CreateFaceLivenessSessionRequest,
  type FeedbackCode,
  GetFaceLivenessSessionResultsCommand,
} from '@aws-sdk/client-rekognition';
import { FacegateError, type ReasonCode, type ReturnedImage, type ValidatedMedia, type Warning } from '@facegate/core';
import { malformedResponse, readProviderOptions, toUnitScore } from '@facegate/core/adapter-kit';
import type {
  CallContext,
  CreateLivenessSessionRequest,
  LivenessObservation,
  LivenessSessionObservation,
  LivenessSessionResultRequest,
  SessionClientFor,
  SessionResultObservation,
} from '@facegate/core/spec';
import type { AwsCaller } from './aws-call';
import { toReturnedImage } from './aws-images';
import { AMPLIFY_LIVENESS_COMPONENT, AWS_LIVENESS_SESSION_TTL_SECONDS, AWS_PROVIDER_ID } from './aws-limits';
import { type AwsLivenessSettings, livenessSettingsSchema, noOptionsSchema } from './aws-provider-options';
import { createSessionWire, type SessionResultsWire, sessionResultsWire } from './aws-schemas';

/**
 * Rekognition's liveness feedback codes and the capture problem each names.
 * Feedback explains the Confidence score; it is reported as warnings (and
 * stays in `raw.body.Feedback`), never as reason codes, because reasons
 * drive the decision: a low-scoring spoof with LOW_VIDEO_QUALITY_DETECTED must
 * stay a reject, and a high-scoring live user with LOW_LIGHTING_DETECTED a pass.
 */
export const AWS_FEEDBACK_REASONS: Readonly<Record<FeedbackCode, ReasonCode>> = {
  FACE_NOT_VISIBLE: 'no_face',
  FACE_NOT_ALIGNED: 'off_center',
  FACE_OBSTRUCTION_DETECTED: 'face_obstructed',
  EYES_CLOSED_DETECTED: 'eyes_closed',
  LOW_LIGHTING_DETECTED: 'too_dark',
  HIGH_LIGHTING_DETECTED: 'too_bright',
  LOW_VIDEO_QUALITY_DETECTED: 'blurry',
};

const CLIENT_REQUEST_TOKEN = /^[a-zA-Z0-9_-]{1,64}$/;

/** What the liveness operations need besides the caller. */
export interface AwsLivenessContext {
  caller: AwsCaller;
  /** Session settings used when a call gives none. */
  defaults: AwsLivenessSettings;
  /** Where the browser component streams instead of Rekognition's public endpoint (simulator, proxy). */
  streamingEndpoint?: string;
  now: () => number;
}

/**
 * Create a Face Liveness session. The browser gets the session id and region
 * for Amplify's FaceLivenessDetectorCore (and the streaming endpoint when one
 * is configured), never credentials: it asks the app's server for short-lived
 * ones allowed only `rekognition:StartFaceLivenessSession`
 * (`createAwsBrowserCredentialIssuer`).
 */
export async function createAwsLivenessSession(
  context: AwsLivenessContext,
  request: CreateLivenessSessionRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<LivenessSessionObservation> {
  const warnings: Warning[] = [];
  const perCall = readProviderOptions(AWS_PROVIDER_ID, livenessSettingsSchema, request.providerOptions, warnings);
  const settings: AwsLivenessSettings = { ...context.defaults, ...perCall };
  if (request.deviceCorrelationId !== undefined)
    warnings.push({ type: 'unsupported_option', message: 'Rekognition has no device correlation id; it was not sent' });
  if (request.ttlSeconds !== undefined)
    warnings.push({
      type: 'clamped_value',
      message: `Rekognition sessions last ${AWS_LIVENESS_SESSION_TTL_SECONDS} s; ttlSeconds ${request.ttlSeconds} was not applied`,
    });
  const input: CreateFaceLivenessSessionRequest = {};
  if (request.idempotencyKey !== undefined)
    input.ClientRequestToken = clientRequestToken(request.idempotencyKey, warnings);
  if (settings.kmsKeyId) input.KmsKeyId = settings.kmsKeyId;
  const sessionSettings = toSessionSettings(settings);
  if (sessionSettings) input.Settings = sessionSettings;
  const startedAt = context.now();
  const { body, raw } = await context.caller.call('createLivenessSession', ctx, createSessionWire, (options) =>
    context.caller.client.send(new CreateFaceLivenessSessionCommand(input), options),
  );
  const client: SessionClientFor<typeof AMPLIFY_LIVENESS_COMPONENT> = {
    component: AMPLIFY_LIVENESS_COMPONENT,
    sessionId: body.SessionId,
    region: await context.caller.region(),
  };
  if (context.streamingEndpoint) client.endpointOverride = context.streamingEndpoint;
  return {
    sessionId: body.SessionId,
    expiresAt: new Date(startedAt + AWS_LIVENESS_SESSION_TTL_SECONDS * 1000).toISOString(),
    client,
    raw,
    warnings,
  };
}

/**
 * Read a session's result. CREATED and IN_PROGRESS are `pending`; EXPIRED is
 * `session_expired`; FAILED is a finished check without a verdict
 * (`capture_failed`, retry); SUCCEEDED carries Confidence / 100, the reference
 * image (bytes or S3 object; none → `no_reference_image`, as Rekognition
 * advises a retry then), audit images, and Feedback as warnings. Rekognition gives
 * a score, not a label, so `verdict` is null.
 */
export async function getAwsLivenessSessionResult(
  context: AwsLivenessContext,
  request: LivenessSessionResultRequest,
  ctx: CallContext,
): Promise<SessionResultObservation> {
  const warnings: Warning[] = [];
  readProviderOptions(AWS_PROVIDER_ID, noOptionsSchema, request.providerOptions, warnings);
  const { body, label, raw } = await context.caller.call(
    'getLivenessSessionResult',
    ctx,
    sessionResultsWire,
    (options) =>
      context.caller.client.send(new GetFaceLivenessSessionResultsCommand({ SessionId: request.sessionId }), options),
  );
  if (body.SessionId !== request.sessionId) throw malformedResponse(label, 'the answer is for another session');
  switch (body.Status) {
    case 'CREATED':
    case 'IN_PROGRESS':
      return { status: 'pending', raw };
    case 'EXPIRED':
      throw new FacegateError({
        code: 'session_expired',
        message: `Rekognition reports liveness session ${request.sessionId} as EXPIRED`,
        provider: AWS_PROVIDER_ID,
        httpStatus: label.httpStatus,
        requestId: label.requestId,
      });
    case 'FAILED':
      return {
        status: 'complete',
        observation: { verdict: null, confidence: null, reasons: ['capture_failed'], raw, warnings },
      };
    case 'SUCCEEDED':
      return { status: 'complete', observation: succeeded(body, label, raw, warnings) };
  }
}

function succeeded(
  body: SessionResultsWire,
  label: Parameters<typeof malformedResponse>[0],
  raw: LivenessObservation['raw'],
  warnings: Warning[],
): LivenessObservation {
  if (body.Confidence === undefined) throw malformedResponse(label, 'SUCCEEDED without a Confidence');
  const reasons: ReasonCode[] = [];
  for (const item of body.Feedback ?? []) {
    const code = item.Code.slice(0, 60);
    const hint = Object.hasOwn(AWS_FEEDBACK_REASONS, item.Code)
      ? AWS_FEEDBACK_REASONS[item.Code as FeedbackCode]
      : undefined;
    warnings.push({
      type: 'other',
      message: `Rekognition liveness feedback ${code}${hint ? ` (${hint})` : ''}: it lowered the Confidence score`,
    });
  }
  const observation: LivenessObservation = {
    verdict: null,
    confidence: toUnitScore(body.Confidence, 100, label, warnings),
    reasons,
    raw,
    warnings,
  };
  const reference = body.ReferenceImage ? toReturnedImage(body.ReferenceImage) : null;
  if (reference) observation.referenceImage = reference;
  else reasons.push('no_reference_image');
  const audits = (body.AuditImages ?? []).map(toReturnedImage);
  const usable = audits.filter((image): image is ReturnedImage => image !== null);
  if (usable.length < audits.length)
    warnings.push({
      type: 'other',
      message: `${audits.length - usable.length} audit image(s) had neither bytes nor an S3 object`,
    });
  if (usable.length > 0) observation.auditImages = usable;
  return observation;
}

/** Rekognition's ClientRequestToken allows 1–64 of `[a-zA-Z0-9_-]`; other keys are hashed (stable, so still idempotent). */
function clientRequestToken(key: string, warnings: Warning[]): string {
  if (CLIENT_REQUEST_TOKEN.test(key)) return key;
  warnings.push({
    type: 'other',
    message: 'idempotencyKey has characters Rekognition does not accept; its SHA-256 was sent as ClientRequestToken',
  });
  return createHash('sha256').update(key).digest('hex');
}

function toSessionSettings(settings: AwsLivenessSettings): CreateFaceLivenessSessionRequest['Settings'] {
  const out: NonNullable<CreateFaceLivenessSessionRequest['Settings']> = {};
  if (settings.auditImagesLimit !== undefined) out.AuditImagesLimit = settings.auditImagesLimit;
  if (settings.outputConfig) {
    out.OutputConfig = { S3Bucket: settings.outputConfig.s3Bucket };
    if (settings.outputConfig.s3KeyPrefix) out.OutputConfig.S3KeyPrefix = settings.outputConfig.s3KeyPrefix;
  }
  if (settings.challengePreferences) {
    out.ChallengePreferences = settings.challengePreferences.map((p) => {
      const versions = p.versions ? { Minimum: p.versions.minimum, Maximum: p.versions.maximum } : undefined;
      return versions ? { Type: p.type, Versions: versions } : { Type: p.type };
    });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
