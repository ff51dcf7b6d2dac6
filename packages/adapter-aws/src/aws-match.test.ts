import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { awsFacegate, base64Fixture, rejection, useRekognition } from './aws-test-setup';
import { compareFacesBody } from './testing/rekognition-wire';

const rekognition = useRekognition({
  // Who is in an image, by its bytes: the simulated service only knows what the test tells it.
  identify: (bytes) => {
    const b64 = Buffer.from(bytes).toString('base64');
    if (b64 === base64Fixture('faces/obama-1.jpg') || b64 === base64Fixture('faces/obama-2.jpg')) return 'obama';
    if (b64 === base64Fixture('faces/biden-1.jpg')) return 'biden';
    return null;
  },
});
const obama1 = readFixture('faces/obama-1.jpg');
const obama2 = readFixture('faces/obama-2.jpg');
const biden = readFixture('faces/biden-1.jpg');
const noFace = readFixture('faces/harington-1.jpg');

describe('compareFaces', () => {
  it('sends both images as bytes with SimilarityThreshold 0 and nothing else', async () => {
    await awsFacegate().compareFaces({ source: obama1, target: biden });
    const [request] = rekognition.requests;
    expect(request?.headers['x-amz-target']).toBe('RekognitionService.CompareFaces');
    expect(request?.body).toEqual({
      SourceImage: { Bytes: base64Fixture('faces/obama-1.jpg') },
      TargetImage: { Bytes: base64Fixture('faces/biden-1.jpg') },
      SimilarityThreshold: 0,
    });
  });

  it('passes a quality filter from providerOptions', async () => {
    await awsFacegate().compareFaces({
      source: obama1,
      target: obama2,
      providerOptions: { aws: { qualityFilter: 'HIGH' } },
    });
    expect(rekognition.requests[0]?.body.QualityFilter).toBe('HIGH');
  });

  it('reports the same person and a different person with their similarities', async () => {
    const fg = awsFacegate();
    const same = await fg.compareFaces({ source: obama1, target: obama2 });
    expect(same).toMatchObject({ isMatch: true, similarity: 0.992, faces: { source: null, target: 1 } });
    const other = await fg.compareFaces({ source: obama1, target: biden });
    expect(other).toMatchObject({
      isMatch: false,
      similarity: 0.065,
      decision: { outcome: 'reject', reasons: ['face_mismatch'] },
    });
  });

  it.each([
    [0, 'reject'],
    [79.99, 'reject'],
    [80, 'review'],
    [89.99, 'review'],
    [90, 'pass'],
    [100, 'pass'],
  ] as const)('maps Similarity %s to /100 (outcome %s)', async (similarity, outcome) => {
    rekognition.arrange('CompareFaces', { type: 'json', body: compareFacesBody([similarity]) });
    const result = await awsFacegate().compareFaces({ source: obama1, target: obama2 });
    expect(result.similarity).toBeCloseTo(similarity / 100, 10);
    expect(result.decision.outcome).toBe(outcome);
  });

  it('takes the most similar of several target faces and says the target had several', async () => {
    rekognition.arrange('CompareFaces', { type: 'json', body: compareFacesBody([12.5, 98.4, 40], 1) });
    const result = await awsFacegate().compareFaces({ source: obama1, target: obama2 });
    expect(result.similarity).toBeCloseTo(0.984, 10);
    expect(result.faces).toEqual({ source: null, target: 4 });
    expect(result.warnings.map((w) => w.message)).toEqual([
      'the target image has 4 faces; the similarity is that of the most similar one',
    ]);
    expect(result.decision.outcome).toBe('pass');
  });

  it('reads no face on either side (InvalidParameterException) as no_face: no similarity, retry', async () => {
    const fg = awsFacegate();
    for (const [source, target] of [
      [noFace, obama1],
      [obama1, noFace],
    ]) {
      const result = await fg.compareFaces({ source: source as Uint8Array, target: target as Uint8Array });
      expect(result).toMatchObject({
        isMatch: false,
        similarity: null,
        decision: { outcome: 'retry', reasons: ['no_face'] },
        faces: { source: null, target: null },
        raw: { httpStatus: 400, body: { __type: 'InvalidParameterException' } },
      });
      expect(result.warnings[0]?.type).toBe('assumption');
    }
  });

  it('reads target faces listed only as unmatched as face_mismatch (reject), and no target face as no_face', async () => {
    rekognition.arrange('CompareFaces', { type: 'json', body: compareFacesBody([], 2) });
    const unmatched = await awsFacegate().compareFaces({ source: obama1, target: obama2 });
    expect(unmatched).toMatchObject({
      isMatch: false,
      similarity: null,
      faces: { source: null, target: 2 },
      decision: { outcome: 'reject', reasons: ['face_mismatch'] },
    });
    expect(unmatched.warnings.map((w) => w.type)).toContain('assumption');

    rekognition.arrange('CompareFaces', { type: 'json', body: compareFacesBody([], 0) });
    const empty = await awsFacegate().compareFaces({ source: obama1, target: obama2 });
    expect(empty).toMatchObject({ similarity: null, faces: { source: null, target: 0 } });
    expect(empty.decision).toEqual({ outcome: 'retry', reasons: ['no_face'] });
  });

  it('refuses a similarity far outside 0–100 and an answer without FaceMatches', async () => {
    rekognition.arrange('CompareFaces', { type: 'json', body: compareFacesBody([180]) });
    expect(await rejection(awsFacegate().compareFaces({ source: obama1, target: obama2 }))).toMatchObject({
      code: 'provider_error',
    });
    rekognition.arrange('CompareFaces', { type: 'json', body: { SourceImageFace: {}, UnmatchedFaces: [] } });
    expect(await rejection(awsFacegate().compareFaces({ source: obama1, target: obama2 }))).toMatchObject({
      code: 'provider_error',
    });
  });
});
