import { encodeEmbedding } from '@facegate/adapter-local';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { MIGRATIONS } from './migrations';
import { TemplateRepository } from './template-repository';

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
});
