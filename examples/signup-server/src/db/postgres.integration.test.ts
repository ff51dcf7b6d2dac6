// The signup server on a real PostgreSQL server, two instances sharing it, as
// in a deployment behind a load balancer. The scenario provider is shared too:
// it stands for the vendor's face collection, which both instances call.
import { createScenarioProvider } from '@facegate/core/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, uniqueFace } from '../test-harness';
import { type Database, openDatabase } from './database';
import { migrate } from './migrations';
import { findPostgresBin, startTempPostgres, type TempPostgres } from './temp-postgres';

const skip = process.env.FACEGATE_SKIP_POSTGRES_TESTS === '1';
if (!skip && !findPostgresBin()) {
  throw new Error(
    'PostgreSQL server binaries are missing: apt-get install -y postgresql-15 (or set FACEGATE_SKIP_POSTGRES_TESTS=1)',
  );
}

describe.skipIf(skip)('signup server on a real PostgreSQL, two instances', () => {
  let pg: TempPostgres;
  let dbA: Database;
  let dbB: Database;
  let a: TestServer;
  let b: TestServer;

  async function userCount(): Promise<number> {
    const rows = await dbA.query<{ n: string }>('SELECT count(*) AS n FROM users');
    return Number(rows[0]?.n);
  }

  beforeAll(async () => {
    pg = await startTempPostgres();
    dbA = await openDatabase({ databaseUrl: pg.url });
    dbB = await openDatabase({ databaseUrl: pg.url });
    // Some latency, like a real vendor: without it each search+index pair runs within one tick and races cannot happen.
    const scenario = createScenarioProvider({ latencyMs: 15 });
    [a, b] = await Promise.all([createTestServer({ db: dbA, scenario }), createTestServer({ db: dbB, scenario })]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([dbA?.close(), dbB?.close()]);
    await pg?.stop();
  });

  it('migrations ran once although both instances started together', async () => {
    const rows = await dbA.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => Number(r.version))).toEqual([1, 2]);
    expect(await Promise.all([migrate(dbA), migrate(dbB)])).toEqual([[], []]);
  });

  it('a signup started on one instance finishes on the other', async () => {
    const onA = a.client();
    expect((await onA.start()).status).toBe(201);
    expect((await onA.liveness()).body.outcome).toBe('pass');
    const onB = b.client();
    onB.cookie = onA.cookie;
    expect((await onB.document()).status).toBe(200);
    expect((await onB.post('/match')).body.outcome).toBe('pass');
    expect((await onB.post('/uniqueness')).body.outcome).toBe('pass');
    const before = await userCount();
    expect((await onB.register()).status).toBe(201);
    expect(await userCount()).toBe(before + 1);
  });

  it('one face racing to register on both instances gets exactly one account', async () => {
    const face = uniqueFace();
    const clients = [a.client(), b.client()];
    for (const c of clients) {
      await c.start();
      await c.liveness([face]);
      await c.document();
      await c.post('/match');
      expect((await c.post('/uniqueness')).body.outcome).toBe('pass');
    }
    const before = await userCount();
    const replies = await Promise.all(clients.map((c) => c.register()));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await userCount()).toBe(before + 1);
  });

  it('many different people signing up at once across both instances all get accounts', async () => {
    const before = await userCount();
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).client().signup(uniqueFace())),
    );
    expect(replies.map((r) => r.body.session?.status)).toEqual(Array(20).fill('completed'));
    expect(await userCount()).toBe(before + 20);
  });
});
