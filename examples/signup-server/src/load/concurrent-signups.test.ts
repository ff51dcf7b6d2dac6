// Many people at once on one instance and the embedded database: every signup
// ends in exactly one state, accounts match completed signups, nothing leaks.
import { createScenarioProvider } from '@facegate/core/scenario';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, uniqueFace } from '../test-harness';

describe('200 concurrent signups (scenario provider, embedded database)', () => {
  let server: TestServer;
  const count = async (sql: string) => Number((await server.db.query<{ n: string }>(sql))[0]?.n);

  beforeAll(async () => {
    // A little latency per vendor call so requests really interleave.
    // Deadlines are not under test here: on a busy 2-core machine 200 queued signups take a while.
    const long = '3600';
    server = await createTestServer({
      scenario: createScenarioProvider({ latencyMs: 5 }),
      env: Object.fromEntries(
        ['LIVENESS', 'DOCUMENT', 'MATCH', 'UNIQUENESS', 'REGISTER'].map((s) => [`SIGNUP_${s}_DEADLINE_S`, long]),
      ),
    });
  }, 60_000);
  afterAll(() => server?.close());

  it('all distinct people register; every duplicate of one face but one is refused', async () => {
    const usersBefore = await count('SELECT count(*) AS n FROM users');
    const twin = uniqueFace();
    const people = Array.from({ length: 190 }, () => uniqueFace());
    const replies = await Promise.all([
      ...people.map((face) => server.client().signup(face)),
      ...Array.from({ length: 10 }, () => server.client().signup(twin)),
    ]);
    const statuses = replies.map(
      (r) => r.body.session?.status ?? `http ${r.status} ${r.body.error?.code ?? r.body.outcome}`,
    );
    expect(statuses.slice(0, 190)).toEqual(Array(190).fill('completed'));
    // The ten twins: one account; the others stop at the uniqueness step or at registration.
    const twins = statuses.slice(190);
    expect(twins.filter((s) => s === 'completed')).toHaveLength(1);
    expect(await count('SELECT count(*) AS n FROM users')).toBe(usersBefore + 191);
    // Completed signups keep no biometric media.
    expect(
      await count(
        `SELECT count(*) AS n FROM signup_media m JOIN signup_sessions s ON s.id = m.session_id WHERE s.status = 'completed'`,
      ),
    ).toBe(0);
  }, 240_000);
});
