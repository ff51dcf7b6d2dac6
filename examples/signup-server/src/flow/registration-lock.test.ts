// The registration's critical section: the vendor/engine calls under the
// registration lock run outside any database transaction, so a slow vendor
// never stalls other signups (on PGlite a transaction holds the only session).
import type { Facegate } from '@facegate/core';
import { createScenarioProvider } from '@facegate/core/scenario';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { transactionScope } from '../db/database';
import { RegistrationLock } from '../db/registration-lock';
import { createTestServer, fastClient, type SignupClient, type TestServer, uniqueFace } from '../test-harness';

type Call = 'searchFaces' | 'indexFace' | 'removeFaces';

/** The scenario client with hooks around its collection calls: what to run before each, and a log of them. */
function instrumented(real: Facegate) {
  const log: { call: Call | `${Call}:done`; inTransaction: boolean }[] = [];
  const before: Partial<Record<Call, (args: unknown) => Promise<void>>> = {};
  const client = new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === 'searchFaces' || property === 'indexFace' || property === 'removeFaces') {
        return async (args: unknown) => {
          log.push({ call: property, inTransaction: transactionScope.getStore() !== undefined });
          await before[property]?.(args);
          const result = await value.call(target, args);
          log.push({ call: `${property}:done`, inTransaction: false });
          return result;
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client, log, before };
}

let server: TestServer;
let search: ReturnType<typeof instrumented>;
beforeAll(async () => {
  const scenario = createScenarioProvider();
  search = instrumented(fastClient(scenario));
  server = await createTestServer({ scenario, search: search.client });
});
afterAll(() => server.close());

/** A signup brought to the register step. */
async function atRegister(): Promise<SignupClient> {
  const c = server.client();
  await c.start();
  expect((await c.liveness([uniqueFace()])).body.outcome).toBe('pass');
  expect((await c.document()).body.outcome).toBe('pass');
  expect((await c.post('/match')).body.outcome).toBe('pass');
  expect((await c.post('/uniqueness')).body.outcome).toBe('pass');
  return c;
}

describe('registration critical section', () => {
  it('runs the duplicate search and the index outside any database transaction', async () => {
    const c = await atRegister();
    search.log.length = 0;
    expect((await c.register()).status).toBe(201);
    const calls = search.log.filter((e) => e.call === 'searchFaces' || e.call === 'indexFace');
    expect(calls.map((e) => e.call)).toEqual(['searchFaces', 'indexFace']);
    expect(calls.every((e) => !e.inTransaction)).toBe(true);
  });

  it('lets other signups proceed while a registration waits on a slow vendor, and queues the next registration', async () => {
    const first = await atRegister();
    const second = server.client();
    let entered!: () => void;
    const inVendor = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    // Only the first registration's re-check waits at the gate.
    search.before.searchFaces = async () => {
      search.before.searchFaces = undefined;
      entered();
      await gate;
    };
    const holds = vi.spyOn(RegistrationLock.prototype, 'hold');
    try {
      search.log.length = 0;
      const registering = first.register();
      await inVendor;

      // The first registration holds the lock inside a vendor call; another signup still gets every answer.
      expect((await second.start()).status).toBe(201);
      expect((await second.get('/sessions/current')).status).toBe(200);
      expect((await second.liveness([uniqueFace()])).body.outcome).toBe('pass');
      expect((await second.document()).body.outcome).toBe('pass');
      expect((await second.post('/match')).body.outcome).toBe('pass');
      expect((await second.post('/uniqueness')).body.outcome).toBe('pass');
      expect((await first.get('/sessions/current')).body.session).toMatchObject({ step: 'register' });

      // The second registration reaches the lock and waits there.
      const callsBefore = holds.mock.calls.length;
      const secondRegistering = second.register();
      while (holds.mock.calls.length === callsBefore) await new Promise((r) => setImmediate(r));
      open();
      const [a, b] = await Promise.all([registering, secondRegistering]);
      expect([a.status, b.status]).toEqual([201, 201]);

      // The first's re-check (held) and index finished before the second's re-check began.
      expect(search.log.map((e) => e.call)).toEqual([
        'searchFaces', // first: re-check under the lock, held at the gate
        'searchFaces', // second: uniqueness step, answered meanwhile
        'searchFaces:done',
        'searchFaces:done', // first: gate opened
        'indexFace',
        'indexFace:done',
        'searchFaces', // second: re-check, only now that the first left the lock
        'searchFaces:done',
        'indexFace',
        'indexFace:done',
      ]);
    } finally {
      search.before.searchFaces = undefined;
      holds.mockRestore();
      open();
    }
  });

  it('removes the indexed face when the registration transaction fails', async () => {
    const face = uniqueFace();
    const c = server.client();
    await c.start();
    await c.liveness([face]);
    await c.document();
    await c.post('/match');
    await c.post('/uniqueness');
    const email = `race-${Date.now()}@example.org`;
    // While the face is indexed, another instance registers the same email: the transaction's re-check refuses.
    search.before.indexFace = async () => {
      search.before.indexFace = undefined;
      await server.db.query(
        `INSERT INTO users (id, full_name, email, phone, face_provider, face_collection, face_id, signup_session_id, created_at)
         VALUES (gen_random_uuid(), 'Other', $1, NULL, 'scenario', 'x', 'x', $2, now())`,
        [email, `other-${Date.now()}`],
      );
    };
    search.log.length = 0;
    const reply = await c.register({ fullName: 'Ada Lovelace', email });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('email_taken');
    expect(search.log.map((e) => e.call)).toContain('removeFaces');
    // The face was removed: the same person can register (under another email) rather than being a duplicate.
    expect((await c.register()).status).toBe(201);
  });
});
