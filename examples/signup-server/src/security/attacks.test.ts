import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { CAPTURE_CLOCK_GRACE_MS } from '../flow/capture-timing';
import { sessionIdFromToken } from '../flow/signup-flow';
import { b64, createTestServer, type SignupClient, type TestServer, uniqueFace } from '../test-harness';
import { brokenUploads } from './broken-uploads';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ env: { SIGNUP_MAX_CHALLENGES: '5' } });
});
const broken = await brokenUploads(readFixture('faces/obama-2.jpg'));
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
  it('25. valid headers over undecodable pixels at /document: 400 invalid_input for every decoder family, no attempt used', async () => {
    expect(broken.length).toBeGreaterThanOrEqual(10);
    const client = await at('document');
    for (const { family, bytes } of broken) {
      const reply = await client.post('/document', { image: b64(bytes), filename: 'id.jpg' });
      expect(reply.status, family).toBe(400);
      expect(reply.body.error.code, family).toBe('invalid_input');
      expect(['undecodable', 'corrupt'], family).toContain(reply.body.error.details.issue);
    }
    const { session } = (await client.get('/sessions/current')).body;
    expect(session).toMatchObject({ step: 'document', status: 'active', attemptsLeft: { document: 3 } });
    // The same signup still takes a good photo.
    expect((await client.document()).body.outcome).toBe('pass');
  });

  it('26. an undecodable liveness frame never becomes the reference: 400, the nonce spent, no attempt used', async () => {
    const client = await at('liveness');
    const challenge = await client.post('/liveness/challenge');
    const body = {
      nonce: challenge.body.challenge.nonce,
      frames: [{ image: b64((broken[0] as { bytes: Uint8Array }).bytes), capturedAtMs: 0 }],
    };
    const reply = await client.post('/liveness/frames', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_input', details: { issue: 'undecodable' } });
    const { session } = (await client.get('/sessions/current')).body;
    expect(session).toMatchObject({ step: 'liveness', attemptsLeft: { liveness: 3 } });
    expect((await client.post('/liveness/frames', body)).body.error.code).toBe('challenge_required');
  });

  it.each([
    ['NUL', 'Ada\u0000Lovelace'],
    ['ESC sequence', 'Ada \u001b[31mLovelace'],
    ['BEL', 'Ada\u0007 Lovelace'],
    ['right-to-left override', 'Ada \u202eecalevoL'],
    ['zero-width space', 'Ada\u200bLovelace'],
    ['byte order mark', '\ufeffAda Lovelace'],
    ['line separator', 'Ada\u2028Lovelace'],
    ['lone surrogate', 'Ada \ud800 Lovelace'],
    ['private use', 'Ada \ue000'],
    ['no-break space', 'Ada\u00a0Lovelace'],
    ['tab', 'Ada\tLovelace'],
  ])('27. a name with a %s is refused (400) and nothing is stored', async (_label, fullName) => {
    const client = await at('register');
    const before = await users();
    const reply = await client.register({ fullName, email: `ctl-${Date.now()}@example.org` });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_input');
    expect(await users()).toBe(before);
    expect((await client.get('/sessions/current')).body.session.step).toBe('register');
  });

  it.each([
    [
      'a schema error (forged field)',
      (nonce: string) => ({ nonce, frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }], isLive: true }),
      undefined,
    ],
    [
      'an unreadable image',
      (nonce: string) => ({ nonce, frames: [{ image: 'not base64!', capturedAtMs: 0 }] }),
      undefined,
    ],
    ['malformed JSON', () => '{"nonce":', undefined],
    ['a text/plain body', (nonce: string) => nonce, { 'content-type': 'text/plain' }],
    [
      'a form-encoded body',
      (nonce: string) => `nonce=${nonce}`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
  ])('28. a submission refused for %s still spends its nonce', async (_label, refused, headers) => {
    const client = await at('liveness');
    const { nonce } = (await client.post('/liveness/challenge')).body.challenge;
    const first = await client.post('/liveness/frames', refused(nonce), headers);
    expect(first.status).toBeGreaterThanOrEqual(400);
    expect(first.status).toBeLessThan(500);
    const retry = await client.post('/liveness/frames', {
      nonce,
      frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }],
    });
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('challenge_required');
    expect((await client.get('/sessions/current')).body.session.attemptsLeft.liveness).toBe(3);
  });

  it('28b. a nonce spent by a refused submission is spent for a concurrent one too: at most one is judged', async () => {
    const client = await at('liveness');
    const { nonce } = (await client.post('/liveness/challenge')).body.challenge;
    const good = { nonce, frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }] };
    const replies = await Promise.all([
      client.post('/liveness/frames', '{"x":'),
      client.post('/liveness/frames', good),
    ]);
    const judged = replies.filter((r) => r.status === 200);
    expect(judged.length).toBeLessThanOrEqual(1);
    expect((await client.post('/liveness/frames', good)).status).toBe(409);
  });

  /** Frames with these stamps, after letting the server clock run `waitMs` since the challenge. */
  async function submitStamped(stamps: number[], waitMs: number) {
    const client = await at('liveness');
    const { challenge } = (await client.post('/liveness/challenge')).body;
    server.advance(waitMs);
    const reply = await client.post('/liveness/frames', {
      nonce: challenge.nonce,
      frames: stamps.map((capturedAtMs) => ({ image: b64(uniqueFace()), capturedAtMs })),
    });
    return { client, challenge, reply };
  }

  it.each([
    ['all_equal', [0, 0, 0, 0], 2_000],
    ['not_increasing', [0, 400, 400, 800], 2_000],
    ['ahead_of_server_clock', [0, 295_000, 590_000], 0],
    ['span_too_short', [0, 1, 2], 2_000],
  ])('29. forged capture times are refused with their rule: %s', async (rule, stamps, waitMs) => {
    const { client, reply } = await submitStamped(stamps, waitMs);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'capture_time_invalid', details: { rule } });
    expect((await client.get('/sessions/current')).body.session).toMatchObject({
      step: 'liveness',
      attemptsLeft: { liveness: 3 },
    });
  });

  it('29. forged capture times are refused with their rule: after_capture_end', async () => {
    const client = await at('liveness');
    const { challenge } = (await client.post('/liveness/challenge')).body;
    const endMs: number = challenge.schedule.endMs;
    server.advance(endMs + 5_000);
    const stamps = [0, endMs / 2, endMs + CAPTURE_CLOCK_GRACE_MS + 1_000];
    const reply = await client.post('/liveness/frames', {
      nonce: challenge.nonce,
      frames: stamps.map((capturedAtMs) => ({ image: b64(uniqueFace()), capturedAtMs })),
    });
    expect(reply.body.error).toMatchObject({ code: 'capture_time_invalid', details: { rule: 'after_capture_end' } });
  });

  it('29. a capture timeline consistent with the server clock is judged as usual', async () => {
    const { reply } = await submitStamped([0, 300, 600, 900, 1_200], 1_500);
    expect(reply.status).toBe(200);
    expect(reply.body.outcome).toBe('pass');
  });

  it('30. unknown JSON keys are never echoed, however long or whatever they hold', async () => {
    const client = await at('register');
    const key = `<script>alert(1)</script>${'k'.repeat(200_000)}`;
    const reply = await client.post('/register', { fullName: 'Ada', email: 'a@example.org', [key]: 1 });
    expect(reply.status).toBe(400);
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('kkkkkkkkkk');
    expect(text.length).toBeLessThan(1_000);
    expect(reply.body.error.message).toMatch(/unknown field/);
  });

  it('31. text/plain bodies get 415 on every route that takes a body', async () => {
    const client = await at('liveness');
    for (const path of [
      '/sessions',
      '/steps/restart',
      '/liveness/challenge',
      '/liveness/frames',
      '/document',
      '/match',
      '/uniqueness',
      '/register',
    ]) {
      const reply = await client.post(path, '{}', { 'content-type': 'text/plain' });
      expect(reply.status, path).toBe(415);
      expect(reply.body.error.code, path).toBe('unsupported_media_type');
    }
  });
  it.each([
    ['as uploaded', async (jpeg: Uint8Array) => jpeg],
    [
      'rescaled and re-encoded',
      async (jpeg: Uint8Array) => sharp(jpeg).resize({ width: 500 }).jpeg({ quality: 40 }).toBuffer(),
    ],
    ['in grey, brighter', async (jpeg: Uint8Array) => sharp(jpeg).greyscale().linear(0.8, 30).png().toBuffer()],
  ])(
    '32. the liveness capture offered as the ID document (%s) is refused as document_is_capture; a real document then passes',
    async (_, copy) => {
      const client = await at('liveness');
      const selfie = uniqueFace('obama-4.jpg');
      expect((await client.liveness([selfie])).body.outcome).toBe('pass');
      const reply = await client.document(new Uint8Array(await copy(selfie)));
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ outcome: 'retry', reasons: ['document_is_capture'], attemptsLeft: 2 });
      expect(reply.body.session.step).toBe('document');
      expect((await client.post('/match')).status).toBe(409);
      // Another photo of the same person (what an ID document holds) is not a copy.
      const real = await client.document(uniqueFace('obama-2.jpg'));
      expect(real.body).toMatchObject({ outcome: 'pass', session: { step: 'match' } });
    },
  );
});
