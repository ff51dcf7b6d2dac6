import { encodeEmbedding } from '@facegate/adapter-local';
import { describe, expect, it } from 'vitest';
import { startOrphanTemplateSweep } from '../retention/orphan-templates';
import { openDatabase } from './database';
import { MIGRATIONS } from './migrations';
import { TemplateRepository } from './template-repository';
import { UserRepository } from './user-repository';

const unit = (i: number) => {
  const v = new Float32Array(8);
  v[i] = 1;
  return v;
};

describe('template repository', () => {
  it('moves templates of the earlier bytea column into the searchable store once, and reports HNSW in health', async () => {
    const db = await openDatabase({ pgliteDataDir: 'memory' });
    try {
      // A database as the previous release left it: migrations 1–2, a template as bytes.
      await db.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
        for (const statement of m.sql
          .replace(/--[^\n]*/g, '')
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean))
          await db.query(statement);
        await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await db.query(
        `INSERT INTO face_templates (collection, face_id, external_id, template, model, created_at)
         VALUES ('people', 'f1', 'u1', decode($1, 'base64'), 'm8', now())`,
        [Buffer.from(encodeEmbedding(unit(2))).toString('base64')],
      );
      const repo = await TemplateRepository.open(db, { models: [{ model: 'm8', dimensions: 8 }] });
      expect(repo.health()).toMatchObject({
        status: 'ready',
        method: 'hnsw',
        extension: expect.stringMatching(/^vector /),
      });
      const found = await repo.search('people', { model: 'm8', embedding: unit(2) }, 3, 0.1);
      expect(found.matches).toEqual([{ faceId: 'f1', externalId: 'u1', distance: 0 }]);
      expect(await db.query('SELECT 1 FROM face_templates WHERE template IS NOT NULL')).toEqual([]);
      // Opening again (a restart) changes nothing.
      await TemplateRepository.open(db);
      expect((await repo.search('people', { model: 'm8', embedding: unit(2) }, 3, 0.1)).matches).toHaveLength(1);
      expect(await repo.remove('people', { externalIds: ['u1'] })).toEqual(['f1']);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('sweeps templates without an account once they are older than the age guard, and keeps the rest', async () => {
    const db = await openDatabase({ pgliteDataDir: 'memory' });
    try {
      const repo = await TemplateRepository.open(db, { models: [{ model: 'm8', dimensions: 8 }] });
      const userId = '6f1c1d3a-0b7e-4c1e-9d55-2f9a4c7e8b10';
      await new UserRepository(db).insert({
        id: userId,
        fullName: 'Ada',
        email: 'ada@example.org',
        phone: null,
        faceProvider: 'local',
        faceCollection: 'people',
        faceId: 'registered',
        signupSessionId: 's1',
        createdAt: new Date(),
      });
      const save = (faceId: string, externalId: string, i: number) =>
        repo.save({ collection: 'people', faceId, externalId, model: 'm8', embedding: unit(i) });
      await save('registered', userId, 0);
      await save('crashed', '0b0e7c55-5a1d-4f7e-8a39-6d2c1e9f3a21', 1);
      await save('in-flight', '9d4a2b61-3c5e-4f70-8b19-4e6f2a7c1d05', 2);
      // Another writer's collection in the same table: not the server's to judge, even when no user owns it.
      await repo.save({
        collection: 'other-app',
        faceId: 'foreign',
        externalId: '3e2a9c1b-7d4f-4a6e-9b05-1c8d2f6e4a73',
        model: 'm8',
        embedding: unit(3),
      });
      // The registration and the crashed one were indexed two hours ago; the in-flight one just now.
      await db.query(
        "UPDATE face_templates SET created_at = now() - interval '2 hours' WHERE face_id IN ('registered', 'crashed', 'foreign')",
      );
      const faces = async () =>
        (await db.query<{ face_id: string }>('SELECT face_id FROM face_templates ORDER BY face_id')).map(
          (r) => r.face_id,
        );
      // Sweeping a collection the user is not enrolled in: the user's id does not own templates there.
      await repo.save({
        collection: 'kiosk',
        faceId: 'kiosk-copy',
        externalId: userId,
        model: 'm8',
        embedding: unit(4),
      });
      await db.query("UPDATE face_templates SET created_at = now() - interval '2 hours' WHERE face_id = 'kiosk-copy'");
      expect(await repo.sweepOrphans([], 0)).toBe(0);
      expect(await repo.sweepOrphans(['people', 'kiosk'], 60 * 60_000)).toBe(2);
      expect(await faces()).toEqual(['foreign', 'in-flight', 'registered']);
      // The crashed face no longer blocks its owner; the registered one still does.
      expect((await repo.search('people', { model: 'm8', embedding: unit(1) }, 1, 0.1)).matches).toEqual([]);
      expect((await repo.search('people', { model: 'm8', embedding: unit(0) }, 1, 0.1)).matches).toHaveLength(1);
      // The start-up sweep with a zero age guard takes the in-flight one too (nothing else).
      const logged: unknown[] = [];
      const logger = { info: (o: unknown) => logged.push(o), error: () => {} } as never;
      const stop = startOrphanTemplateSweep(repo, ['people'], logger, 60_000, 0);
      await expect.poll(faces).toEqual(['foreign', 'registered']);
      stop();
      expect(logged).toEqual([{ removed: 1 }]);
      await expect(repo.sweepOrphans(['people'], -1)).rejects.toThrow(RangeError);
    } finally {
      await db.close();
    }
  }, 60_000);
});
