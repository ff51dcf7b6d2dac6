import { FeedbackCode } from '@aws-sdk/client-rekognition';
import { FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { AWS_LIVENESS_SESSION_TTL_SECONDS } from './aws-limits';
import { AWS_FEEDBACK_REASONS } from './aws-liveness';
import { awsFacegate, awsProvider, callContext, rejection, TEST_CREDENTIALS, useRekognition } from './aws-test-setup';
import { SAMPLE_JPEG_BASE64, sessionResultsBody } from './testing/rekognition-wire';

// Core checks session expiry against the real clock, so the simulated one starts
// there and only moves forward.
let clock = Date.now();
const now = () => clock;
const rekognition = useRekognition({ now });

async function newSession(fg = awsFacegate({ now })) {
  return fg.createLivenessSession({});
}

describe('createLivenessSession', () => {
  it('sends CreateFaceLivenessSession with no extra fields and hands the browser only id and region', async () => {
    const session = await awsFacegate({ now }).createLivenessSession();
    const [request] = rekognition.requests;
    expect(request?.headers['x-amz-target']).toBe('RekognitionService.CreateFaceLivenessSession');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(request?.body).toEqual({});
    expect(session.client).toEqual({
      component: 'aws-amplify-face-liveness',
      sessionId: session.sessionId,
      region: 'eu-west-1',
    });
    expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.expiresAt).toBe(new Date(clock + AWS_LIVENESS_SESSION_TTL_SECONDS * 1000).toISOString());
    const json = JSON.stringify(session);
    expect(json).not.toContain(TEST_CREDENTIALS.accessKeyId);
    expect(json).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    expect(json).not.toMatch(/secret|credential/i);
  });

  it('maps settings: audit images, S3 output, KMS key, challenge preferences; per-call options win over defaults', async () => {
    const fg = awsFacegate({ now, liveness: { auditImagesLimit: 1, kmsKeyId: 'alias/faces' } });
    const session = await fg.createLivenessSession({
      providerOptions: {
        aws: {
          auditImagesLimit: 3,
          outputConfig: { s3Bucket: 'liveness-out', s3KeyPrefix: 'runs/' },
          challengePreferences: [{ type: 'FaceMovementChallenge', versions: { minimum: '1.0.0' } }],
        },
      },
    });
    expect(rekognition.requests[0]?.body).toEqual({
      KmsKeyId: 'alias/faces',
      Settings: {
        AuditImagesLimit: 3,
        OutputConfig: { S3Bucket: 'liveness-out', S3KeyPrefix: 'runs/' },
        ChallengePreferences: [{ Type: 'FaceMovementChallenge', Versions: { Minimum: '1.0.0' } }],
      },
    });
    expect(session.warnings).toEqual([]);
  });

  it('uses the idempotency key as ClientRequestToken, so the same key gives the same session', async () => {
    const fg = awsFacegate({ now });
    const first = await fg.createLivenessSession({ idempotencyKey: 'signup-42_attempt-1' });
    const second = await fg.createLivenessSession({ idempotencyKey: 'signup-42_attempt-1' });
    expect(rekognition.requests.map((r) => r.body.ClientRequestToken)).toEqual([
      'signup-42_attempt-1',
      'signup-42_attempt-1',
    ]);
    expect(second.sessionId).toBe(first.sessionId);
  });

  it('hashes a key with characters Rekognition refuses, and warns about what it cannot honour', async () => {
    const session = await awsFacegate({ now }).createLivenessSession({
      idempotencyKey: 'user@example.com#1',
      deviceCorrelationId: 'device-1',
      ttlSeconds: 600,
      providerOptions: { aws: { auditImageLimit: 2 } },
    });
    expect(rekognition.requests[0]?.body.ClientRequestToken).toMatch(/^[0-9a-f]{64}$/);
    expect(session.warnings.map((w) => w.type).sort()).toEqual([
      'clamped_value',
      'other',
      'unsupported_option',
      'unsupported_option',
    ]);
    expect(session.warnings.some((w) => w.message.includes('auditImageLimit'))).toBe(true);
  });

  it('refuses invalid per-call settings before calling AWS', async () => {
    const error = await rejection(
      awsFacegate({ now }).createLivenessSession({ providerOptions: { aws: { auditImagesLimit: 5 } } }),
    );
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(rekognition.calls()).toBe(0);
  });
});

describe('getLivenessSessionResult', () => {
  const provider = () => awsProvider({ now });

  it.each(['CREATED', 'IN_PROGRESS'] as const)('reports %s as pending', async (status) => {
    const session = await provider().doCreateLivenessSession({}, callContext());
    rekognition.arrange('GetFaceLivenessSessionResults', { type: 'session', result: { status } });
    const result = await provider().doGetLivenessSessionResult({ sessionId: session.sessionId }, callContext());
    expect(result.status).toBe('pending');
    expect(rekognition.requestsFor('GetFaceLivenessSessionResults')[0]?.body).toEqual({ SessionId: session.sessionId });
  });

  it('reports EXPIRED as session_expired, whether AWS says so or the session outlived its 3 minutes', async () => {
    const session = await provider().doCreateLivenessSession({}, callContext());
    rekognition.arrange('GetFaceLivenessSessionResults', { type: 'session', result: { status: 'EXPIRED' } });
    const error = await rejection(
      provider().doGetLivenessSessionResult({ sessionId: session.sessionId }, callContext()),
    );
    expect(FacegateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'session_expired', retryable: false });

    const late = await provider().doCreateLivenessSession({}, callContext());
    rekognition.arrange('GetFaceLivenessSessionResults', { type: 'ok' });
    clock += 181_000;
    const expired = await rejection(
      provider().doGetLivenessSessionResult({ sessionId: late.sessionId }, callContext()),
    );
    expect(expired).toMatchObject({ code: 'session_expired' });
  });

  it('reports FAILED as a finished check without verdict that asks for a retry', async () => {
    const fg = awsFacegate({ now });
    const session = await newSession(fg);
    rekognition.completeSession(session.sessionId, { status: 'FAILED' });
    const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    if (outcome.status !== 'complete') throw new Error('expected a complete result');
    expect(outcome.result).toMatchObject({
      isLive: false,
      verdict: null,
      confidence: null,
      decision: { outcome: 'retry', reasons: ['capture_failed'] },
    });
  });

  it.each([
    [0, 'reject'],
    [69.99, 'reject'],
    [70, 'review'],
    [89.9, 'review'],
    [90, 'pass'],
    [100, 'pass'],
  ] as const)('maps Confidence %s to %s/100 with verdict null (outcome %s)', async (confidence, outcome) => {
    const fg = awsFacegate({ now });
    const session = await newSession(fg);
    rekognition.completeSession(session.sessionId, { status: 'SUCCEEDED', confidence });
    const result = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    if (result.status !== 'complete') throw new Error('expected a complete result');
    expect(result.result.confidence).toBeCloseTo(confidence / 100, 10);
    expect(result.result.verdict).toBeNull();
    expect(result.result.decision.outcome).toBe(outcome);
  });

  it('returns the reference image bytes (base64 on the wire) as data, and keeps them out of raw', async () => {
    const fg = awsFacegate({ now });
    const session = await newSession(fg);
    const result = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    if (result.status !== 'complete') throw new Error('expected a complete result');
    const reference = result.result.referenceImage;
    expect(reference?.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(reference?.data ?? []).toString('base64')).toBe(SAMPLE_JPEG_BASE64);
    expect(reference?.mediaType).toBe('image/jpeg');
    expect(reference?.boundingBox).toEqual({ left: 0.31, top: 0.2, width: 0.38, height: 0.52 });
    expect(reference?.storedAt).toBeUndefined();
    const raw = result.result.raw.body as { ReferenceImage: { Bytes: string } };
    expect(raw.ReferenceImage.Bytes).toMatch(/^\[redacted: \d+ bytes\]$/);
    expect(result.result.raw.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns an S3 reference image and audit images as storedAt when the session wrote to S3', async () => {
    const fg = awsFacegate({ now });
    const session = await fg.createLivenessSession({
      providerOptions: { aws: { outputConfig: { s3Bucket: 'liveness-out', s3KeyPrefix: 'p/' }, auditImagesLimit: 2 } },
    });
    const result = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    if (result.status !== 'complete') throw new Error('expected a complete result');
    expect(result.result.referenceImage).toEqual({
      storedAt: { bucket: 'liveness-out', key: `p/${session.sessionId}/reference.jpg` },
      boundingBox: { left: 0.31, top: 0.2, width: 0.38, height: 0.52 },
    });
    expect(result.result.auditImages?.map((a) => a.storedAt?.key)).toEqual([
      `p/${session.sessionId}/audit_1.jpg`,
      `p/${session.sessionId}/audit_2.jpg`,
    ]);
    expect(result.result.decision.outcome).toBe('pass');
  });

  it('keeps an S3 object version', async () => {
    const session = await provider().doCreateLivenessSession({}, callContext());
    rekognition.arrange('GetFaceLivenessSessionResults', {
      type: 'json',
      body: sessionResultsBody({
        sessionId: session.sessionId,
        status: 'SUCCEEDED',
        confidence: 99,
        reference: { s3: { bucket: 'b', key: 'k.jpg', version: 'v7' } },
      }),
    });
    const result = await provider().doGetLivenessSessionResult({ sessionId: session.sessionId }, callContext());
    if (result.status !== 'complete') throw new Error('expected a complete result');
    expect(result.observation.referenceImage?.storedAt).toEqual({ bucket: 'b', key: 'k.jpg', version: 'v7' });
  });

  it('asks for a retry (no_reference_image) when a SUCCEEDED session has no reference image, as AWS advises', async () => {
    const fg = awsFacegate({ now });
    const session = await newSession(fg);
    rekognition.completeSession(session.sessionId, { status: 'SUCCEEDED', confidence: 99.5, reference: 'none' });
    const result = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    if (result.status !== 'complete') throw new Error('expected a complete result');
    expect(result.result.referenceImage).toBeUndefined();
    expect(result.result.decision).toEqual({ outcome: 'retry', reasons: ['no_reference_image'] });
  });

  it('maps every liveness feedback code the SDK defines to a capture hint', () => {
    expect(Object.keys(AWS_FEEDBACK_REASONS).sort()).toEqual(Object.values(FeedbackCode).sort());
    expect(AWS_FEEDBACK_REASONS.FACE_OBSTRUCTION_DETECTED).toBe('face_obstructed');
  });

  it('reports liveness feedback as warnings, never as reasons that would override the score', async () => {
    const fg = awsFacegate({ now });
    const spoof = await newSession(fg);
    rekognition.completeSession(spoof.sessionId, {
      status: 'SUCCEEDED',
      confidence: 12,
      feedback: ['LOW_VIDEO_QUALITY_DETECTED', 'FACE_OBSTRUCTION_DETECTED'],
    });
    const low = await fg.getLivenessSessionResult({ sessionId: spoof.sessionId });
    if (low.status !== 'complete') throw new Error('expected a complete result');
    // A low score stays a reject: the feedback does not turn it into a retry.
    expect(low.result.decision).toEqual({ outcome: 'reject', reasons: ['spoof_suspected'] });
    expect(low.result.warnings.map((w) => w.message)).toEqual([
      'Rekognition liveness feedback LOW_VIDEO_QUALITY_DETECTED (blurry): it lowered the Confidence score',
      'Rekognition liveness feedback FACE_OBSTRUCTION_DETECTED (face_obstructed): it lowered the Confidence score',
    ]);
    expect(low.result.raw.body).toMatchObject({ Feedback: [{ Code: 'LOW_VIDEO_QUALITY_DETECTED' }, {}] });

    const live = await newSession(fg);
    rekognition.completeSession(live.sessionId, {
      status: 'SUCCEEDED',
      confidence: 96,
      feedback: ['LOW_LIGHTING_DETECTED'],
    });
    const high = await fg.getLivenessSessionResult({ sessionId: live.sessionId });
    if (high.status !== 'complete') throw new Error('expected a complete result');
    expect(high.result.decision.outcome).toBe('pass');
    expect(high.result.reasons).toEqual([]);
  });

  it.each([
    ['an answer for another session', { SessionId: 'someone-else', Status: 'SUCCEEDED', Confidence: 99 }],
    ['SUCCEEDED without Confidence', 'no-confidence'],
    ['a Confidence far above 100', 'confidence-150'],
    ['an unknown Status', 'status-unknown'],
  ] as const)('refuses %s as provider_error', async (_label, kind) => {
    const session = await provider().doCreateLivenessSession({}, callContext());
    const base = sessionResultsBody({
      sessionId: session.sessionId,
      status: 'SUCCEEDED',
      confidence: 99,
      reference: null,
    });
    const body =
      typeof kind === 'object'
        ? kind
        : kind === 'no-confidence'
          ? { ...base, Confidence: undefined }
          : kind === 'confidence-150'
            ? { ...base, Confidence: 150 }
            : { ...base, Status: 'PAUSED' };
    rekognition.arrange('GetFaceLivenessSessionResults', { type: 'json', body });
    const error = await rejection(
      provider().doGetLivenessSessionResult({ sessionId: session.sessionId }, callContext()),
    );
    expect(error).toMatchObject({ code: 'provider_error' });
  });

  it('reports an unknown session id as session_not_found', async () => {
    const error = await rejection(
      awsFacegate({ now }).getLivenessSessionResult({ sessionId: '1f6d7a36-0000-4000-8000-000000000000' }),
    );
    expect(error).toMatchObject({
      code: 'session_not_found',
      retryable: false,
      vendorCode: 'SessionNotFoundException',
    });
  });
});

describe('a session is used once', () => {
  it('returns the stored first result on a second read (reused: true) without asking AWS again', async () => {
    const fg = awsFacegate({ now });
    const session = await fg.createLivenessSession();
    rekognition.completeSession(session.sessionId, { status: 'SUCCEEDED', confidence: 97.25 });
    const first = await fg.getLivenessSessionResult({ sessionId: session.sessionId, provider: 'aws' });
    // Even if AWS would now say something else, the stored verdict stands.
    rekognition.completeSession(session.sessionId, { status: 'SUCCEEDED', confidence: 12 });
    const second = await fg.getLivenessSessionResult({ sessionId: session.sessionId, provider: 'aws' });
    if (first.status !== 'complete' || second.status !== 'complete') throw new Error('expected complete results');
    expect(first.result.session).toEqual({ id: session.sessionId, reused: false });
    expect(second.result.session).toEqual({ id: session.sessionId, reused: true });
    expect(second.result.confidence).toBe(first.result.confidence);
    expect(second.result.confidence).toBeCloseTo(0.9725, 10);
    expect(rekognition.calls('GetFaceLivenessSessionResults')).toBe(1);
  });

  it('polls while pending, then completes', async () => {
    const fg = awsFacegate({ now });
    const session = await fg.createLivenessSession();
    rekognition.arrange(
      'GetFaceLivenessSessionResults',
      { type: 'session', result: { status: 'CREATED' } },
      { type: 'session', result: { status: 'IN_PROGRESS' } },
      { type: 'session', result: { status: 'SUCCEEDED', confidence: 95 } },
    );
    expect((await fg.getLivenessSessionResult({ sessionId: session.sessionId })).status).toBe('pending');
    expect((await fg.getLivenessSessionResult({ sessionId: session.sessionId })).status).toBe('pending');
    expect((await fg.getLivenessSessionResult({ sessionId: session.sessionId })).status).toBe('complete');
  });
});
