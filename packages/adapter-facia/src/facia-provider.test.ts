import { DEFAULT_IMAGE_CONSTRAINTS, faceMatchResultSchema, livenessResultSchema, validateImage } from '@facegate/core';
import { createRecordingLogger, expectFacegateError } from '@facegate/core/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { SELF_REFERENCE_WARNING } from './facia-provider';
import { TEST_HASH_ID, useFaciaTestServer } from './facia-test-setup';
import { FACIA_TEST_BASE_URL, type ReceivedProcessFace } from './testing/index';

const server = useFaciaTestServer();
const { mock } = server;
const selfie = readFixture('faces/obama-1.jpg');
const document = readFixture('faces/obama-2.jpg');
const png = readFixture('faces/miranda-1.png');

/** The merged call (selfie + reference document) through a fresh client without retries. */
const mergedCall = () =>
  server.client().checkLiveness({ media: { kind: 'image', image: selfie }, reference: document });
/** compareFaces(selfie, document) through a fresh client without retries. */
const compare = () => server.client().compareFaces({ source: selfie, target: document });
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const only = (): ReceivedProcessFace => {
  expect(mock.script.processFaceRequests).toHaveLength(1);
  return mock.script.processFaceRequests[0] as ReceivedProcessFace;
};

describe('the merged call: checkLiveness with a reference', () => {
  it('makes ONE process_face call and returns liveness and face match from it', async () => {
    mock.script.arrangeProcessFace({
      type: 'result',
      isLive: 1,
      livenessScore: 0.98765,
      isMatch: 1,
      similarityScore: 0.9876343,
    });
    const result = await mergedCall();
    expect(livenessResultSchema.parse(result)).toBeTruthy();
    expect(mock.script.processFaceRequests).toHaveLength(1);
    expect(mock.script.statusCheckCount).toBe(1);
    expect(result.verdict).toBe('live');
    expect(result.confidence).toBeCloseTo(0.98765, 5);
    expect(result.isLive).toBe(true);
    expect(result.faceMatch).toEqual({
      isMatch: true,
      similarity: 0.9876343,
      decision: { outcome: 'pass', reasons: [] },
    });
    expect(result.decision).toEqual({ outcome: 'pass', reasons: [] });
    expect(result.warnings).toEqual([]);
    expect(result.raw.httpStatus).toBe(201);
    expect(result.raw.body).toMatchObject({ message: 'Success', liveness_result: { is_live: 1 } });
  });

  it('sends the selfie as selfie_image and the reference as document_image, with the hash id, and nothing else', async () => {
    await server.client().checkLiveness({ media: { kind: 'image', image: selfie }, reference: png });
    const request = only();
    expect(request.contentType).toBe('application/json');
    expect(Object.keys(request.body as object).sort()).toEqual(['document_image', 'hash_id', 'selfie_image']);
    expect(request.body).toEqual({
      hash_id: TEST_HASH_ID,
      selfie_image: `data:image/jpeg;base64,${base64(selfie)}`,
      document_image: `data:image/png;base64,${base64(png)}`,
    });
  });

  it('sends a hash id that needs JSON escaping as valid JSON, the images byte for byte', async () => {
    const hashId = 'id "quoted" \\ back\nslash ü';
    await server
      .client({ provider: { hashId } })
      .checkLiveness({ media: { kind: 'image', image: selfie }, reference: png })
      .catch(() => undefined); // the mock knows another hash id; the request is what is checked
    expect(only().body).toEqual({
      hash_id: hashId,
      selfie_image: `data:image/jpeg;base64,${base64(selfie)}`,
      document_image: `data:image/png;base64,${base64(png)}`,
    });
  });

  it('takes the data URL type from the sniffed bytes, not from the file name or declared type', async () => {
    await server.client().checkLiveness({
      media: { kind: 'image', image: { data: png, filename: 'selfie.jpg', mediaType: 'image/jpeg' } },
      reference: document,
    });
    expect((only().body as { selfie_image: string }).selfie_image.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('a spoof with a matching document is rejected, with the match half still reported', async () => {
    mock.script.arrangeProcessFace({ type: 'result', isLive: 0, livenessScore: 0.12325, isMatch: 1 });
    const result = await mergedCall();
    expect(result.verdict).toBe('spoof');
    expect(result.isLive).toBe(false);
    expect(result.decision.outcome).toBe('reject');
    expect(result.decision.reasons).toContain('spoof_suspected');
    expect(result.faceMatch?.isMatch).toBe(true);
  });

  it('a live face that does not match the document is rejected for the mismatch (vendor example 4 scores)', async () => {
    mock.script.arrangeProcessFace({
      type: 'result',
      isLive: 1,
      livenessScore: 0.98,
      isMatch: 0,
      similarityScore: 0.2335,
    });
    const result = await mergedCall();
    expect(result.isLive).toBe(true);
    expect(result.faceMatch).toMatchObject({ isMatch: false, similarity: 0.2335 });
    expect(result.decision).toEqual({ outcome: 'reject', reasons: ['face_mismatch'] });
  });

  it("sends a high similarity with Facia's is_match=0 to review", async () => {
    mock.script.arrangeProcessFace({ type: 'result', isMatch: 0, similarityScore: 0.95 });
    const result = await mergedCall();
    expect(result.faceMatch?.decision).toEqual({ outcome: 'review', reasons: ['low_similarity'] });
  });
});

describe('checkLiveness without a reference', () => {
  it('sends the selfie as both images, drops the match half and says so', async () => {
    mock.script.arrangeProcessFace({ type: 'result', isMatch: 0, similarityScore: 0.1 });
    const result = await server.client().checkLiveness({ media: { kind: 'image', image: selfie } });
    const body = only().body as { selfie_image: string; document_image: string };
    expect(body.document_image).toBe(body.selfie_image);
    expect(result.faceMatch).toBeUndefined();
    expect(result.decision.outcome).toBe('pass');
    expect(result.warnings).toContainEqual({ type: 'assumption', message: SELF_REFERENCE_WARNING });
  });

  it('warns that a challenge is ignored and about unknown provider options', async () => {
    const result = await server.client().checkLiveness({
      media: { kind: 'image', image: selfie },
      reference: document,
      providerOptions: { facia: { threshold: 0.5 }, aws: { ignored: true } },
    });
    expect(result.warnings).toEqual([
      { type: 'unsupported_option', message: 'facia ignores providerOptions.facia.threshold' },
    ]);
  });

  it('refuses video and frames as unsupported operations without calling the server', async () => {
    const error = await expectFacegateError(
      server.client().checkLiveness({ media: { kind: 'video', video: readFixture('media/clip-2s.mp4') } }),
    );
    expect(error.code).toBe('unsupported_operation');
    expect(mock.script.processFaceRequests).toHaveLength(0);
    expect(mock.script.statusCheckCount).toBe(0);
  });
});

describe('compareFaces', () => {
  it('makes one process_face call with source as selfie and target as document', async () => {
    mock.script.arrangeProcessFace({ type: 'result', isMatch: 1, similarityScore: 0.93 });
    const result = await server.client().compareFaces({ source: selfie, target: png });
    expect(faceMatchResultSchema.parse(result)).toBeTruthy();
    const body = only().body as { selfie_image: string; document_image: string };
    expect(body.selfie_image).toBe(`data:image/jpeg;base64,${base64(selfie)}`);
    expect(body.document_image).toBe(`data:image/png;base64,${base64(png)}`);
    expect(result.similarity).toBe(0.93);
    expect(result.isMatch).toBe(true);
    expect(result.faces).toEqual({ source: null, target: null });
    expect(result.warnings).toEqual([]);
    expect(result.raw.body).toMatchObject({ liveness_result: { is_live: 1, liveness_score: 0.98765 } });
  });

  it('keeps the liveness answer in raw and warns when Facia called the source a spoof', async () => {
    mock.script.arrangeProcessFace({
      type: 'result',
      isLive: 0,
      livenessScore: 0.02,
      isMatch: 1,
      similarityScore: 0.97,
    });
    const result = await compare();
    expect(result.isMatch).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.message).toMatch(/spoof/);
  });
});

describe('score and label mapping', () => {
  it.each([
    ['numbers', 1, 0.9, 'live'],
    ['numeric strings', '1', '0.9', 'live'],
    ['booleans', false, 0.3, 'spoof'],
  ] as const)('reads is_live and scores sent as %s', async (_label, isLive, score, verdict) => {
    mock.script.arrangeProcessFace({ type: 'result', isLive, livenessScore: score });
    const result = await mergedCall();
    expect(result.verdict).toBe(verdict);
    expect(result.confidence).toBeCloseTo(Number(score), 5);
  });

  it.each([2, -1, 'yes', null, 0.5])('refuses is_live=%s as provider_error', async (isLive) => {
    mock.script.arrangeProcessFace({ type: 'result', isLive });
    const error = await expectFacegateError(mergedCall());
    expect(error.code).toBe('provider_error');
    expect(error.retryable).toBe(false);
  });

  it.each(['match', 'true ', 3])('refuses is_match=%s as provider_error', async (isMatch) => {
    mock.script.arrangeProcessFace({ type: 'result', isMatch });
    const error = await expectFacegateError(compare());
    expect(error.code).toBe('provider_error');
  });

  it('clamps a score slightly above 1 with a clamped_value warning', async () => {
    mock.script.arrangeProcessFace({ type: 'result', livenessScore: 1.004, similarityScore: 1.002 });
    const result = await mergedCall();
    expect(result.confidence).toBe(1);
    expect(result.faceMatch?.similarity).toBe(1);
    expect(result.warnings.filter((w) => w.type === 'clamped_value')).toHaveLength(2);
  });

  it.each([
    ['a liveness_score of 1.5', { livenessScore: 1.5 }],
    ['a liveness_score of 98.7 (a percentage)', { livenessScore: 98.7 }],
    ['a negative similarity_score', { similarityScore: -0.2 }],
    ['a null liveness_score', { livenessScore: null }],
    ['a non-numeric similarity_score', { similarityScore: 'high' }],
  ])('refuses %s as provider_error', async (_label, fields) => {
    mock.script.arrangeProcessFace({ type: 'result', ...fields });
    const error = await expectFacegateError(mergedCall());
    expect(error.code).toBe('provider_error');
  });

  it.each([
    ['liveness_result', { face_similarity_result: { is_match: 1, similarity_score: 0.9 }, message: 'Success' }],
    [
      'is_live',
      { face_similarity_result: { is_match: 1, similarity_score: 0.9 }, liveness_result: { liveness_score: 0.9 } },
    ],
    [
      'similarity_score',
      { face_similarity_result: { is_match: 1 }, liveness_result: { is_live: 1, liveness_score: 0.9 } },
    ],
  ])('refuses a 201 answer without %s as provider_error', async (_label, body) => {
    mock.script.arrangeProcessFace({
      type: 'status',
      status: 201,
      body: JSON.stringify(body),
      contentType: 'application/json',
    });
    const error = await expectFacegateError(mergedCall());
    expect(error.code).toBe('provider_error');
  });

  it('flags is_live=1 with liveness_score ≤ 0.1 (the "0.0-0.1" range in the docs) and lets the policy reject it', async () => {
    mock.script.arrangeProcessFace({ type: 'result', isLive: 1, livenessScore: 0.05 });
    const result = await mergedCall();
    expect(result.verdict).toBe('live');
    expect(result.confidence).toBe(0.05);
    expect(result.decision.outcome).toBe('reject');
    expect(result.warnings.some((w) => w.type === 'assumption' && /0–0\.1/.test(w.message))).toBe(true);
  });

  it.each([
    ['Fail', 'Fail'],
    ['missing', null],
  ] as const)('never passes a result whose message is %s: vendor_review and a warning', async (_label, message) => {
    mock.script.arrangeProcessFace({ type: 'result', message });
    const result = await mergedCall();
    expect(result.decision).toEqual({ outcome: 'review', reasons: ['vendor_review'] });
    expect(result.faceMatch?.decision.outcome).toBe('review');
    expect(result.warnings.some((w) => w.message.includes("instead of 'Success'"))).toBe(true);
    const match = await compare();
    expect(match.decision.outcome).toBe('review');
  });

  it('still rejects a spoof whose message is Fail', async () => {
    mock.script.arrangeProcessFace({ type: 'result', message: 'Fail', isLive: 0, livenessScore: 0.1 });
    const result = await mergedCall();
    expect(result.decision.outcome).toBe('reject');
  });
});

describe('error mapping', () => {
  it.each([200, 201, 400, 401, 403, 429, 500])(
    'maps the documented bodies by their text whatever the status (HTTP %s)',
    async (status) => {
      const cases = [
        ['InvalidCredentials', 'auth_failed'],
        ['CorruptSelfieImage', 'invalid_input'],
        ['CorruptDocumentImage', 'invalid_input'],
        ['MissingImage', 'invalid_input'],
        ['RequestLimitReached', 'quota_exceeded'],
      ] as const;
      for (const [name, code] of cases) {
        mock.reset();
        mock.script.arrangeProcessFace({ type: 'documented_error', name, status });
        const error = await expectFacegateError(
          server.client({ maxRetries: 2 }).compareFaces({ source: selfie, target: document }),
        );
        expect(error.code, name).toBe(code);
        expect(error.retryable, name).toBe(false);
        expect(error.httpStatus).toBe(status);
        expect(error.provider).toBe('facia');
        expect(mock.script.processFaceRequests, `${name} must not be retried`).toHaveLength(1);
      }
    },
  );

  it('answers a wrong hash id like the server: auth_failed, and the hash id is in no error', async () => {
    const error = await expectFacegateError(
      server
        .client({ provider: { hashId: 'a-wrong-hash-id-123456' } })
        .checkLiveness({ media: { kind: 'image', image: selfie }, reference: document }),
    );
    expect(error.code).toBe('auth_failed');
    expect(error.vendorCode).toBe('invalid_credentials');
    expect(JSON.stringify(error)).not.toContain('a-wrong-hash-id-123456');
    expect(error.message).not.toContain('a-wrong-hash-id-123456');
  });

  it('maps 429 without a documented body to rate_limited with the Retry-After delay', async () => {
    mock.script.arrangeProcessFace({ type: 'status', status: 429, body: 'Too Many Requests', retryAfter: '3' });
    const error = await expectFacegateError(compare());
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 3000, httpStatus: 429 });
  });

  it.each([
    [500, 'provider_error', true],
    [502, 'provider_error', true],
    [503, 'provider_unavailable', true],
    [404, 'resource_not_found', false],
    [413, 'invalid_input', false],
  ] as const)('maps HTTP %s to %s (retryable %s)', async (status, code, retryable) => {
    mock.script.arrangeProcessFace({ type: 'status', status, body: '<html>oops</html>', contentType: 'text/html' });
    const error = await expectFacegateError(compare());
    expect(error).toMatchObject({ code, retryable, httpStatus: status });
  });

  it('refuses an undocumented error body on a success status, naming what Facia said', async () => {
    mock.script.arrangeProcessFace({ type: 'status', status: 201, body: '{"error":"Face not detected"}' });
    const error = await expectFacegateError(compare());
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('Face not detected');
  });

  it('does not follow a redirect (the hash id and images would go to another address)', async () => {
    let followed = 0;
    mock.server.use(
      http.post('http://elsewhere.test/process_face', () => {
        followed += 1;
        return HttpResponse.json({});
      }),
    );
    mock.server.use(
      http.post(
        `${FACIA_TEST_BASE_URL}/process_face`,
        () => new Response(null, { status: 307, headers: { Location: 'http://elsewhere.test/process_face' } }),
      ),
    );
    const error = await expectFacegateError(compare());
    expect(error.code).toBe('provider_error');
    expect(error.httpStatus).toBe(307);
    expect(followed).toBe(0);
  });

  it('refuses an answer larger than 1 MiB as provider_error', async () => {
    mock.script.arrangeProcessFace({ type: 'status', status: 201, body: 'x'.repeat(2 * 1024 * 1024) });
    const error = await expectFacegateError(compare());
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('larger than 1048576 bytes');
  });

  it('maps a dropped connection to provider_unavailable (retryable)', async () => {
    mock.script.arrangeProcessFace({ type: 'network_error' });
    const error = await expectFacegateError(compare());
    expect(error.code).toBe('provider_unavailable');
    expect(error.retryable).toBe(true);
  });
});

describe('media limits', () => {
  it.each([
    ['a WebP image', readFixture('media/face-lossless.webp'), 'unsupported_media'],
    ['an image over 5 MiB', Buffer.concat([Buffer.from(selfie), Buffer.alloc(5 * 1024 * 1024)]), 'invalid_input'],
  ])('refuses %s before any call to the server', async (_label, bytes, code) => {
    const error = await expectFacegateError(
      server.client().checkLiveness({ media: { kind: 'image', image: selfie }, reference: new Uint8Array(bytes) }),
    );
    expect(error.code).toBe(code);
    expect(mock.script.processFaceRequests).toHaveLength(0);
    expect(mock.script.statusCheckCount).toBe(0);
  });
});

describe('transport', () => {
  it('passes the abort signal to the process_face request: a hanging call stops with aborted', async () => {
    mock.script.arrangeProcessFace({ type: 'hang' });
    const provider = server.provider();
    const image = (bytes: Uint8Array) => validateImage(bytes, DEFAULT_IMAGE_CONSTRAINTS, 'image');
    const controller = new AbortController();
    const call = provider.doCompareFaces(
      { source: image(selfie), target: image(document) },
      { signal: controller.signal, logger: createRecordingLogger(), attempt: 0 },
    );
    await vi.waitFor(() => expect(mock.script.processFaceRequests).toHaveLength(1));
    controller.abort();
    const error = await expectFacegateError(call);
    expect(error.code).toBe('aborted');
  });

  it('warns once per provider when the server is reached over plain HTTP on another host', async () => {
    const logger = createRecordingLogger();
    const provider = server.provider();
    const ctx = { signal: new AbortController().signal, logger, attempt: 0 };
    const image = (bytes: Uint8Array) => validateImage(bytes, DEFAULT_IMAGE_CONSTRAINTS, 'image');
    await provider.doCompareFaces({ source: image(selfie), target: image(document) }, ctx);
    await provider.doCompareFaces({ source: image(selfie), target: image(document) }, ctx);
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/plain HTTP/);
    expect(logger.text()).not.toContain(TEST_HASH_ID);
  });
});
