import { createRecordingLogger } from '@facegate/core/testing';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { awsFacegate, base64Fixture, rejection, useRekognition } from './aws-test-setup';
import { indexFacesBody, listFacesBody } from './testing/rekognition-wire';

const NO_FACE = base64Fixture('faces/harington-1.jpg');
const rekognition = useRekognition({
  identify: (bytes) => {
    const b64 = Buffer.from(bytes).toString('base64');
    return b64 === NO_FACE ? null : b64.slice(-64);
  },
  listFacesPageSize: 2,
});
const alice = readFixture('faces/obama-1.jpg');
const bob = readFixture('faces/biden-1.jpg');
const carol = readFixture('faces/leslie-1.jpg');
const noFace = readFixture('faces/harington-1.jpg');
const COLLECTION = 'signup-users';

describe('collections', () => {
  it('creates a collection once and tolerates ResourceAlreadyExistsException afterwards', async () => {
    const fg = awsFacegate();
    await fg.ensureCollection({ collection: COLLECTION });
    await fg.ensureCollection({ collection: COLLECTION });
    expect(rekognition.requestsFor('CreateCollection').map((r) => r.body)).toEqual([
      { CollectionId: COLLECTION },
      { CollectionId: COLLECTION },
    ]);
    expect([...rekognition.collections.keys()]).toEqual([COLLECTION]);
  });

  it('logs ensureCollection options it ignores (it has no result to carry warnings)', async () => {
    const logger = createRecordingLogger();
    await awsFacegate({}, { logger }).ensureCollection({
      collection: COLLECTION,
      providerOptions: { aws: { tags: { team: 'kyc' } } },
    });
    expect(logger.lines.map((l) => l.message)).toContain('aws ignores providerOptions.aws.tags');
    expect(rekognition.requestsFor('CreateCollection')[0]?.body).toEqual({ CollectionId: COLLECTION });
  });

  it('runs the flow: index under an external id, find the duplicate, remove it, find nothing', async () => {
    const fg = awsFacegate();
    await fg.ensureCollection({ collection: COLLECTION });
    const indexed = await fg.indexFace({ collection: COLLECTION, externalId: 'user-1', image: alice });
    expect(indexed).toMatchObject({ provider: 'aws', externalId: 'user-1', reasons: [] });
    expect(indexed.faceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rekognition.requestsFor('IndexFaces')[0]?.body).toEqual({
      CollectionId: COLLECTION,
      Image: { Bytes: base64Fixture('faces/obama-1.jpg') },
      ExternalImageId: 'user-1',
      MaxFaces: 1,
      QualityFilter: 'AUTO',
      DetectionAttributes: ['DEFAULT'],
    });

    const duplicate = await fg.searchFaces({ collection: COLLECTION, image: alice, minSimilarity: 0.5, maxResults: 3 });
    expect(rekognition.requestsFor('SearchFacesByImage')[0]?.body).toEqual({
      CollectionId: COLLECTION,
      Image: { Bytes: base64Fixture('faces/obama-1.jpg') },
      MaxFaces: 3,
      FaceMatchThreshold: 50,
    });
    expect(duplicate).toMatchObject({
      isDuplicate: true,
      matches: [{ faceId: indexed.faceId, externalId: 'user-1', similarity: 0.992 }],
      decision: { outcome: 'reject', reasons: ['duplicate_face'] },
    });

    const unique = await fg.searchFaces({ collection: COLLECTION, image: bob });
    expect(unique).toMatchObject({ isDuplicate: false, matches: [], decision: { outcome: 'pass' } });
    expect(rekognition.requestsFor('SearchFacesByImage')[1]?.body.FaceMatchThreshold).toBe(80);

    const removed = await fg.removeFaces({ collection: COLLECTION, faceIds: [indexed.faceId] });
    expect(removed.removedFaceIds).toEqual([indexed.faceId]);
    expect(rekognition.calls('ListFaces')).toBe(0);
    const after = await fg.searchFaces({ collection: COLLECTION, image: alice });
    expect(after.matches).toEqual([]);
  });

  it('resolves external ids through every ListFaces page before DeleteFaces', async () => {
    const fg = awsFacegate();
    await fg.ensureCollection({ collection: COLLECTION });
    const index = async (externalId: string, image: Uint8Array) =>
      (await fg.indexFace({ collection: COLLECTION, externalId, image })).faceId;
    const aliceA = await index('user-a', alice);
    await index('user-b', bob);
    const carolC = await index('user-c', carol);
    const bobA = await index('user-a', bob); // a second face under user-a
    const removed = await fg.removeFaces({ collection: COLLECTION, externalIds: ['user-a', 'user-c'] });
    const lists = rekognition.requestsFor('ListFaces').map((r) => r.body);
    expect(lists).toEqual([
      { CollectionId: COLLECTION, MaxResults: 4096 },
      { CollectionId: COLLECTION, MaxResults: 4096, NextToken: 'page-2' },
    ]);
    const expected = [aliceA, carolC, bobA].sort();
    expect(rekognition.requestsFor('DeleteFaces').map((r) => (r.body.FaceIds as string[]).sort())).toEqual([expected]);
    expect([...removed.removedFaceIds].sort()).toEqual(expected);
    expect(removed.raw.body).toMatchObject({ ListFaces: { pages: 2, facesListed: 4, matched: 3 } });
    expect([...(rekognition.collections.get(COLLECTION)?.values() ?? [])].map((f) => f.externalId)).toEqual(['user-b']);
  });

  it('does not call DeleteFaces when no face has the external id, and warns about face ids AWS did not find', async () => {
    const fg = awsFacegate();
    await fg.ensureCollection({ collection: COLLECTION });
    const none = await fg.removeFaces({ collection: COLLECTION, externalIds: ['nobody'] });
    expect(none.removedFaceIds).toEqual([]);
    expect(rekognition.calls('DeleteFaces')).toBe(0);
    const unknown = await fg.removeFaces({ collection: COLLECTION, faceIds: ['0b1f2e3d-0000-4000-8000-000000000000'] });
    expect(unknown.removedFaceIds).toEqual([]);
    expect(unknown.warnings[0]?.message).toContain('FACE_NOT_FOUND');
  });

  it('refuses ListFaces pagination that never ends', async () => {
    const fg = awsFacegate();
    rekognition.arrange('ListFaces', {
      type: 'json',
      body: listFacesBody([{ faceId: 'f1', externalId: 'x' }], 'same'),
    });
    const error = await rejection(fg.removeFaces({ collection: COLLECTION, externalIds: ['x'] }));
    expect(error).toMatchObject({ code: 'provider_error' });
    expect(rekognition.calls('ListFaces')).toBe(2);
  });

  it('fails indexFace with invalid_input when no face was stored, saying why', async () => {
    const fg = awsFacegate();
    await fg.ensureCollection({ collection: COLLECTION });
    const none = await rejection(fg.indexFace({ collection: COLLECTION, externalId: 'user-x', image: noFace }));
    expect(none).toMatchObject({ code: 'invalid_input', retryable: false, details: { reasons: ['no_face'] } });
    rekognition.arrange('IndexFaces', {
      type: 'json',
      body: indexFacesBody([], [['LOW_BRIGHTNESS', 'LOW_SHARPNESS']]),
    });
    const dark = await rejection(fg.indexFace({ collection: COLLECTION, externalId: 'user-x', image: alice }));
    expect(dark).toMatchObject({ code: 'invalid_input', details: { reasons: ['too_dark', 'blurry'] } });
  });

  it('notes multiple_faces when only the largest of several faces was indexed', async () => {
    rekognition.arrange('IndexFaces', {
      type: 'json',
      body: indexFacesBody([{ faceId: 'f-1', externalId: 'user-1', imageId: 'i-1' }], [['EXCEEDS_MAX_FACES']]),
    });
    const indexed = await awsFacegate().indexFace({ collection: COLLECTION, externalId: 'user-1', image: alice });
    expect(indexed).toMatchObject({ faceId: 'f-1', reasons: ['multiple_faces'] });
  });

  it('reads no face in the search image (InvalidParameterException) as no_face and asks for a retry', async () => {
    const fg = awsFacegate();
    await fg.ensureCollection({ collection: COLLECTION });
    const result = await fg.searchFaces({ collection: COLLECTION, image: noFace });
    expect(result).toMatchObject({ matches: [], decision: { outcome: 'retry', reasons: ['no_face'] } });
  });

  it('sends the whole documented id alphabet as is (core refuses anything else before the call)', async () => {
    const fg = awsFacegate();
    await fg.ensureCollection({ collection: 'Signup_users.v2-eu' });
    await fg.indexFace({ collection: 'Signup_users.v2-eu', externalId: 'tenant-1:user_42.a', image: alice });
    expect(rekognition.requestsFor('IndexFaces')[0]?.body).toMatchObject({
      CollectionId: 'Signup_users.v2-eu',
      ExternalImageId: 'tenant-1:user_42.a',
    });
    const refused = await rejection(fg.indexFace({ collection: COLLECTION, externalId: 'a@b.c', image: alice }));
    expect(refused).toMatchObject({ code: 'invalid_input' });
    expect(rekognition.calls('IndexFaces')).toBe(1);
  });

  it('reports a missing collection as resource_not_found', async () => {
    const error = await rejection(awsFacegate().indexFace({ collection: 'missing', externalId: 'u', image: alice }));
    expect(error).toMatchObject({ code: 'resource_not_found', vendorCode: 'ResourceNotFoundException' });
  });
});
