import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import type { DecentroProviderOptions } from './decentro-settings';
import {
  decentroClient,
  expectFailure,
  livenessPhoto,
  otherPhoto,
  SENTINEL_CREDENTIALS,
  TEST_PURPOSE,
  useDecentroMock,
} from './decentro-test-setup';
import { faceMatchBody } from './testing/decentro-wire';

const vendor = useDecentroMock();
const mock = vendor.decentro;

const client = decentroClient;

const compare = (
  target: Uint8Array = otherPhoto,
  providerOptions?: Record<string, unknown>,
  options?: DecentroProviderOptions,
) =>
  client(options).compareFaces({
    source: livenessPhoto,
    target,
    ...(providerOptions ? { providerOptions: { decentro: providerOptions } } : {}),
  });

const failure = expectFailure;

describe('face match: the request', () => {
  it('sends image1 (source) and image2 (target) as multipart with consent "Y" and consent_purpose', async () => {
    const png = readFixture('faces/miranda-1.png');
    await compare(png);
    expect(mock.requests).toHaveLength(1);
    const [request] = mock.requests;
    expect(request?.path).toBe('/v2/kyc/forensics/face_match');
    expect(request?.headers).toMatchObject({
      client_id: SENTINEL_CREDENTIALS.clientId,
      client_secret: SENTINEL_CREDENTIALS.clientSecret,
      module_secret: SENTINEL_CREDENTIALS.moduleSecret,
    });
    expect(request?.form).toEqual({
      reference_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      consent: 'Y',
      consent_purpose: TEST_PURPOSE,
      image1: { filename: 'image1.jpg', type: 'image/jpeg', size: livenessPhoto.byteLength },
      image2: { filename: 'image2.png', type: 'image/png', size: png.byteLength },
    });
  });

  it('sends the threshold only when configured, per call overriding the factory', async () => {
    await compare(otherPhoto, undefined, { faceMatchThreshold: 0.8 });
    await compare(otherPhoto, { threshold: 0.95 }, { faceMatchThreshold: 0.8 });
    expect(mock.requests.map((r) => r.form?.threshold)).toEqual(['0.8', '0.95']);
  });

  it('refuses a per-call threshold outside 0.7–0.95 before any call', async () => {
    const error = await failure(compare(otherPhoto, { threshold: 0.5 }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('threshold');
    expect(mock.requests).toHaveLength(0);
  });

  it('has no resolution rule: small or tall photos are compared (unlike liveness)', async () => {
    await compare(readFixture('faces/obama-small.jpg'));
    expect(mock.requests).toHaveLength(1);
  });

  it('refuses an image over 6 MB before any call', async () => {
    const padded = new Uint8Array(6_000_001);
    padded.set(otherPhoto);
    const error = await failure(compare(padded));
    expect(error).toMatchObject({ code: 'invalid_input', details: { issue: 'too_large', maxBytes: 6_000_000 } });
    expect(mock.requests).toHaveLength(0);
  });
});

describe('face match: mapping the answer', () => {
  it.each([
    ['"98.00%"', '98.00%', 0.98, 'pass'],
    ['"85%"', '85%', 0.85, 'review'],
    ['" 72.5 %"', ' 72.5 %', 0.725, 'reject'],
    ['"0.00%"', '0.00%', 0, 'reject'],
    ['"100.00%"', '100.00%', 1, 'pass'],
  ])('reads match %s as similarity %s (%s under the default policy)', async (_label, match, similarity, outcome) => {
    mock.arrange('match', { type: 'answer', body: faceMatchBody({ match }) });
    const result = await compare();
    expect(result.similarity).toBeCloseTo(similarity, 6);
    expect(result.decision.outcome).toBe(outcome);
    expect(result.isMatch).toBe(outcome === 'pass');
    expect(result.faces).toEqual({ source: null, target: null });
    expect(result.raw.requestId).toMatch(/^[0-9A-F]{32}$/);
  });

  it.each<[string, unknown]>([
    ['a bare number string (scale unknown)', '98.00'],
    ['a number', 98],
    ['text', 'high%'],
    ['a value above 100%', '120.00%'],
    ['a negative value', '-5%'],
    ['an empty string', ''],
    ['a missing match', undefined],
  ])('treats %s as provider_error, never a match', async (_label, match) => {
    mock.arrange('match', {
      type: 'answer',
      body: { ...faceMatchBody({ match: '98.00%' }), data: { status: 'SUCCESS', match } },
    });
    const error = await failure(compare());
    expect(error.code).toBe('provider_error');
    expect(error.requestId).toMatch(/^[0-9A-F]{32}$/);
  });

  it('treats an inner data.status other than SUCCESS as provider_error (its meaning is undocumented)', async () => {
    mock.arrange('match', { type: 'answer', body: faceMatchBody({ match: '99.00%', status: 'FAILURE' }) });
    expect((await failure(compare())).code).toBe('provider_error');
  });
});
