// The state machine driven the way eSignet drives it (signup-ui's batching),
// on the scenario provider: every protocol rule, no models.
import { createScenarioProvider, type ScenarioProvider } from '@facegate/core/scenario';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { identityVerificationResultSchema } from '../protocol/wire';
import { createTestVerifier, signupUiBatches, type TestVerifier, type UiMessage } from '../replay/signup-ui-replay';
import { ensureSchema, openSql, type Sql } from '../store/sql';

let sql: Sql;
let jpeg: Uint8Array;
let scenario: ScenarioProvider;
let t: TestVerifier;

beforeAll(async () => {
  sql = await openSql({ pgliteDataDir: 'memory' });
  await ensureSchema(sql);
  // signup-ui compresses at quality 0: libjpeg's floor, which sharp reaches at 1.
  jpeg = new Uint8Array(
    await sharp({ create: { width: 160, height: 100, channels: 3, background: '#8a7f70' } })
      .jpeg({ quality: 1 })
      .toBuffer(),
  );
});
afterEach(async () => t?.close());
afterAll(async () => sql?.close());

async function setup(
  env: Record<string, string> = {},
  mode: Parameters<ScenarioProvider['script']['setMode']>[0] = 'happy',
) {
  scenario = createScenarioProvider({ mode });
  t = await createTestVerifier([scenario], { ESIGNET_VERIFIED_CLAIMS: 'fullName,phone', ...env }, { sql });
}

/** 8.6 s of frames at 10 fps in signup-ui's cadence: enough for look_straight (1.5 s) + two actions (3.5 s each). */
const fullAttempt = (firstOrder = 0) => signupUiBatches('liveness_check', Array(80).fill(jpeg), 10, firstOrder);

describe('eSignet verifier state machine', () => {
  it('answers START (no frames) with the liveness step and the first prompt', async () => {
    await setup();
    const [first, ...rest] = await t.start('slot-a');
    expect(rest).toEqual([]);
    expect(identityVerificationResultSchema.parse(first)).toEqual({
      id: 'slot-a',
      verifierId: 'facegate',
      step: {
        code: 'liveness_check',
        framesPerSecond: 10,
        durationInSeconds: 22,
        startupDelayInSeconds: 3,
        retryOnTimeout: false,
        retryableErrorCodes: ['retry_no_face', 'retry_multiple_faces', 'retry_lighting', 'retry_challenge'],
      },
      feedback: { type: 'MESSAGE', code: 'look_straight' },
    });
  });

  it('reveals each prompt when its window starts, then ends COMPLETED with the configured claims; frames are deleted', async () => {
    await setup();
    await t.start('slot-b');
    const sent = await t.play('slot-b', fullAttempt());
    expect(sent.map((s) => [s.afterOrder, s.result.feedback?.code ?? s.result.step?.code])).toEqual([
      [19, 'blink'],
      [49, 'turn_left'],
      [79, 'success_check'],
      [79, 'END'],
    ]);
    for (const s of sent) identityVerificationResultSchema.parse(s.result);
    const result = await t.verifier.getVerificationResult('slot-b');
    expect(result?.status).toBe('COMPLETED');
    expect(result?.errorCode).toBeNull();
    expect(Object.keys(result?.verifiedClaims ?? {}).sort()).toEqual(['fullName', 'phone']);
    expect(result?.verifiedClaims.fullName).toMatchObject({
      trust_framework: 'facegate',
      verification_process: 'facegate-liveness',
      assurance_level: 'low',
      time: '2026-01-01T00:00:08.800Z',
    });
    expect(await t.store.frameCount('slot-b')).toBe(0);
    expect(scenario.script.calls('liveness.media')).toBe(1);
    // Late batches after END are ignored.
    expect(await t.verifier.verify('slot-b', fullAttempt(80)[0] as never)).toEqual([]);
  });

  it('counts capture time from the step’s first order (order runs on across steps)', async () => {
    await setup();
    await t.start('slot-c');
    const sent = await t.play('slot-c', fullAttempt(137));
    expect(sent.map((s) => s.afterOrder)).toEqual([156, 186, 216, 216]);
  });

  it('tolerates an order gap (a lost message): time still follows order', async () => {
    await setup();
    await t.start('slot-d');
    const batches = fullAttempt();
    const sent = await t.play('slot-d', [...batches.slice(0, 3), ...batches.slice(4)]);
    expect(sent.map((s) => [s.afterOrder, s.result.feedback?.code ?? s.result.step?.code])).toEqual([
      [19, 'blink'],
      [49, 'turn_left'],
      [79, 'success_check'],
      [79, 'END'],
    ]);
  });

  it('refuses a batch with an empty frame (invalid_frame) and stores none of it', async () => {
    await setup();
    await t.start('slot-e');
    const batch = fullAttempt()[0] as UiMessage;
    const bad = { ...batch, frames: batch.frames.map((f, i) => (i === 3 ? { ...f, frame: '' } : f)) };
    expect((await t.play('slot-e', [bad])).map((s) => s.result.feedback)).toEqual([
      { type: 'ERROR', code: 'invalid_frame' },
    ]);
    const notImage = { ...batch, frames: [{ frame: Buffer.from('hello').toString('base64'), order: 0 }] };
    expect((await t.play('slot-e', [notImage as never])).map((s) => s.result.feedback?.code)).toEqual([
      'invalid_frame',
    ]);
    expect(await t.store.frameCount('slot-e')).toBe(0);
  });

  it('refuses negative and repeated orders (invalid_order)', async () => {
    await setup();
    await t.start('slot-f');
    const batch = fullAttempt()[0] as UiMessage;
    const negative = { stepCode: 'liveness_check', frames: [{ frame: batch.frames[0]?.frame ?? '', order: -1 }] };
    expect((await t.play('slot-f', [negative])).map((s) => s.result.feedback?.code)).toEqual(['invalid_order']);
    await t.play('slot-f', [batch]);
    const stored = await t.store.frameCount('slot-f');
    expect((await t.play('slot-f', [batch])).map((s) => s.result.feedback?.code)).toEqual(['invalid_order']);
    expect(await t.store.frameCount('slot-f')).toBe(stored);
  });

  it('refuses unknown and blank step codes (invalid_step_code)', async () => {
    await setup();
    await t.start('slot-g');
    const batch = fullAttempt()[0] as UiMessage;
    for (const stepCode of ['id_verification', '', 'END'])
      expect((await t.play('slot-g', [{ ...batch, stepCode }])).map((s) => s.result.feedback)).toEqual([
        { type: 'ERROR', code: 'invalid_step_code' },
      ]);
    expect(await t.store.frameCount('slot-g')).toBe(0);
  });

  it('a slot that times out fails: ERROR + END, result FAILED verification_timeout, frames gone', async () => {
    await setup({ ESIGNET_SLOT_TTL_S: '60' });
    await t.start('slot-h');
    await t.play('slot-h', fullAttempt().slice(0, 2));
    expect(await t.store.frameCount('slot-h')).toBeGreaterThan(0);
    t.clock.now += 60_000;
    const sent = await t.play('slot-h', fullAttempt().slice(2, 3));
    expect(sent.map((s) => s.result.feedback?.code ?? s.result.step?.code)).toEqual(['verification_timeout', 'END']);
    expect(await t.verifier.getVerificationResult('slot-h')).toEqual({
      status: 'FAILED',
      verifiedClaims: {},
      errorCode: 'verification_timeout',
    });
    expect(await t.store.frameCount('slot-h')).toBe(0);
  });

  it('a slot left alone past its expiry reads FAILED, and the sweeper removes its frames', async () => {
    await setup({ ESIGNET_SLOT_TTL_S: '60' });
    await t.start('slot-i');
    await t.play('slot-i', fullAttempt().slice(0, 2));
    t.clock.now += 61_000;
    expect((await t.verifier.getVerificationResult('slot-i'))?.errorCode).toBe('verification_timeout');
    expect((await t.store.sweep()).frames).toBeGreaterThan(0);
    expect(await t.store.frameCount('slot-i')).toBe(0);
  });

  it('a second START resumes the same step with the same challenge and prompt', async () => {
    await setup();
    await t.start('slot-j');
    const before = (await t.store.read('slot-j'))?.liveness?.challenge;
    await t.play('slot-j', fullAttempt().slice(0, 2));
    const again = await t.verifier.verify('slot-j', { stepCode: 'START', frames: [] });
    expect(again.map((r) => [r.step?.code, r.feedback?.code])).toEqual([['liveness_check', 'blink']]);
    expect((await t.store.read('slot-j'))?.liveness?.challenge).toEqual(before);
    await t.verifier.initialize('slot-j', { individualId: 'someone-else' });
    expect((await t.store.read('slot-j'))?.individualId).toBe('individual-1');
  });

  it('an unknown slot gets ERROR slot_not_found + END, and no result', async () => {
    await setup();
    const sent = await t.play('never-initialized', fullAttempt().slice(0, 1));
    expect(sent.map((s) => s.result.feedback?.code ?? s.result.step?.code)).toEqual(['slot_not_found', 'END']);
    expect(await t.verifier.getVerificationResult('never-initialized')).toBeNull();
  });

  it('tolerates a data-URL prefix on a frame', async () => {
    await setup();
    await t.start('slot-k');
    const batch = fullAttempt()[0] as UiMessage;
    const prefixed = {
      ...batch,
      frames: batch.frames.map((f) => ({ ...f, frame: `data:image/jpeg;base64,${f.frame}` })),
    };
    expect(await t.play('slot-k', [prefixed as never])).toEqual([]);
    expect(await t.store.frameCount('slot-k')).toBe(10);
  });

  it('a spoof verdict ends FAILED liveness_failed with no claims', async () => {
    await setup({}, 'spoof');
    await t.start('slot-l');
    const sent = await t.play('slot-l', fullAttempt());
    expect(sent.at(-1)?.result.step?.code).toBe('END');
    expect(sent.some((s) => s.result.feedback?.code === 'success_check')).toBe(false);
    expect(await t.verifier.getVerificationResult('slot-l')).toEqual({
      status: 'FAILED',
      verifiedClaims: {},
      errorCode: 'liveness_failed',
    });
  });

  it('no face: a hint while capturing, a retry with a new prompt sequence, then FAILED liveness_not_completed', async () => {
    await setup({ ESIGNET_RETRY_PAUSE_MS: '1000' }, 'no_face');
    await t.start('slot-m');
    const batches = signupUiBatches('liveness_check', Array(180).fill(jpeg), 10);
    const sent = await t.play('slot-m', batches);
    const codes = sent.map((s) => s.result.feedback?.code ?? s.result.step?.code);
    expect(codes[0]).toBe('no_face');
    expect(codes).toContain('retry_no_face');
    expect(codes.at(-1)).toBe('END');
    expect(codes.filter((c) => c === 'retry_no_face')).toHaveLength(1);
    expect(scenario.script.calls('liveness.media')).toBe(2);
    expect((await t.verifier.getVerificationResult('slot-m'))?.errorCode).toBe('liveness_not_completed');
    expect(await t.store.frameCount('slot-m')).toBe(0);
  });

  it('a provider outage fails closed: END, FAILED verifier_unavailable', async () => {
    await setup({}, 'outage');
    await t.start('slot-n');
    const sent = await t.play('slot-n', fullAttempt());
    expect(sent.at(-1)?.result.step?.code).toBe('END');
    expect((await t.verifier.getVerificationResult('slot-n'))?.errorCode).toBe('verifier_unavailable');
  });
});
