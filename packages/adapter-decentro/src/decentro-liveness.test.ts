import { createFacegate, type LivenessResult } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { createDecentroProvider } from './decentro-provider';
import type { DecentroProviderOptions } from './decentro-settings';
import {
  decentroClient,
  expectFailure,
  livenessPhoto,
  otherPhoto,
  photoWithoutExif,
  photoWithoutFileSource,
  SENTINEL_CREDENTIALS,
  shortClip,
  shortWebmClip,
  smallClip,
  TEST_PURPOSE,
  testOptions,
  useDecentroMock,
} from './decentro-test-setup';
import { failureBody, passiveLivenessBody, videoLivenessBody } from './testing/decentro-wire';

const vendor = useDecentroMock();
const mock = vendor.decentro;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const client = decentroClient;

const checkImage = (image: Uint8Array, providerOptions?: Record<string, unknown>, options?: DecentroProviderOptions) =>
  client(options).checkLiveness({
    media: { kind: 'image', image },
    ...(providerOptions ? { providerOptions: { decentro: providerOptions } } : {}),
  });

const failure = expectFailure;

/** An MP4 with a trailing `free` box holding a QuickTime camera make tag, as a phone camera app writes. */
function withCameraMakeTag(mp4: Uint8Array): Uint8Array {
  const payload = Buffer.from('\u00a9makApple', 'latin1');
  const box = Buffer.alloc(8 + payload.length);
  box.writeUInt32BE(box.length, 0);
  box.write('free', 4, 'latin1');
  payload.copy(box, 8);
  return new Uint8Array(Buffer.concat([mp4, box]));
}

describe('passive image liveness: the request', () => {
  it('sends v3 JSON by default: credentials in headers, a fresh UUID reference_id, consent, purpose, base64 image', async () => {
    await checkImage(livenessPhoto);
    expect(mock.requests).toHaveLength(1);
    const [request] = mock.requests;
    expect(request?.path).toBe('/v3/kyc/farsight/liveness/passive');
    expect(request?.headers).toMatchObject({
      client_id: SENTINEL_CREDENTIALS.clientId,
      client_secret: SENTINEL_CREDENTIALS.clientSecret,
      module_secret: SENTINEL_CREDENTIALS.moduleSecret,
      'content-type': 'application/json',
    });
    expect(Object.keys(request?.json ?? {}).sort()).toEqual(['consent', 'image', 'purpose', 'reference_id']);
    expect(request?.json?.consent).toBe(true);
    expect(request?.json?.purpose).toBe(TEST_PURPOSE);
    expect(request?.json?.reference_id).toMatch(UUID);
    expect(Buffer.from(request?.json?.image as string, 'base64').equals(Buffer.from(livenessPhoto))).toBe(true);
  });

  it('sends v2 multipart when configured, or per call', async () => {
    await checkImage(livenessPhoto, undefined, { imageLivenessApi: 'v2-multipart' });
    await checkImage(livenessPhoto, { imageLivenessApi: 'v2-multipart' });
    expect(mock.requests.map((r) => r.path)).toEqual([
      '/v2/kyc/forensics/liveness/passive',
      '/v2/kyc/forensics/liveness/passive',
    ]);
    for (const request of mock.requests) {
      expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(request.form).toEqual({
        reference_id: expect.stringMatching(UUID),
        consent: 'true',
        purpose: TEST_PURPOSE,
        image: { filename: 'image.jpg', type: 'image/jpeg', size: livenessPhoto.byteLength, cameraMetadata: false },
      });
    }
  });

  it('per-call options override the factory: v3 even when v2 is the default', async () => {
    await checkImage(livenessPhoto, { imageLivenessApi: 'v3-json' }, { imageLivenessApi: 'v2-multipart' });
    expect(mock.requests[0]?.path).toBe('/v3/kyc/farsight/liveness/passive');
  });

  it('uses a new reference_id for every call, retries included', async () => {
    mock.arrange('liveness.image', { type: 'server_error', status: 500 }, { type: 'success', score: 0.95 });
    const retrying = createFacegate({
      provider: createDecentroProvider(testOptions()),
      resilience: { maxRetries: 1, sleep: async () => {} },
    });
    await retrying.checkLiveness({ media: { kind: 'image', image: livenessPhoto } });
    await checkImage(livenessPhoto);
    const ids = mock.requests.map((r) => r.json?.reference_id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('passive image liveness: mapping the answer', () => {
  it.each([
    ['"85"', '85', 0.85],
    ['85 (a number)', 85, 0.85],
    ['" 92.5 "', ' 92.5 ', 0.925],
    ['"0"', '0', 0],
    ['"100"', '100', 1],
  ])('reads livenessScore %s as %s', async (_label, livenessScore, expected) => {
    mock.arrange('liveness.image', {
      type: 'answer',
      body: passiveLivenessBody({ live: 'yes', livenessScore, needToReview: 'no' }),
    });
    const result = await checkImage(livenessPhoto);
    expect(result.confidence).toBeCloseTo(expected, 6);
    expect(result.verdict).toBe('live');
  });

  it('maps live "yes" with a high score to a pass, keeping the answer in raw', async () => {
    mock.arrange('liveness.image', {
      type: 'answer',
      body: passiveLivenessBody({ live: 'yes', livenessScore: '96', needToReview: 'no' }),
    });
    const result = await checkImage(livenessPhoto);
    expect(result).toMatchObject({ isLive: true, verdict: 'live', decision: { outcome: 'pass', reasons: [] } });
    expect(result.raw.requestId).toMatch(/^[0-9A-F]{32}$/);
    expect(result.raw.httpStatus).toBe(200);
    expect((result.raw.body as { data: unknown }).data).toEqual({
      status: 'SUCCESS',
      live: 'yes',
      livenessScore: '96',
      needToReview: 'no',
    });
  });

  it('maps live "no" to spoof and a reject, whatever the score', async () => {
    mock.arrange('liveness.image', {
      type: 'answer',
      body: passiveLivenessBody({ live: 'No', livenessScore: '91', needToReview: 'no' }),
    });
    const result = await checkImage(livenessPhoto);
    expect(result).toMatchObject({ isLive: false, verdict: 'spoof', decision: { outcome: 'reject' } });
    expect(result.decision.reasons).toContain('spoof_suspected');
  });

  it('maps needToReview "yes" to vendor_review: a review, never a pass', async () => {
    mock.arrange('liveness.image', { type: 'success', score: 0.97, verdict: 'live', needToReview: true });
    const result = await checkImage(livenessPhoto);
    expect(result.reasons).toContain('vendor_review');
    expect(result.decision).toEqual({ outcome: 'review', reasons: ['vendor_review'] });
    expect(result.isLive).toBe(false);
  });

  it('sends a borderline score to review (low_confidence) under the default policy', async () => {
    mock.arrange('liveness.image', {
      type: 'answer',
      body: passiveLivenessBody({ live: 'yes', livenessScore: '85', needToReview: 'no' }),
    });
    const result = await checkImage(livenessPhoto);
    expect(result.decision).toEqual({ outcome: 'review', reasons: ['low_confidence'] });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a score that is not a number', { live: 'yes', livenessScore: 'high', needToReview: 'no' }],
    ['a score with a percent sign', { live: 'yes', livenessScore: '85%', needToReview: 'no' }],
    ['an empty score', { live: 'yes', livenessScore: '', needToReview: 'no' }],
    ['a score above 100', { live: 'yes', livenessScore: '100.5', needToReview: 'no' }],
    ['a negative score', { live: 'yes', livenessScore: '-1', needToReview: 'no' }],
    ['a live value that is neither yes nor no', { live: 'maybe', livenessScore: '90', needToReview: 'no' }],
    ['a boolean live value', { live: true, livenessScore: '90', needToReview: 'no' }],
    ['an unexpected needToReview', { live: 'yes', livenessScore: '90', needToReview: 'later' }],
    ['a missing needToReview', { live: 'yes', livenessScore: '90' }],
    [
      'a negative inner status that still says live',
      { status: 'FAILURE', live: 'yes', livenessScore: '90', needToReview: 'no' },
    ],
    ['an inner status it does not map', { status: 'PENDING', live: 'yes', livenessScore: '90', needToReview: 'no' }],
    ['a completed check without its live label', { status: 'SUCCESS', livenessScore: '90', needToReview: 'no' }],
  ])('treats %s as provider_error, never a pass', async (_label, data) => {
    mock.arrange('liveness.image', {
      type: 'answer',
      body: { ...passiveLivenessBody({ live: 'yes', livenessScore: '90', needToReview: 'no' }), data },
    });
    const error = await failure(checkImage(livenessPhoto));
    expect(error.code).toBe('provider_error');
    expect(error.retryable).toBe(false);
    expect(error.provider).toBe('decentro');
  });

  it.each<[string, Record<string, unknown>, number | null]>([
    ['FAILURE with its score', { status: 'FAILURE', live: 'no', livenessScore: '12', needToReview: 'no' }, 0.12],
    ['SPOOF without a score', { status: 'SPOOF' }, null],
    ['not_live (any case)', { status: 'not_live', live: 'no' }, null],
  ])('maps a negative inner status (%s) to an explicit spoof rejection', async (_label, data, confidence) => {
    mock.arrange('liveness.image', {
      type: 'answer',
      body: { ...passiveLivenessBody({ live: 'no', livenessScore: '12', needToReview: 'no' }), data },
    });
    const result = await checkImage(livenessPhoto);
    expect(result).toMatchObject({ isLive: false, verdict: 'spoof', confidence });
    expect(result.decision).toEqual({ outcome: 'reject', reasons: ['spoof_suspected'] });
  });

  it('treats an HTTP 200 that says FAILURE as an error, never a pass', async () => {
    mock.arrange('liveness.image', {
      type: 'answer',
      body: { ...failureBody({ responseCode: 'E00099', message: 'Liveness could not be computed' }), data: {} },
    });
    const unknown = await failure(checkImage(livenessPhoto));
    expect(unknown).toMatchObject({ code: 'provider_error', retryable: false, httpStatus: 200, vendorCode: 'E00099' });
    mock.arrange('liveness.image', {
      type: 'answer',
      body: failureBody({ responseCode: 'E00009', message: 'Image resolution too low' }),
    });
    const known = await failure(checkImage(livenessPhoto));
    expect(known).toMatchObject({ code: 'invalid_input', httpStatus: 200 });
    // Even with a success code and plausible data, a FAILURE status is not a result.
    mock.arrange('liveness.image', {
      type: 'answer',
      body: { ...passiveLivenessBody({ live: 'yes', livenessScore: '99', needToReview: 'no' }), status: 'FAILURE' },
    });
    expect(await failure(checkImage(livenessPhoto))).toMatchObject({ code: 'provider_error', retryable: false });
  });
});

describe('passive image liveness: pre-flight checks before any paid call', () => {
  it('refuses a photo without the camera EXIF tags Decentro requires, naming the missing ones', async () => {
    const none = await failure(checkImage(photoWithoutExif));
    expect(none.code).toBe('invalid_input');
    expect(none.details).toEqual({
      field: 'media.image',
      issue: 'missing_capture_metadata',
      missing: ['FileSource', 'Make', 'DateTime'],
    });
    expect(none.message).toContain('FileSource, Make, DateTime');
    const partial = await failure(checkImage(photoWithoutFileSource));
    expect(partial.details).toMatchObject({ issue: 'missing_capture_metadata', missing: ['FileSource'] });
    expect(mock.requests).toHaveLength(0);
  });

  it('sends skip_metadata_validation when the check is skipped, with a development-only warning', async () => {
    const viaSetting = await checkImage(photoWithoutExif, undefined, { skipMetadataValidation: true });
    await checkImage(photoWithoutExif, { skipMetadataValidation: true, imageLivenessApi: 'v2-multipart' });
    expect(mock.requests[0]?.json?.skip_metadata_validation).toBe(true);
    expect(mock.requests[1]?.form?.skip_metadata_validation).toBe('true');
    expect(viaSetting.warnings.map((w) => w.message).join()).toContain('development only');
  });

  it('a per-call false overrides a skipping factory', async () => {
    const error = await failure(
      checkImage(photoWithoutExif, { skipMetadataValidation: false }, { skipMetadataValidation: true }),
    );
    expect(error.details).toMatchObject({ issue: 'missing_capture_metadata' });
    expect(mock.requests).toHaveLength(0);
  });

  it.each([
    ['too small (320×240)', readFixture('faces/obama-small.jpg'), 'resolution_too_low'],
    ['too small on one side (1280×799)', readFixture('faces/leslie-1.jpg'), 'resolution_too_low'],
    ['too tall (970×2204)', otherPhoto, 'resolution_too_high'],
  ])('refuses an image %s for liveness', async (_label, image, issue) => {
    const error = await failure(checkImage(image, { skipMetadataValidation: true }));
    expect(error.code).toBe('invalid_input');
    expect(error.details).toMatchObject({
      field: 'media.image',
      issue,
      minWidth: 800,
      minHeight: 800,
      maxWidth: 2000,
      maxHeight: 2000,
    });
    expect(mock.requests).toHaveLength(0);
  });

  it('refuses WebP (Decentro takes JPEG and PNG) before any call', async () => {
    const error = await failure(checkImage(readFixture('media/face-lossless.webp')));
    expect(error.code).toBe('unsupported_media');
    expect(mock.requests).toHaveLength(0);
  });

  it('warns about unknown per-call options and refuses wrongly typed ones', async () => {
    const result = await checkImage(livenessPhoto, { threshold: 0.8 });
    expect(result.warnings).toContainEqual({
      type: 'unsupported_option',
      message: 'decentro ignores providerOptions.decentro.threshold',
    });
    const error = await failure(checkImage(livenessPhoto, { imageLivenessApi: 'v9' }));
    expect(error.code).toBe('invalid_input');
    expect(mock.requests).toHaveLength(1);
  });
});

describe('video liveness', () => {
  const checkVideo = (video: Uint8Array) => client().checkLiveness({ media: { kind: 'video', video } });

  it('sends the clip as multipart with reference_id, consent, consent_purpose and skip_metadata_validation', async () => {
    await checkVideo(shortClip);
    await checkVideo(shortWebmClip);
    expect(mock.requests.map((r) => r.path)).toEqual([
      '/v2/kyc/forensics/video_liveness',
      '/v2/kyc/forensics/video_liveness',
    ]);
    expect(mock.requests[0]?.form).toEqual({
      reference_id: expect.stringMatching(UUID),
      consent: 'true',
      consent_purpose: TEST_PURPOSE,
      skip_metadata_validation: 'true',
      video: { filename: 'video.mp4', type: 'video/mp4', size: shortClip.byteLength, cameraMetadata: false },
    });
    expect(mock.requests[1]?.form?.video).toMatchObject({ filename: 'video.webm', type: 'video/webm' });
  });

  it('a browser recording (no camera metadata) passes Decentro’s metadata check only because the skip is sent', async () => {
    const result = await checkVideo(shortWebmClip);
    expect(result.decision.outcome).toBe('pass');
    const refused = await failure(
      client({ skipVideoMetadataValidation: false }).checkLiveness({ media: { kind: 'video', video: shortWebmClip } }),
    );
    expect(refused).toMatchObject({ code: 'invalid_input', vendorCode: 'E00016' });
    expect(mock.requests[1]?.form?.skip_metadata_validation).toBeUndefined();
  });

  it('a per-call skipMetadataValidation overrides the video default; a clip with a camera tag needs no skip', async () => {
    const withMake = withCameraMakeTag(shortClip);
    const result = await client().checkLiveness({
      media: { kind: 'video', video: withMake },
      providerOptions: { decentro: { skipMetadataValidation: false } },
    });
    expect(result.decision.outcome).toBe('pass');
    expect(mock.requests[0]?.form).not.toHaveProperty('skip_metadata_validation');
    expect(mock.requests[0]?.form?.video).toMatchObject({ cameraMetadata: true });
  });

  it('maps a negative inner status to a spoof rejection; an unmapped one is provider_error', async () => {
    mock.arrange('liveness.video', {
      type: 'answer',
      body: videoLivenessBody({ confidence: '0.05', status: 'FAILURE' }),
    });
    const result = await checkVideo(shortClip);
    expect(result).toMatchObject({ isLive: false, verdict: 'spoof', confidence: 0.05 });
    expect(result.decision).toEqual({ outcome: 'reject', reasons: ['spoof_suspected'] });
    mock.arrange('liveness.video', {
      type: 'answer',
      body: videoLivenessBody({ confidence: '1.0', status: 'QUEUED' }),
    });
    expect((await failure(checkVideo(shortClip))).code).toBe('provider_error');
  });

  it.each([
    ['"1.0"', '1.0', 1, 'pass'],
    ['"0.93"', '0.93', 0.93, 'pass'],
    ['"0.75"', '0.75', 0.75, 'review'],
    ['0.2 (a number)', 0.2, 0.2, 'reject'],
  ])(
    'reads confidence %s on 0..1 with no label, the policy deciding',
    async (_label, confidence, expected, outcome) => {
      mock.arrange('liveness.video', { type: 'answer', body: videoLivenessBody({ confidence }) });
      const result: LivenessResult = await checkVideo(shortClip);
      expect(result.verdict).toBeNull();
      expect(result.confidence).toBeCloseTo(expected, 6);
      expect(result.decision.outcome).toBe(outcome);
    },
  );

  it.each<[string, unknown]>([
    ['a 0–100 value ("85")', '85'],
    ['text', 'high'],
    ['an empty string', ''],
    ['a missing confidence', undefined],
  ])('treats %s as provider_error (the scale is assumed 0..1 and never rescaled)', async (_label, confidence) => {
    const body = videoLivenessBody({ confidence: '1.0' });
    mock.arrange('liveness.video', { type: 'answer', body: { ...body, data: { status: 'SUCCESS', confidence } } });
    const error = await failure(checkVideo(shortClip));
    expect(error.code).toBe('provider_error');
  });

  it.each([
    ['MP4', smallClip],
    ['WebM', readFixture('media/clip-2s.webm')],
  ])('refuses a 320×400 %s clip (minimum 800×800) before any call, saying how to fix it', async (_label, clip) => {
    const error = await failure(checkVideo(clip));
    expect(error.code).toBe('invalid_input');
    expect(error.details).toEqual({
      field: 'media.video',
      issue: 'resolution_too_low',
      minWidth: 800,
      minHeight: 800,
      maxWidth: 2000,
      maxHeight: 2000,
      width: 320,
      height: 400,
    });
    expect(error.message).toContain('800 px on each side');
    expect(mock.requests).toHaveLength(0);
  });

  it('sends a clip whose frame size cannot be read, with a warning (Decentro then checks it)', async () => {
    // Rename the video track's handler type so no video track is found; the container stays valid.
    const clip = Uint8Array.from(shortClip);
    const at = Buffer.from(clip).indexOf('hdlr');
    expect(at).toBeGreaterThan(0);
    const type = at + 4 + 8;
    expect(Buffer.from(clip.subarray(type, type + 4)).toString()).toBe('vide');
    clip.set(Buffer.from('xxxx'), type);
    const result = await checkVideo(clip);
    expect(mock.requests).toHaveLength(1);
    expect(result.warnings.map((w) => w.message).join()).toContain('frame size could not be read');
  });

  it('refuses a 12 s clip (limit 10 s) before any call', async () => {
    const error = await failure(checkVideo(readFixture('media/clip-12s.mp4')));
    expect(error.code).toBe('invalid_input');
    expect(error.details).toMatchObject({ issue: 'too_long', maxDurationMs: 10_000 });
    expect(mock.requests).toHaveLength(0);
  });

  it('refuses a clip over 20 MB before any call', async () => {
    const padded = new Uint8Array(20_000_001);
    padded.set(shortClip);
    const error = await failure(checkVideo(padded));
    expect(error.details).toMatchObject({ issue: 'too_large', maxBytes: 20_000_000 });
    expect(mock.requests).toHaveLength(0);
  });
});

describe('what Decentro does not offer', () => {
  it('refuses frame sequences and sessions without a call', async () => {
    const fg = client();
    const frames = await failure(
      fg.checkLiveness({ media: { kind: 'frames', frames: [{ image: livenessPhoto, capturedAtMs: 0 }] } }),
    );
    expect(frames.code).toBe('unsupported_operation');
    expect((await failure(fg.createLivenessSession({}))).code).toBe('unsupported_operation');
    expect(mock.requests).toHaveLength(0);
  });

  it('refuses frames even when called on the adapter directly', async () => {
    const provider = createDecentroProvider(testOptions());
    const ctx = { signal: new AbortController().signal, logger: console, attempt: 0 };
    await expect(provider.doCheckLiveness({ media: { kind: 'frames', frames: [] } }, ctx)).rejects.toMatchObject({
      code: 'unsupported_operation',
    });
  });
});
