import { describe, expect, it } from 'vitest';
import { createMemoryTemplateStore, decodeEmbedding, encodeEmbedding } from './template-store';

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

describe('memory template store', () => {
  const t = (faceId: string, externalId: string, collection = 'c') => ({
    collection,
    faceId,
    externalId,
    embedding: new Float32Array([1, 2]),
    model: 'm',
  });

  it('lists per collection, removes by external id or face id, and hands out copies', async () => {
    const store = createMemoryTemplateStore();
    await store.save(t('f1', 'p1'));
    await store.save(t('f2', 'p1'));
    await store.save(t('f3', 'p2'));
    await store.save(t('f4', 'p1', 'other'));
    const listed = await store.list('c');
    expect(listed.map((x) => x.faceId)).toEqual(['f1', 'f2', 'f3']);
    (listed[0] as { embedding: Float32Array }).embedding[0] = 99;
    expect((await store.list('c'))[0]?.embedding[0]).toBe(1);
    expect(await store.remove('c', { externalIds: ['p1'] })).toBe(2);
    expect(await store.remove('c', { faceIds: ['f3', 'nope'] })).toBe(1);
    expect(await store.list('c')).toEqual([]);
    expect((await store.list('other')).map((x) => x.faceId)).toEqual(['f4']);
  });
});
