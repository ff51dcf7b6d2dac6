import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { sessionIdFromToken } from '../flow/signup-flow';
import { b64, createTestServer, type SignupClient, type TestServer, uniqueFace } from '../test-harness';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ env: { SIGNUP_MAX_CHALLENGES: '5' } });
});
afterAll(() => server.close());

const users = () => server.users.count();

/** A client whose signup has passed the checks up to (not including) `step`. */
async function at(step: 'liveness' | 'document' | 'match' | 'uniqueness' | 'register'): Promise<SignupClient> {
  const client = server.client();
  await client.start();
  if (step === 'liveness') return client;
  await client.liveness();
  if (step === 'document') return client;
  await client.document();
  if (step === 'match') return client;
  await client.post('/match');
  if (step === 'uniqueness') return client;
  await client.post('/uniqueness');
  return client;
}

// Each case: an attack, and what the server must answer. None may create a registration.
describe('attack suite: nothing here creates a registration it should not', () => {
  let before = 0;
  beforeAll(async () => {
    before = await users();
  });
  afterAll(async () => {
    // Only the legitimate registrations made inside the cases below may exist.
    expect(await users()).toBe(before + legitimate);
  });
  let legitimate = 0;

  it('1. forged verdict fields in the frames body are refused by the schema', async () => {
    const client = await at('liveness');
    const challenge = await client.post('/liveness/challenge');
    const reply = await client.post('/liveness/frames', {
      nonce: challenge.body.challenge.nonce,
      frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }],
      isLive: true,
      decision: 'pass',
    });
    expect(reply.status).toBe(400);
    expect((await client.get('/sessions/current')).body.session.step).toBe('liveness');
  });

  it('2. forged verification flags in the registration body are refused', async () => {
    const client = await at('liveness');
    const reply = await client.register({
      fullName: 'Mallory',
      email: 'm@example.org',
      verified: true,
      livenessPassed: true,
    });
    expect(reply.status).toBe(400);
  });

  it('3. skipping liveness: the document step is refused', async () => {
    const client = await at('liveness');
    const reply = await client.document();
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({ code: 'out_of_order', details: { expectedStep: 'liveness' } });
  });

  it('4. skipping every check: registration right after start is refused', async () => {
    const reply = await (await at('liveness')).register();
    expect(reply.body.error.code).toBe('out_of_order');
  });

  it('5. skipping the face match: uniqueness after the document is refused', async () => {
    expect((await (await at('match')).post('/uniqueness')).body.error.code).toBe('out_of_order');
  });

  it('6. skipping uniqueness: registration after the match is refused', async () => {
    expect((await (await at('uniqueness')).register()).body.error.code).toBe('out_of_order');
  });

  it('7. replaying the same frames and nonce after a pass is refused', async () => {
    const client = await at('liveness');
    const challenge = await client.post('/liveness/challenge');
    const body = { nonce: challenge.body.challenge.nonce, frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }] };
    expect((await client.post('/liveness/frames', body)).body.outcome).toBe('pass');
    expect((await client.post('/liveness/frames', body)).status).toBe(409);
  });

  it('8. replaying a nonce after a failed attempt is refused (nonces are single-use)', async () => {
    const client = await at('liveness');
    server.scenario.script.arrange('liveness.media', { type: 'liveness', verdict: 'spoof', confidence: 0.01 });
    const challenge = await client.post('/liveness/challenge');
    const body = { nonce: challenge.body.challenge.nonce, frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }] };
    await client.post('/liveness/frames', body);
    server.scenario.script.reset();
    expect((await client.post('/liveness/frames', body)).body.error.code).toBe('challenge_required');
  });

  it("9. another session's nonce is useless", async () => {
    const victim = await at('liveness');
    const attacker = await at('liveness');
    const victimChallenge = await victim.post('/liveness/challenge');
    await attacker.post('/liveness/challenge');
    const reply = await attacker.post('/liveness/frames', {
      nonce: victimChallenge.body.challenge.nonce,
      frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }],
    });
    expect(reply.body.error.code).toBe('challenge_mismatch');
  });

  it('10. replaying a finished step (match again after it passed) is refused', async () => {
    const client = await at('match');
    expect((await client.post('/match')).body.outcome).toBe('pass');
    expect((await client.post('/match')).body.error.code).toBe('out_of_order');
  });

  it('11. reusing a session after registration: every step is closed, no second user', async () => {
    const client = server.client();
    expect((await client.signup()).body.session.status).toBe('completed');
    legitimate += 1;
    for (const path of ['/liveness/challenge', '/document', '/match', '/uniqueness', '/register', '/steps/restart']) {
      const reply = await client.post(
        path,
        path === '/register'
          ? { fullName: 'Again', email: 'again@example.org' }
          : path === '/document'
            ? { image: b64(uniqueFace()) }
            : {},
      );
      expect(reply.status, path).toBe(409);
      expect(reply.body.error.code, path).toBe('session_closed');
    }
  });

  it("12. a made-up or another user's stored session id does not open a session", async () => {
    const victim = await at('register');
    const token = victim.cookie.replace('fg_signup=', '');
    const attacker = server.client();
    attacker.cookie = `fg_signup=${sessionIdFromToken(token)}`; // the value stored in the database
    expect((await attacker.register()).body.error.code).toBe('no_session');
    attacker.cookie = 'fg_signup=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect((await attacker.register()).status).toBe(401);
    attacker.cookie = '';
    expect((await attacker.register()).body.error.code).toBe('no_session');
    expect((await attacker.post('/match', {}, { authorization: 'Bearer not-a-token' })).status).toBe(401);
  });

  it('13. an expired session is gone', async () => {
    const client = await at('register');
    server.advance(server.config.SIGNUP_SESSION_TTL_S * 1000 + 1000);
    try {
      const reply = await client.register();
      expect(reply.status).toBe(410);
      expect(reply.body.error.code).toBe('session_expired');
    } finally {
      server.advance(-(server.config.SIGNUP_SESSION_TTL_S * 1000 + 1000));
    }
  });

  it('14. a huge upload is cut off by the body limit', async () => {
    const client = await at('document');
    const reply = await client.post('/document', { image: 'A'.repeat(13 * 1024 * 1024) });
    expect(reply.status).toBe(413);
    expect((await client.get('/sessions/current')).body.session.step).toBe('document');
  });

  it('15. a corrupt (truncated) upload is refused as invalid input, with no attempt used', async () => {
    const client = await at('document');
    const jpeg = readFixture('faces/obama-2.jpg');
    const reply = await client.post('/document', { image: b64(jpeg.subarray(0, jpeg.length / 2)) });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_input', details: { issue: 'corrupt' } });
    expect((await client.get('/sessions/current')).body.session.attemptsLeft.document).toBe(3);
  });

  it('16. a mislabelled upload is judged by its bytes: a PDF named .jpg is refused', async () => {
    const client = await at('document');
    const reply = await client.post('/document', {
      image: b64(new TextEncoder().encode('%PDF-1.4 not really a photo')),
      filename: 'passport.jpg',
    });
    expect(reply.body.error.code).toBe('invalid_input');
  });

  it('17. a duplicate face cannot register', async () => {
    const face = uniqueFace();
    await server.client().signup(face);
    legitimate += 1;
    const second = server.client();
    const reply = await second.signup(face);
    expect(reply.body.outcome).toBe('reject');
    expect(reply.body.reasons).toEqual(['duplicate_face']);
  });

  it('18. a concurrent double-submit of register creates exactly one user', async () => {
    const client = await at('register');
    const form = { fullName: 'Double Submit', email: `double-${Date.now()}@example.org` };
    const replies = await Promise.all([client.register(form), client.register(form), client.register(form)]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    legitimate += 1;
  });

  it('19. two signups of one face racing to register: only one gets through', async () => {
    const face = uniqueFace();
    const a = server.client();
    const b = server.client();
    for (const c of [a, b]) {
      await c.start();
      await c.liveness([face]);
      await c.document();
      await c.post('/match');
      expect((await c.post('/uniqueness')).body.outcome).toBe('pass');
    }
    const replies = await Promise.all([a.register(), b.register()]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(replies.find((r) => r.status === 409)?.body.error.code).toBe('session_closed');
    legitimate += 1;
  });

  it('20. concurrent liveness submissions use at most one attempt', async () => {
    const client = await at('liveness');
    server.scenario.script.arrange('liveness.media', { type: 'liveness', verdict: 'spoof', confidence: 0.01 });
    try {
      const challenge = await client.post('/liveness/challenge');
      const body = { nonce: challenge.body.challenge.nonce, frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }] };
      const replies = await Promise.all([client.post('/liveness/frames', body), client.post('/liveness/frames', body)]);
      expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
      expect((await client.get('/sessions/current')).body.session.attemptsLeft.liveness).toBe(2);
    } finally {
      server.scenario.script.reset();
    }
  });

  it('21. an email already registered cannot be reused; the signup may pick another', async () => {
    const first = server.client();
    const email = `taken-${Date.now()}@example.org`;
    await first.start();
    await first.liveness();
    await first.document();
    await first.post('/match');
    await first.post('/uniqueness');
    expect((await first.register({ fullName: 'First', email })).status).toBe(201);
    legitimate += 1;
    const second = await at('register');
    const reply = await second.register({ fullName: 'Second', email: email.toUpperCase() });
    expect(reply.body.error.code).toBe('email_taken');
    expect((await second.register({ fullName: 'Second', email: `other-${email}` })).status).toBe(201);
    legitimate += 1;
  });

  it('22. farming challenges is capped', async () => {
    const client = await at('liveness');
    for (let i = 0; i < 5; i++) expect((await client.post('/liveness/challenge')).status).toBe(200);
    expect((await client.post('/liveness/challenge')).body.error.code).toBe('challenge_limit');
  });

  it('23. the session cookie is httpOnly, SameSite=Strict and scoped to the API', async () => {
    const reply = await server.client().start();
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/signup/);
  });

  it('24. a form-encoded cross-site style POST is refused (JSON only)', async () => {
    const client = await at('liveness');
    const reply = await client.post('/liveness/challenge', 'a=b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(reply.status).toBe(415);
  });
});
