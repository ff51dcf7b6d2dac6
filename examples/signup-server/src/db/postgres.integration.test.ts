// The signup server on a real PostgreSQL server, two instances sharing it, as
// in a deployment behind a load balancer. The scenario provider is shared too:
// it stands for the vendor's face collection, which both instances call.
import { createLocalProvider, EMBEDDING_LENGTH, RECOGNITION_MODEL } from '@facegate/adapter-local';
import { createScenarioProvider } from '@facegate/core/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, fastClient, type TestServer, uniqueFace } from '../test-harness';
import { type Database, openDatabase } from './database';
import { migrate } from './migrations';
import { LockTimeoutError, RegistrationLock } from './registration-lock';
import { findPostgresBin, startTempPostgres, type TempPostgres } from './temp-postgres';
import { TemplateRepository } from './template-repository';

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
    expect(rows.map((r) => Number(r.version))).toEqual([1, 2, 3]);
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

  it('the registration lock is held across instances, outside any transaction, and freed when its holder ends', async () => {
    const [lockA, lockB] = [new RegistrationLock(dbA, 200), new RegistrationLock(dbB, 200)];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const held = lockA.hold('lock-test', async () => {
      // Not a transaction: the holder's connection is idle, not "idle in transaction".
      const states = await dbA.query<{ state: string }>(
        "SELECT state FROM pg_stat_activity WHERE pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)",
      );
      entered();
      await gate;
      return states.map((r) => r.state);
    });
    await holding;
    await expect(lockB.hold('lock-test', async () => 'got it')).rejects.toBeInstanceOf(LockTimeoutError);
    // Another collection's lock is independent.
    expect(await lockB.hold('another-collection', async () => 'free')).toBe('free');
    open();
    expect(await held).toEqual(['idle']);
    expect(await lockB.hold('lock-test', async () => 'got it')).toBe('got it');
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

describe.skipIf(skip)('offline engine duplicate search in PostgreSQL, two instances', () => {
  let pg: TempPostgres;
  let dbs: Database[] = [];
  let servers: TestServer[] = [];
  let stores: TemplateRepository[] = [];

  beforeAll(async () => {
    pg = await startTempPostgres();
    dbs = await Promise.all([openDatabase({ databaseUrl: pg.url }), openDatabase({ databaseUrl: pg.url })]);
    await Promise.all(dbs.map((db) => migrate(db)));
    // Both instances open the store at once, as two servers starting together would.
    stores = await Promise.all(
      dbs.map((db) =>
        TemplateRepository.open(db, { models: [{ model: RECOGNITION_MODEL, dimensions: EMBEDDING_LENGTH }] }),
      ),
    );
    const engine = fastClient(createLocalProvider({ templateStore: stores[0] }));
    await engine.warmUp();
    const scenario = createScenarioProvider({ latencyMs: 15 });
    servers = await Promise.all(
      dbs.map((db, i) =>
        createTestServer({
          db,
          scenario,
          templates: stores[i],
          search: fastClient(createLocalProvider({ templateStore: stores[i] })),
        }),
      ),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(dbs.map((db) => db.close()));
    await pg?.stop();
  });

  const count = async (sql: string) => Number((await dbs[0]?.query<{ n: string }>(sql))?.[0]?.n);

  it('without pgvector the search runs inside the database (signature shortlist, exact distances), and /api/health says so', async () => {
    expect(stores.map((s) => s.health())).toEqual([
      { status: 'ready', method: 'exact', extension: expect.stringMatching(/^cube /), exactShortlist: 500 },
      { status: 'ready', method: 'exact', extension: expect.stringMatching(/^cube /), exactShortlist: 500 },
    ]);
    const health = await (servers[0] as TestServer).app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json().templateSearch).toMatchObject({ status: 'ready', method: 'exact' });
  });

  it('one face racing to register on both instances gets exactly one account and one template', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const clients = [a.client(), b.client()];
    for (const c of clients) {
      await c.start();
      await c.liveness([uniqueFace('obama-1.jpg')]);
      await c.document(uniqueFace('obama-2.jpg'));
      await c.post('/match');
      expect((await c.post('/uniqueness')).body.outcome).toBe('pass');
    }
    const users = await count('SELECT count(*) AS n FROM users');
    const replies = await Promise.all(clients.map((c) => c.register()));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count('SELECT count(*) AS n FROM users')).toBe(users + 1);
    expect(await count('SELECT count(*) AS n FROM face_templates')).toBe(1);
    // The template belongs to the account that registered.
    const joined = await (dbs[0] as Database).query<{ user: string }>(
      'SELECT u.id::text AS user FROM users u JOIN face_templates t ON t.external_id = u.id::text AND t.face_id = u.face_id',
    );
    expect(joined).toHaveLength(1);

    // The same person again, on either instance, is now a duplicate already at the uniqueness step.
    const again = b.client();
    await again.start();
    await again.liveness([uniqueFace('obama-3.jpg')]);
    await again.document(uniqueFace('obama-2.jpg'));
    await again.post('/match');
    expect((await again.post('/uniqueness')).body.outcome).not.toBe('pass');
  }, 120_000);

  it('another person still registers, and their template sits beside the first', async () => {
    const c = (servers[1] as TestServer).client();
    await c.start();
    await c.liveness([uniqueFace('biden-1.jpg')]);
    await c.document(uniqueFace('biden-2.jpg'));
    await c.post('/match');
    expect((await c.post('/uniqueness')).body.outcome).toBe('pass');
    expect((await c.register()).status).toBe(201);
    expect(await count('SELECT count(*) AS n FROM face_templates')).toBe(2);
  }, 120_000);
});
