import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { DECENTRO_FACE_MATCH_PATH } from './decentro-face-match';
import { DECENTRO_STAGING_URL, type DecentroProviderOptions } from './decentro-settings';
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

/** A face match request straight to the mock, as Decentro would receive it. */
async function postFaceMatchForm(fields: Record<string, string>): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    reference_id: crypto.randomUUID(),
    consent: 'Y',
    consent_purpose: TEST_PURPOSE,
    ...fields,
  }))
    form.set(name, value);
  form.set('image1', new Blob([livenessPhoto], { type: 'image/jpeg' }), 'image1.jpg');
  form.set('image2', new Blob([otherPhoto], { type: 'image/jpeg' }), 'image2.jpg');
  return fetch(`${DECENTRO_STAGING_URL}${DECENTRO_FACE_MATCH_PATH}`, {
    method: 'POST',
    headers: {
      client_id: SENTINEL_CREDENTIALS.clientId,
      client_secret: SENTINEL_CREDENTIALS.clientSecret,
      module_secret: SENTINEL_CREDENTIALS.moduleSecret,
    },
    body: form,
  });
}

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
      image1: { filename: 'image1.jpg', type: 'image/jpeg', size: livenessPhoto.byteLength, cameraMetadata: false },
      image2: { filename: 'image2.png', type: 'image/png', size: png.byteLength, cameraMetadata: false },
    });
  });

  it('sends the threshold only when configured, as an integer percent, per call overriding the factory', async () => {
    await compare(otherPhoto);
    await compare(otherPhoto, undefined, { faceMatchThreshold: 0.8 });
    await compare(otherPhoto, { threshold: 0.95 }, { faceMatchThreshold: 0.8 });
    expect(mock.requests.map((r) => r.form?.threshold)).toEqual([undefined, '80', '95']);
  });

  it('rounds a threshold between whole percents, and says so', async () => {
    const result = await compare(otherPhoto, { threshold: 0.755 });
    expect(mock.requests[0]?.form?.threshold).toBe('76');
    expect(result.warnings).toContainEqual({ type: 'other', message: expect.stringContaining('sent as 76') });
  });

  it('the mock refuses a decimal threshold like Decentro’s validation (E00009)', async () => {
    const response = await postFaceMatchForm({ threshold: '0.8' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'FAILURE', responseCode: 'E00009' });
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

  it.each(['FAILURE', 'NOT_MATCHED', 'no_match'])(
    'maps data.status %s to Decentro’s own non-match, never a match',
    async (status) => {
      mock.arrange('match', { type: 'answer', body: faceMatchBody({ match: '99.00%', status }) });
      const result = await compare();
      expect(result).toMatchObject({ isMatch: false, similarity: 0.99, decision: { outcome: 'review' } });
      mock.arrange('match', { type: 'answer', body: faceMatchBody({ match: '40.00%', status }) });
      expect(await compare()).toMatchObject({ isMatch: false, decision: { outcome: 'reject' } });
    },
  );

  it('maps a non-match without a score to a face_mismatch rejection', async () => {
    const body = faceMatchBody({ match: '1%', status: 'FAILURE' });
    mock.arrange('match', { type: 'answer', body: { ...body, data: { status: 'FAILURE' } } });
    expect(await compare()).toMatchObject({
      isMatch: false,
      similarity: null,
      decision: { outcome: 'reject', reasons: ['face_mismatch'] },
    });
  });

  it('treats a data.status it does not map as provider_error naming it', async () => {
    mock.arrange('match', { type: 'answer', body: faceMatchBody({ match: '99.00%', status: 'PENDING' }) });
    const error = await failure(compare());
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain("data.status 'PENDING'");
  });
});

describe('injected HTTP client', () => {
  for (const option of ['httpClient', 'axios'] as const) {
    it(`sends through the client given as \`${option}\``, async () => {
      const seen: string[] = [];
      const injected = axios.create();
      injected.interceptors.request.use((config) => {
        seen.push(config.url ?? '');
        return config;
      });
      const result = await compare(otherPhoto, undefined, { [option]: injected });
      expect(typeof result.isMatch).toBe('boolean');
      expect(seen).toEqual([`${DECENTRO_STAGING_URL}${DECENTRO_FACE_MATCH_PATH}`]);
    });
  }
});
