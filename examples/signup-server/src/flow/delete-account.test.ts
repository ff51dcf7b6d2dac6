import { randomUUID } from 'node:crypto';
import { createLocalProvider, type FaceEngine } from '@facegate/adapter-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { TemplateRepository } from '../db/template-repository';
import { UserRepository } from '../db/user-repository';
import { assembleFlowProviders } from '../providers/flow-providers';
import { fastClient, sharedDatabase } from '../test-harness';
import { deleteAccount } from './delete-account';

// Removing faces needs no model: an engine that must never be called.
const noEngine = {
  model: 'm8',
  embeddingLength: 8,
  state: () => 'ready',
} as unknown as FaceEngine;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const unit = () => Float32Array.from({ length: 8 }, (_, i) => (i === 3 ? 1 : 0));

let db: Database;
let templates: TemplateRepository;
let users: UserRepository;
beforeAll(async () => {
  db = await sharedDatabase();
  templates = await TemplateRepository.open(db);
  users = new UserRepository(db);
}, 60_000);
afterAll(() => db?.close());

async function registered(collection: string) {
  const id = randomUUID();
  const faceId = randomUUID();
  await templates.save({ collection, faceId, externalId: id, model: 'm8', embedding: unit() });
  await users.insert({
    id,
    fullName: 'Ada',
    email: `${id}@example.org`,
    phone: null,
    faceProvider: 'local',
    faceCollection: collection,
    faceId,
    signupSessionId: `s-${id}`,
    createdAt: new Date(),
  });
  return { id, faceId };
}

const templateCount = async (collection: string) =>
  (await templates.search(collection, { model: 'm8', embedding: unit() }, 10, 2)).matches.length;

describe('deleting an account', () => {
  it('removes the user and the offline engine template in one transaction', async () => {
    const search = fastClient(createLocalProvider({ engine: noEngine, templateStore: templates }));
    const providers = assembleFlowProviders(search, search);
    const collection = `delete-${Date.now()}`;
    const { id } = await registered(collection);
    const other = await registered(collection);
    expect(await deleteAccount({ db, users, providers, logger: silent }, id)).toBe(true);
    expect(await templateCount(collection)).toBe(1);
    expect(await users.remove(id)).toBeUndefined();
    expect(await deleteAccount({ db, users, providers, logger: silent }, id)).toBe(false);
    expect(other.id).not.toBe(id);
  });

  it('keeps both when the template cannot be removed (rolled back together)', async () => {
    const failing = { ...templates, remove: async () => Promise.reject(new Error('disk full')) } as never;
    const search = fastClient(createLocalProvider({ engine: noEngine, templateStore: failing }));
    const providers = assembleFlowProviders(search, search);
    const collection = `delete-fail-${Date.now()}`;
    const { id } = await registered(collection);
    await expect(deleteAccount({ db, users, providers, logger: silent }, id)).rejects.toThrow();
    expect(await templateCount(collection)).toBe(1);
    expect((await db.query('SELECT 1 FROM users WHERE id = $1', [id])).length).toBe(1);
  });
});
