import { describe, expect, it } from 'vitest';
import { createMemoryTemplateStore, decodeEmbedding, encodeEmbedding, type FaceTemplate } from './template-store';

describe('embedding bytes', () => {
  it('round-trips a descriptor through bytes exactly', () => {
    const e = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i) * 0.3);
    const bytes = encodeEmbedding(e);
    expect(bytes.byteLength).toBe(512);
    expect(decodeEmbedding(bytes)).toEqual(e);
    expect(decodeEmbedding(bytes.subarray(4, 12))).toEqual(e.subarray(1, 3));
  });

  it('refuses bytes that are not whole floats', () => {
    expect(() => decodeEmbedding(new Uint8Array(7))).toThrow(RangeError);
  });
});

/** A unit vector in the x/y plane at `degrees` from the x axis (cosine distance 1 − cos). */
const at = (degrees: number, length = 4) => {
  const v = new Float32Array(length);
  v[0] = Math.cos((degrees * Math.PI) / 180);
  v[1] = Math.sin((degrees * Math.PI) / 180);
  return v;
};
const t = (faceId: string, externalId: string, degrees: number, extra: Partial<FaceTemplate> = {}): FaceTemplate => ({
  collection: 'c',
  faceId,
  externalId,
  embedding: at(degrees),
  model: 'm',
  ...extra,
});
const probe = { model: 'm', embedding: at(0) };

describe('memory template store', () => {
  it('returns the k nearest within the distance, nearest first, ids and distances only', async () => {
    const store = createMemoryTemplateStore();
    for (const x of [t('f60', 'p60', 60), t('f10', 'p10', 10), t('f30', 'p30', 30), t('f90', 'p90', 90)])
      await store.save(x);
    const found = await store.search('c', probe, 2, 0.5);
    expect(found.matches.map((m) => m.faceId)).toEqual(['f10', 'f30']);
    expect(found.matches[0]?.distance).toBeCloseTo(1 - Math.cos(Math.PI / 18), 6);
    expect(Object.keys(found.matches[0] ?? {}).sort()).toEqual(['distance', 'externalId', 'faceId']);
    expect((await store.search('c', probe, 10, 0.5)).matches.map((m) => m.faceId)).toEqual(['f10', 'f30', 'f60']);
    expect((await store.search('c', probe, 0, 2)).matches).toEqual([]);
    expect((await store.search('other', probe, 5, 2)).matches).toEqual([]);
  });

  it('never compares templates of another model or length, and counts them', async () => {
    const store = createMemoryTemplateStore();
    await store.save(t('same', 'a', 0));
    await store.save(t('old', 'b', 0, { model: 'old-model' }));
    await store.save(t('short', 'c', 0, { embedding: at(0, 2) }));
    const found = await store.search('c', probe, 5, 2);
    expect(found.matches.map((m) => m.faceId)).toEqual(['same']);
    expect(found.otherModels).toEqual([
      { model: 'm', templates: 1 },
      { model: 'old-model', templates: 1 },
    ]);
  });

  it('replaces a face id on save, removes by external id or face id, keeps copies', async () => {
    const store = createMemoryTemplateStore();
    const mine = t('f1', 'p1', 0);
    await store.save(mine);
    mine.embedding[0] = -1;
    expect((await store.search('c', probe, 5, 0.01)).matches.map((m) => m.faceId)).toEqual(['f1']);
    await store.save(t('f1', 'p1', 90));
    expect((await store.search('c', probe, 5, 0.5)).matches).toEqual([]);
    await store.save(t('f2', 'p1', 0));
    await store.save(t('f3', 'p2', 0));
    expect((await store.remove('c', { externalIds: ['p1'] })).sort()).toEqual(['f1', 'f2']);
    expect(await store.remove('c', { faceIds: ['f3', 'nope'] })).toEqual(['f3']);
    expect((await store.search('c', probe, 5, 2)).matches).toEqual([]);
  });
});
