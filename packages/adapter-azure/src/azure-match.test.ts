import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { RIG_API_KEY, useAzureRig } from './azure-test-setup';
import { azureDetectedFace } from './testing';

const rig = useAzureRig();
const source = readFixture('faces/obama-1.jpg');
const target = readFixture('faces/biden-1.jpg');

/** Answer `/detect` with these face lists, in call order (source, then target). */
function detectAnswers(...answers: Record<string, unknown>[][]) {
  let call = 0;
  rig.server.use(
    http.post(`${rig.base}/detect`, async ({ request }) => {
      rig.fake.record({
        method: 'POST',
        route: '/detect',
        url: new URL(request.url),
        headers: {},
        bytes: new Uint8Array(await request.arrayBuffer()),
      });
      const faces = answers[Math.min(call, answers.length - 1)] ?? [];
      call += 1;
      return HttpResponse.json(faces);
    }),
  );
}

/** Answer `/verify` with this confidence, recording the body. */
function verifyAnswer(confidence: number, isIdentical = confidence >= 0.5) {
  const bodies: unknown[] = [];
  rig.server.use(
    http.post(`${rig.base}/verify`, async ({ request }) => {
      bodies.push(await request.json());
      return HttpResponse.json({ isIdentical, confidence });
    }),
  );
  return bodies;
}

describe('compareFaces: requests', () => {
  it('detects each image with recognition_04 / detection_03, faceId and qualityForRecognition, then verifies', async () => {
    const result = await rig.facegate().compareFaces({ source, target });
    const detects = rig.fake.requests({ route: '/detect' });
    expect(detects).toHaveLength(2);
    for (const [i, sent] of detects.entries()) {
      expect(sent.url.pathname).toBe('/face/v1.2/detect');
      expect(Object.fromEntries(sent.url.searchParams)).toEqual({
        detectionModel: 'detection_03',
        recognitionModel: 'recognition_04',
        returnFaceId: 'true',
        returnFaceAttributes: 'qualityForRecognition',
        faceIdTimeToLive: '60',
      });
      expect(sent.url.searchParams.has('api-version')).toBe(false);
      expect(sent.headers['content-type']).toBe('application/octet-stream');
      expect(sent.headers['ocp-apim-subscription-key']).toBe(RIG_API_KEY);
      expect(Buffer.from(sent.bytes ?? []).equals(Buffer.from(i === 0 ? source : target))).toBe(true);
    }
    const [verify] = rig.fake.requests({ route: '/verify' });
    expect(Object.keys(verify?.json as object).sort()).toEqual(['faceId1', 'faceId2']);
    expect(result.similarity).toBeCloseTo(0.97, 5);
    expect(result.isMatch).toBe(true);
  });

  it('passes faceIdTimeToLiveSeconds through and warns on unknown options', async () => {
    const result = await rig.facegate().compareFaces({
      source,
      target,
      providerOptions: { azure: { faceIdTimeToLiveSeconds: 3600, returnRecognitionModel: true } },
    });
    expect(rig.fake.requests({ route: '/detect' })[0]?.url.searchParams.get('faceIdTimeToLive')).toBe('3600');
    expect(result.warnings.some((w) => w.message.includes('returnRecognitionModel'))).toBe(true);
  });
});

describe('compareFaces: mapping', () => {
  it('uses verify confidence (0..1) as the similarity and the policy decides around Azure’s 0.5', async () => {
    for (const [confidence, outcome] of [
      [0.73, 'pass'],
      [0.45, 'review'],
      [0.2, 'reject'],
    ] as const) {
      rig.fake.reset();
      detectAnswers([azureDetectedFace()], [azureDetectedFace()]);
      const bodies = verifyAnswer(confidence);
      const result = await rig.facegate().compareFaces({ source, target });
      expect(result.similarity).toBeCloseTo(confidence, 5);
      expect(result.decision.outcome).toBe(outcome);
      expect(bodies).toHaveLength(1);
    }
  });

  it('turns a low qualityForRecognition into a retry reason (blurry, or low_resolution for a small face)', async () => {
    detectAnswers(
      [azureDetectedFace({ quality: 'low' })],
      [azureDetectedFace({ quality: 'low', rectangle: { top: 0, left: 0, width: 90, height: 110 } })],
    );
    verifyAnswer(0.91);
    const result = await rig.facegate().compareFaces({ source, target });
    expect(result.reasons).toEqual(expect.arrayContaining(['blurry', 'low_resolution']));
    expect(result.decision.outcome).toBe('retry');
  });

  it('warns (no reason) on medium quality', async () => {
    detectAnswers([azureDetectedFace({ quality: 'medium' })], [azureDetectedFace()]);
    verifyAnswer(0.91);
    const result = await rig.facegate().compareFaces({ source, target });
    expect(result.decision.outcome).toBe('pass');
    expect(result.warnings.some((w) => w.message.includes("'medium'"))).toBe(true);
  });

  it('stops at a source without a face (no_face, the target is not sent)', async () => {
    detectAnswers([]);
    const result = await rig.facegate().compareFaces({ source, target });
    expect(result.similarity).toBeNull();
    expect(result.reasons).toContain('no_face');
    expect(result.decision.outcome).toBe('retry');
    expect(rig.fake.requests({ route: '/detect' })).toHaveLength(1);
    expect(rig.fake.requests({ route: '/verify' })).toHaveLength(0);
  });

  it('reports no_face for a target without a face and does not call verify', async () => {
    detectAnswers([azureDetectedFace()], []);
    const result = await rig.facegate().compareFaces({ source, target });
    expect(result.reasons).toContain('no_face');
    expect(result.faces).toEqual({ source: 1, target: 0 });
    expect(rig.fake.requests({ route: '/verify' })).toHaveLength(0);
  });

  it('compares the largest face when there are several, and says so', async () => {
    const small = azureDetectedFace({ faceId: 'small-face', rectangle: { top: 0, left: 0, width: 210, height: 220 } });
    const large = azureDetectedFace({ faceId: 'large-face' });
    detectAnswers([small, large], [azureDetectedFace({ faceId: 'target-face' })]);
    const bodies = verifyAnswer(0.8);
    const result = await rig.facegate().compareFaces({ source, target });
    expect(bodies).toEqual([{ faceId1: 'large-face', faceId2: 'target-face' }]);
    expect(result.reasons).toContain('multiple_faces');
    expect(result.faces).toEqual({ source: 2, target: 1 });
  });

  it('refuses a detect answer without faceId (no Limited Access approval shows up this way too)', async () => {
    detectAnswers([azureDetectedFace({ faceId: null })]);
    await expect(rig.facegate().compareFaces({ source, target })).rejects.toMatchObject({ code: 'provider_error' });
  });

  it('refuses a verify confidence outside 0..1', async () => {
    detectAnswers([azureDetectedFace()], [azureDetectedFace()]);
    verifyAnswer(87, true);
    await expect(rig.facegate().compareFaces({ source, target })).rejects.toMatchObject({ code: 'provider_error' });
  });
});
