import { createFacegate, FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import type { DescribedFace, FaceEngine } from '../engine/face-engine';
import { fivePointsFrom68 } from '../engine/face-landmarks';
import { createLocalProvider } from '../local-provider';
import { createMemoryTemplateStore } from '../search/template-store';
import { syntheticLandmarks } from '../testing';

const unit = (axis: number) => {
  const v = new Float32Array(8);
  v[axis] = 1;
  return v;
};
/** A face of the given box height and detector score whose embedding points along `axis`. */
function face(height: number, score: number, axis: number): DescribedFace {
  const landmarks = syntheticLandmarks({ center: [300, 200], scale: height / 2.5 });
  return {
    box: { x: 300 - height / 2, y: 200 - height / 2, width: height * 0.8, height },
    score,
    landmarks,
    landmarks5: fivePointsFrom68(landmarks),
    pose: null,
    eyes: null,
    antiSpoof: null,
    descriptor: unit(axis),
  };
}
/** An engine whose images each hold the faces listed for them, in the order given (not sorted). */
function engineWith(perCall: DescribedFace[][]): FaceEngine {
  let call = 0;
  return {
    model: 'stub-model-1',
    embeddingLength: 8,
    warmUp: async () => undefined,
    state: () => 'ready',
    analyzeFrame: async () => ({ faces: [] }),
    describeFaces: async () => perCall[call++ % perCall.length] ?? [],
    describeAt: async () => unit(0),
  };
}
const photo = readFixture('faces/obama-1.jpg');

describe('compareFaces picks the most confident face, not the largest', () => {
  it('compares the confident small face although a larger, weaker face is first', async () => {
    // Source: one face (axis 0). Target: a big low-score face of someone else listed first, the person (axis 0) second.
    const provider = createLocalProvider({
      engine: engineWith([[face(200, 0.95, 0)], [face(400, 0.75, 1), face(150, 0.99, 0)]]),
    });
    const result = await createFacegate({ provider }).compareFaces({ source: photo, target: photo });
    expect(result.similarity).toBeGreaterThan(0.99);
    expect(result.isMatch).toBe(true);
    // The weak face does not count as a second face.
    expect(result.faces).toEqual({ source: 1, target: 1 });
    expect(result.decision.reasons).not.toContain('multiple_faces');
  });

  it('reports multiple_faces when a second face is clear and large enough, and matches the confident one', async () => {
    const provider = createLocalProvider({
      engine: engineWith([[face(200, 0.95, 0)], [face(180, 0.97, 1), face(190, 0.99, 0)]]),
    });
    const result = await createFacegate({ provider }).compareFaces({ source: photo, target: photo });
    expect(result.faces.target).toBe(2);
    expect(result.decision.reasons).toContain('multiple_faces');
    expect(result.similarity).toBeGreaterThan(0.99);
  });

  it('ignores a small background face (a painting, a badge) for multiple_faces', async () => {
    const provider = createLocalProvider({ engine: engineWith([[face(200, 0.98, 0), face(60, 0.95, 1)]]) });
    const result = await createFacegate({ provider }).compareFaces({ source: photo, target: photo });
    expect(result.faces).toEqual({ source: 1, target: 1 });
  });
});

describe('templates of another model', () => {
  it('refuses to search a collection holding them, with a re-enrol error, and never compares them', async () => {
    const store = createMemoryTemplateStore();
    await store.save({
      collection: 'people',
      faceId: 'old-1',
      externalId: 'alice',
      embedding: new Float32Array(128).fill(0.1),
      model: 'face-api@1.7.15/face_recognition_model',
    });
    const provider = createLocalProvider({ engine: engineWith([[face(200, 0.95, 0)]]), templateStore: store });
    const client = createFacegate({ provider, resilience: { maxRetries: 0 } });
    const error = await client.searchFaces({ collection: 'people', image: photo }).catch((e: unknown) => e);
    expect(FacegateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'provider_error', retryable: false, vendorCode: 'TemplateModelMismatch' });
    expect((error as Error).message).toMatch(/re-enrol/);
    expect((error as FacegateError).details).toMatchObject({ staleTemplates: 1, engineModel: 'stub-model-1' });
  });

  it('searches normally once only this model’s templates remain', async () => {
    const store = createMemoryTemplateStore();
    const provider = createLocalProvider({ engine: engineWith([[face(200, 0.95, 0)]]), templateStore: store });
    const client = createFacegate({ provider });
    await client.indexFace({ collection: 'people', externalId: 'bob', image: photo });
    const found = await client.searchFaces({ collection: 'people', image: photo });
    expect(found.matches.map((m) => m.externalId)).toEqual(['bob']);
    const probe = { model: 'stub-model-1', embedding: new Float32Array(8) };
    expect((await store.search('people', probe, 5, 2)).matches.map((m) => m.externalId)).toEqual(['bob']);
    expect((await store.search('people', { ...probe, model: 'other' }, 5, 2)).otherModels).toEqual([
      { model: 'stub-model-1', templates: 1 },
    ]);
  });
});
