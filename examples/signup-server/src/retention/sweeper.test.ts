import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFromToken } from '../flow/signup-flow';
import { createTestServer, type TestServer } from '../test-harness';
import { startSweeper, sweepExpired } from './sweeper';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ env: { SIGNUP_SESSION_TTL_S: '600' } });
}, 60_000);
afterAll(() => server?.close());

async function mediaOf(sessionId: string): Promise<string[]> {
  const rows = await server.db.query<{ kind: string }>('SELECT kind FROM signup_media WHERE session_id = $1', [
    sessionId,
  ]);
  return rows.map((r) => r.kind).sort();
}

const tokens = new Map<string, string>();
async function tokenOf(id: string): Promise<string> {
  return tokens.get(id) ?? '';
}

/** A signup abandoned after liveness: the live reference image is stored. */
async function abandonedAfterLiveness(): Promise<string> {
  const client = server.client();
  await client.start();
  expect((await client.liveness()).body.outcome).toBe('pass');
  const token = client.cookie.replace('fg_signup=', '');
  const id = sessionIdFromToken(decodeURIComponent(token));
  tokens.set(id, token);
  expect(await mediaOf(id)).toEqual(['reference']);
  return id;
}

describe('retention sweeper', () => {
  it('keeps an abandoned signup and its media until the session expires, then deletes both', async () => {
    const id = await abandonedAfterLiveness();
    const session = await server.sessions.find(id);
    if (!session) throw new Error('session missing');
    const expiry = new Date(session.expiresAt);
    await sweepExpired(server.sessions, server.media, new Date(expiry.getTime() - 1_000));
    expect(await mediaOf(id)).toEqual(['reference']);
    expect(await server.sessions.find(id)).toBeDefined();

    const removed = await sweepExpired(server.sessions, server.media, new Date(expiry.getTime() + 1_000));
    expect(removed.media).toBeGreaterThanOrEqual(1);
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(await mediaOf(id)).toEqual([]);
    expect(await server.sessions.find(id)).toBeUndefined();
  });

  it('a finished signup holds no biometric media even before any sweep', async () => {
    const client = server.client();
    const reply = await client.signup();
    expect(reply.body.session.status).toBe('completed');
    const id = sessionIdFromToken(decodeURIComponent(client.cookie.replace('fg_signup=', '')));
    expect(await mediaOf(id)).toEqual([]);
  });

  it('cancelling a signup deletes its media at once and closes it', async () => {
    const id = await abandonedAfterLiveness();
    const client = server.client();
    client.cookie = `fg_signup=${await tokenOf(id)}`;
    const reply = await client.request('DELETE', '/api/signup/sessions/current');
    expect(reply.status).toBe(200);
    expect(reply.body.session.status).toBe('failed');
    expect(await mediaOf(id)).toEqual([]);
    expect((await client.document()).status).toBe(409);
    // A second cancel changes nothing.
    expect((await client.request('DELETE', '/api/signup/sessions/current')).body.session.status).toBe('failed');
  });

  it('runs on its own timer and logs what it removed', async () => {
    const id = await abandonedAfterLiveness();
    // Make this session already expired, then let the timer fire.
    await server.db.query(`UPDATE signup_sessions SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await server.db.query(`UPDATE signup_media SET expires_at = now() - interval '1 minute' WHERE session_id = $1`, [
      id,
    ]);
    const logged: unknown[] = [];
    const logger = { debug() {}, info: (f: unknown) => logged.push(f), warn() {}, error() {} };
    const stop = startSweeper(server.sessions, server.media, 20, logger);
    try {
      await expect.poll(() => mediaOf(id), { timeout: 5_000 }).toEqual([]);
      await expect.poll(() => logged.length, { timeout: 5_000 }).toBeGreaterThan(0);
    } finally {
      stop();
    }
    expect(await server.sessions.find(id)).toBeUndefined();
  });
});
