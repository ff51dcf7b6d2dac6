import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsonFileTemplateStore } from './json-file-template-store';

const dir = mkdtempSync(join(tmpdir(), 'facegate-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JSON file template store', () => {
  it('starts empty when the file does not exist, and creates it (mode 0600) on the first save', async () => {
    const path = join(dir, 'nested', 'a.json');
    const store = createJsonFileTemplateStore(path);
    expect(await store.list('users')).toEqual([]);
    await store.save({ collection: 'users', faceId: 'f1', externalId: 'u1', model: 'm@1' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 'facegate-template-store', version: 1 });
  });

  it('round-trips typed-array embeddings and keeps collections apart', async () => {
    const path = join(dir, 'b.json');
    const a = createJsonFileTemplateStore(path);
    const embedding = Float32Array.from([0.25, -0.5, 1.5]);
    await a.save({ collection: 'users', faceId: 'f1', externalId: 'u1', embedding });
    await a.save({ collection: 'staff', faceId: 'f2', externalId: 'u2', embedding: [1, 2] });
    // A second instance (another CLI run) sees what the first saved.
    const b = createJsonFileTemplateStore(path);
    const [users] = await b.list('users');
    expect(users?.embedding).toBeInstanceOf(Float32Array);
    expect(Array.from(users?.embedding as Float32Array)).toEqual([0.25, -0.5, 1.5]);
    expect((await b.list('staff')).map((t) => t.faceId)).toEqual(['f2']);
  });

  it('replaces a template with the same face id', async () => {
    const store = createJsonFileTemplateStore(join(dir, 'c.json'));
    await store.save({ collection: 'users', faceId: 'f1', externalId: 'old' });
    await store.save({ collection: 'users', faceId: 'f1', externalId: 'new' });
    expect((await store.list('users')).map((t) => t.externalId)).toEqual(['new']);
  });

  it('removes by external id or face id within one collection, and returns the removed face ids', async () => {
    const store = createJsonFileTemplateStore(join(dir, 'd.json'));
    for (const [faceId, externalId, collection] of [
      ['f1', 'u1', 'users'],
      ['f2', 'u1', 'users'],
      ['f3', 'u2', 'users'],
      ['f4', 'u1', 'staff'],
    ] as const)
      await store.save({ collection, faceId, externalId });
    expect(await store.remove('users', { externalIds: ['u1'] })).toEqual(['f1', 'f2']);
    expect(await store.remove('users', { faceIds: ['f3', 'nope'] })).toEqual(['f3']);
    expect(await store.remove('users', {})).toEqual([]);
    expect((await store.list('staff')).map((t) => t.faceId)).toEqual(['f4']);
  });

  it.each([
    ['not JSON', '{oops', /is not valid JSON/],
    ['another JSON file', '{"files": {}}', /is not a facegate template store/],
    [
      'a template without ids',
      '{"format":"facegate-template-store","version":1,"templates":[{"collection":"x"}]}',
      /is not a facegate template store/,
    ],
  ])('refuses %s with a store_error', async (_name, text, message) => {
    const path = join(dir, `bad-${Math.random()}.json`);
    writeFileSync(path, text);
    await expect(createJsonFileTemplateStore(path).list('x')).rejects.toMatchObject({
      code: 'store_error',
      exitCode: 3,
      message: expect.stringMatching(message),
    });
  });
});
