import { createFacegate } from '@facegate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, createTestServer, fastClient, type TestServer, uniqueFace } from '../test-harness';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe('signup flow (scenario provider, through HTTP)', () => {
  it('registers a user when every check passes, then holds no biometric media for it', async () => {
    const client = server.client();
    const started = await client.start();
    expect(started.status).toBe(201);
    expect(started.body.session).toMatchObject({ status: 'active', step: 'liveness', attemptsLeft: { liveness: 3 } });
    expect(client.cookie).toMatch(/^fg_signup=/);

    const liveness = await client.liveness();
    expect(liveness.body).toMatchObject({ outcome: 'pass', session: { step: 'document' } });
    const document = await client.document();
    expect(document.body).toMatchObject({ outcome: 'pass', session: { step: 'match' } });
    expect(document.body.preview).toMatch(/^data:image\/jpeg;base64,/);
    expect((await client.post('/match')).body).toMatchObject({ outcome: 'pass', session: { step: 'uniqueness' } });
    expect((await client.post('/uniqueness')).body).toMatchObject({ outcome: 'pass', session: { step: 'register' } });
    const registered = await client.register({
      fullName: 'Grace Hopper',
      email: `grace-${Date.now()}@example.org`,
      phone: '+1 555 0100',
    });
    expect(registered.status).toBe(201);
    expect(registered.body.session).toMatchObject({ status: 'completed', step: 'done', registered: true });
    expect(registered.body.userId).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await server.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM signup_media m JOIN users u ON u.signup_session_id = m.session_id WHERE u.id = $1',
      [registered.body.userId],
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('refuses a second signup of the same face without saying who matched', async () => {
    const face = uniqueFace();
    expect((await server.client().signup(face)).body.session).toMatchObject({ status: 'completed' });
    const again = server.client();
    await again.start();
    await again.liveness([face]);
    await again.document();
    await again.post('/match');
    const uniqueness = await again.post('/uniqueness');
    expect(uniqueness.body).toMatchObject({
      outcome: 'reject',
      reasons: ['duplicate_face'],
      session: { status: 'failed', failureReason: 'duplicate' },
    });
    expect(JSON.stringify(uniqueness.body)).not.toMatch(/externalId|faceId|userId|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('asks for a liveness retry with attempts left, then fails the signup when they run out', async () => {
    server.scenario.script.arrange('liveness.media', { type: 'liveness', verdict: 'spoof', confidence: 0.05 });
    try {
      const client = server.client();
      await client.start();
      const first = await client.liveness();
      expect(first.body).toMatchObject({
        outcome: 'reject',
        reasons: ['spoof_suspected'],
        attemptsLeft: 2,
        session: { status: 'active', step: 'liveness' },
      });
      expect((await client.liveness()).body.attemptsLeft).toBe(1);
      const last = await client.liveness();
      expect(last.body).toMatchObject({
        attemptsLeft: 0,
        session: { status: 'failed', failureReason: 'liveness_attempts_exhausted' },
      });
      expect((await client.liveness()).body.error.code).toBe('session_closed');
    } finally {
      server.scenario.script.reset();
    }
  });

  it.each([
    [
      'too dark',
      { type: 'liveness' as const, verdict: null, confidence: 0.4, reasons: ['too_dark' as const] },
      'retry',
      ['too_dark'],
    ],
    [
      'no face',
      { type: 'liveness' as const, verdict: null, confidence: null, reasons: ['no_face' as const] },
      'retry',
      ['no_face'],
    ],
    ['low confidence', { type: 'liveness' as const, verdict: null, confidence: 0.5 }, 'reject', ['spoof_suspected']],
  ])('liveness %s → %s with reasons', async (_label, step, outcome, reasons) => {
    server.scenario.script.arrange('liveness.media', step);
    try {
      const client = server.client();
      await client.start();
      expect((await client.liveness()).body).toMatchObject({ outcome, reasons, session: { step: 'liveness' } });
    } finally {
      server.scenario.script.reset();
    }
  });

  it('sends a borderline liveness score to review and ends the automatic path', async () => {
    server.scenario.script.arrange('liveness.media', { type: 'liveness', verdict: null, confidence: 0.8 });
    try {
      const client = server.client();
      await client.start();
      expect((await client.liveness()).body).toMatchObject({
        outcome: 'review',
        reasons: ['low_confidence'],
        session: { status: 'needs_review' },
      });
    } finally {
      server.scenario.script.reset();
    }
  });

  it('asks for another document when it shows no face, several faces, or is not an image', async () => {
    const client = server.client();
    await client.start();
    await client.liveness();
    server.scenario.script.arrange('quality', { type: 'ok' });
    server.scenario.script.setMode('no_face');
    try {
      expect((await client.document()).body).toMatchObject({
        outcome: 'retry',
        reasons: ['no_face'],
        attemptsLeft: 2,
        preview: null,
      });
      server.scenario.script.setMode('multiple_faces');
      expect((await client.document()).body).toMatchObject({
        outcome: 'retry',
        reasons: ['multiple_faces'],
        attemptsLeft: 1,
      });
    } finally {
      server.scenario.script.setMode('happy');
      server.scenario.script.reset();
    }
    const notImage = await client.post('/document', {
      image: b64(new TextEncoder().encode('%PDF-1.7 pretending')),
      filename: 'id.jpg',
    });
    expect(notImage.status).toBe(400);
    expect(notImage.body.error.code).toBe('invalid_input');
    expect((await client.document()).body).toMatchObject({ outcome: 'pass', session: { step: 'match' } });
  });

  it('sends a mismatch back to the document step, and fails after the last attempt', async () => {
    server.scenario.script.setMode('mismatch');
    try {
      const client = server.client();
      await client.start();
      await client.liveness();
      for (const left of [2, 1]) {
        await client.document();
        expect((await client.post('/match')).body).toMatchObject({
          outcome: 'reject',
          reasons: ['face_mismatch'],
          attemptsLeft: left,
          session: { step: 'document' },
        });
      }
      await client.document();
      expect((await client.post('/match')).body).toMatchObject({
        attemptsLeft: 0,
        session: { status: 'failed', failureReason: 'face_mismatch' },
      });
    } finally {
      server.scenario.script.setMode('happy');
    }
  });

  it('every challenge opens with look_straight and asks for a blink and one other action', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const client = server.client();
      await client.start();
      for (let j = 0; j < 3; j++) {
        const { steps } = (await client.post('/liveness/challenge')).body.challenge as { steps: string[] };
        expect(steps[0]).toBe('look_straight');
        expect(steps).toHaveLength(3);
        expect(steps).toContain('blink');
        seen.add(steps.join(','));
      }
    }
    // Still random: order and the other action vary.
    expect(seen.size).toBeGreaterThan(1);
  });

  it('binds every frames challenge to prompt times and a colour sequence', async () => {
    const client = server.client();
    await client.start();
    const { challenge } = (await client.post('/liveness/challenge')).body as {
      challenge: {
        steps: string[];
        schedule: { promptsAtMs: number[]; endMs: number };
        light: { segments: unknown[] };
      };
    };
    expect(challenge.schedule.promptsAtMs).toHaveLength(challenge.steps.length);
    expect(challenge.schedule.endMs).toBeGreaterThan(challenge.schedule.promptsAtMs.at(-1) ?? 0);
    expect(challenge.light.segments.length).toBeGreaterThanOrEqual(3);
    const config = (await client.request('GET', '/api/config')).body as { blinkFramesPerSecond: number };
    expect(config.blinkFramesPerSecond).toBeGreaterThanOrEqual(12);
  });

  it('leaves the colours out with SIGNUP_LIGHT_CHALLENGE=off (prompt times stay)', async () => {
    const off = await createTestServer({ env: { SIGNUP_LIGHT_CHALLENGE: 'off' } });
    try {
      const client = off.client();
      await client.start();
      const { challenge } = (await client.post('/liveness/challenge')).body;
      expect(challenge.schedule).toBeDefined();
      expect(challenge.light).toBeUndefined();
    } finally {
      await off.close();
    }
    await expect(createTestServer({ env: { SIGNUP_LIGHT_CHALLENGE: 'maybe' } })).rejects.toMatchObject({
      code: 'configuration_error',
    });
  });

  it('draws from SIGNUP_CHALLENGE_POOL and refuses a required action outside it', async () => {
    const turns = await createTestServer({
      env: { SIGNUP_CHALLENGE_POOL: 'turn_left', SIGNUP_CHALLENGE_REQUIRE: 'none' },
    });
    try {
      const client = turns.client();
      await client.start();
      expect((await client.post('/liveness/challenge')).body.challenge.steps).toEqual(['look_straight', 'turn_left']);
    } finally {
      await turns.close();
    }
    await expect(
      createTestServer({ env: { SIGNUP_CHALLENGE_POOL: 'turn_left,turn_right', SIGNUP_CHALLENGE_REQUIRE: 'blink' } }),
    ).rejects.toMatchObject({ code: 'configuration_error' });
  });

  it('refuses a step after its deadline until it is restarted', async () => {
    const client = server.client();
    await client.start();
    const challenge = await client.post('/liveness/challenge');
    server.advance(server.config.deadlinesMs.liveness + 1000);
    try {
      const late = await client.post('/liveness/frames', {
        nonce: challenge.body.challenge.nonce,
        frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }],
      });
      expect(late.status).toBe(409);
      expect(late.body.error).toMatchObject({ code: 'step_expired', details: { step: 'liveness' } });
      const restarted = await client.post('/steps/restart');
      expect(Date.parse(restarted.body.session.stepDeadline)).toBeGreaterThan(
        Date.now() + server.config.deadlinesMs.liveness,
      );
      // The old challenge died with the restart.
      const stale = await client.post('/liveness/frames', {
        nonce: challenge.body.challenge.nonce,
        frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }],
      });
      expect(stale.body.error.code).toBe('challenge_required');
      expect((await client.liveness()).body.outcome).toBe('pass');
    } finally {
      server.advance(-(server.config.deadlinesMs.liveness + 1000));
    }
  });

  it('refuses frames that arrive after the challenge expired, without using an attempt', async () => {
    const client = server.client();
    await client.start();
    const challenge = await client.post('/liveness/challenge');
    const lateBy =
      Date.parse(challenge.body.challenge.expiresAt) -
      Date.now() +
      server.config.SIGNUP_CHALLENGE_UPLOAD_GRACE_S * 1000 +
      1000;
    server.advance(lateBy);
    try {
      const late = await client.post('/liveness/frames', {
        nonce: challenge.body.challenge.nonce,
        frames: [{ image: b64(uniqueFace()), capturedAtMs: 0 }],
      });
      expect(late.body.error.code).toBe('challenge_expired');
      expect((await client.get('/sessions/current')).body.session.attemptsLeft.liveness).toBe(3);
    } finally {
      server.advance(-lateBy);
    }
  });

  // An outage gives no hint (the default wait); the throttling scenario's vendor says "retry after 1 s".
  it.each([
    { mode: 'outage', retryAfterSeconds: 60 },
    { mode: 'rate_limited', retryAfterSeconds: 1 },
  ] as const)(
    'answers $mode with 503, the alternate path and Retry-After $retryAfterSeconds s, without using an attempt',
    async ({ mode, retryAfterSeconds }) => {
      server.scenario.script.setMode(mode);
      const client = server.client();
      try {
        await client.start();
        const reply = await client.liveness();
        expect(reply.status).toBe(503);
        expect(reply.headers['retry-after']).toBe(String(retryAfterSeconds));
        expect(reply.body.error).toMatchObject({
          code: 'provider_unavailable',
          alternatePath: { retryAfterSeconds, assistedSignupUrl: '/assisted-signup' },
        });
      } finally {
        server.scenario.script.setMode('happy');
      }
      expect((await client.get('/sessions/current')).body.session).toMatchObject({
        status: 'active',
        attemptsLeft: { liveness: 3 },
      });
      expect((await client.liveness()).body.outcome).toBe('pass');
    },
  );
});

describe('session-shape liveness (vendor component in the browser)', () => {
  let sessionServer: TestServer;
  beforeAll(async () => {
    sessionServer = await createTestServer({
      verification: (scenario) =>
        fastClient({ ...scenario, capabilities: ['liveness.session', 'match', 'search', 'quality'] }),
    });
  });
  afterAll(() => sessionServer.close());

  it('creates the vendor session, fetches the verdict itself, and never takes one from the browser', async () => {
    const client = sessionServer.client();
    await client.start();
    expect((await client.post('/liveness/challenge')).body.error.code).toBe('wrong_liveness_shape');
    const created = await client.post('/liveness/vendor-session');
    expect(created.body.client).toMatchObject({ component: 'scenario' });
    // A verdict in the body is not even accepted by the schema.
    const forged = await client.post('/liveness/vendor-session/result', { isLive: true, confidence: 1 });
    expect(forged.status).toBe(400);
    sessionServer.scenario.script.arrange('liveness.session.result', { type: 'pending' });
    expect((await client.post('/liveness/vendor-session/result')).status).toBe(202);
    sessionServer.scenario.script.reset();
    const done = await client.post('/liveness/vendor-session/result');
    expect(done.body).toMatchObject({ outcome: 'pass', session: { step: 'document' } });
    // The vendor session is consumed: asking again is out of order.
    expect((await client.post('/liveness/vendor-session/result')).body.error.code).toBe('out_of_order');
  });

  it('asks for a new vendor session when the old one expired', async () => {
    const client = sessionServer.client();
    await client.start();
    await client.post('/liveness/vendor-session');
    sessionServer.scenario.script.arrange('liveness.session.result', { type: 'vendor_error', name: 'SessionExpired' });
    try {
      const reply = await client.post('/liveness/vendor-session/result');
      expect(reply.body.error.code).toBe('vendor_session_expired');
      expect((await client.post('/liveness/vendor-session/result')).body.error.code).toBe('vendor_session_required');
    } finally {
      sessionServer.scenario.script.reset();
    }
  });
});

describe('configuration', () => {
  it('describes the liveness shape and providers for the page', async () => {
    const reply = await server.client().request('GET', '/api/config');
    expect(reply.body).toMatchObject({
      livenessShape: 'frames',
      providers: { verification: ['scenario'] },
      attempts: { liveness: 3 },
    });
  });

  it('publishes a generated OpenAPI document covering every signup endpoint', async () => {
    const reply = await server.client().request('GET', '/docs/json');
    const paths = Object.keys(reply.body.paths);
    for (const p of [
      '/api/signup/sessions',
      '/api/signup/liveness/challenge',
      '/api/signup/liveness/frames',
      '/api/signup/liveness/vendor-session',
      '/api/signup/document',
      '/api/signup/match',
      '/api/signup/uniqueness',
      '/api/signup/register',
      '/api/config',
      '/api/health',
    ]) {
      expect(paths).toContain(p);
    }
    expect(
      reply.body.paths['/api/signup/register'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['fullName', 'email']);
  });

  it('fails at start when a vendor is chosen without its settings, naming them', async () => {
    const { createFlowProviders, PROVIDER_LOADERS } = await import('../providers/flow-providers');
    PROVIDER_LOADERS.fakevendor = async () => ({
      id: 'fakevendor',
      displayName: 'Fake',
      capabilities: ['match'],
      envVars: [{ name: 'FAKEVENDOR_KEY', required: true, secret: true, description: 'key' }],
      create: () => {
        throw new (require('@facegate/core').FacegateError)({
          code: 'configuration_error',
          message: 'Fake key is missing: set FAKEVENDOR_KEY',
        });
      },
    });
    try {
      await expect(
        createFlowProviders(
          { FACEGATE_PROVIDER: 'fakevendor' },
          createFacegate({ provider: server.scenario }) as never,
          'scenario',
        ),
      ).rejects.toThrowError(/FAKEVENDOR_KEY/);
    } finally {
      delete PROVIDER_LOADERS.fakevendor;
    }
  });
});
