import type { LivenessResult } from '@facegate/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { useAzureRig } from './azure-test-setup';
import { azureAttempt, azureSessionBody, azureVerifyReference } from './testing';

const rig = useAzureRig();
const reference = readFixture('faces/obama-1.jpg');
const PATHS = { liveness: '/detectLiveness-sessions', verify: '/detectLivenessWithVerify-sessions' } as const;

type Attempt = Parameters<typeof azureAttempt>[1];

/**
 * Create a session through the fake (so it exists and can be deleted), then
 * answer its GET with the given attempts.
 */
async function sessionWith(
  kind: 'liveness' | 'verify',
  attempts: Attempt[],
  init: { status?: string; verifyReferences?: Record<string, unknown>[] } = {},
  options: Parameters<typeof rig.facegate>[0] = {},
) {
  const fg = rig.facegate(options);
  const session = await fg.createLivenessSession({
    deviceCorrelationId: 'device-1',
    ...(kind === 'verify' ? { reference } : {}),
  });
  const azureId = session.sessionId.replace(/^verify:/, '');
  const gets: URL[] = [];
  rig.server.use(
    http.get(`${rig.base}${PATHS[kind]}/:sessionId`, ({ params, request }) => {
      gets.push(new URL(request.url));
      return HttpResponse.json(
        azureSessionBody({
          sessionId: String(params.sessionId),
          status: init.status ?? 'Succeeded',
          attempts: attempts.map((a, i) => azureAttempt(i + 1, a)),
          verifyReferences: kind === 'verify' ? (init.verifyReferences ?? [azureVerifyReference()]) : undefined,
        }),
        { headers: { 'apim-request-id': 'req-get-1' } },
      );
    }),
  );
  return { fg, session, azureId, gets };
}

async function completeResult(
  kind: 'liveness' | 'verify',
  attempts: Attempt[],
  init?: Parameters<typeof sessionWith>[2],
) {
  const { fg, session, azureId, gets } = await sessionWith(kind, attempts, init);
  const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
  if (outcome.status !== 'complete') throw new Error(`expected a complete result, got ${outcome.status}`);
  return { result: outcome.result, azureId, gets };
}

/** Answer the plain session GET with these raw attempts (and optionally another session id). */
function answerRawAttempts(attempts: Record<string, unknown>[], sessionId?: string) {
  rig.server.use(
    http.get(`${rig.base}${PATHS.liveness}/:sessionId`, ({ params }) =>
      HttpResponse.json(
        azureSessionBody({ sessionId: sessionId ?? String(params.sessionId), status: 'Succeeded', attempts }),
      ),
    ),
  );
}

describe('getLivenessSessionResult: labels', () => {
  it.each([
    ['realface', 'live', true, 'pass'],
    ['spoofface', 'spoof', false, 'reject'],
    ['uncertain', 'inconclusive', false, 'retry'],
  ] as const)('maps livenessDecision %s to %s with confidence null', async (decision, verdict, isLive, outcome) => {
    const { result } = await completeResult('liveness', [{ decision }]);
    expect(result.verdict).toBe(verdict);
    expect(result.confidence).toBeNull();
    expect(result.isLive).toBe(isLive);
    expect(result.decision.outcome).toBe(outcome);
    expect(result.raw.requestId).toBe('req-get-1');
  });

  it('reads the label case-insensitively but refuses an unknown one', async () => {
    const { result } = await completeResult('liveness', [{ decision: 'RealFace' as 'realface' }]);
    expect(result.verdict).toBe('live');
    await expect(completeResult('liveness', [{ decision: 'maybe' as 'realface' }])).rejects.toMatchObject({
      code: 'provider_error',
    });
  });

  it('refuses a succeeded attempt without a decision (fail closed)', async () => {
    const { fg, session } = await sessionWith('liveness', []);
    answerRawAttempts([{ attemptId: 1, attemptStatus: 'Succeeded', result: { targets: {} } }]);
    await expect(fg.getLivenessSessionResult({ sessionId: session.sessionId })).rejects.toMatchObject({
      code: 'provider_error',
    });
  });

  it('refuses an answer for another session', async () => {
    const { fg, session } = await sessionWith('liveness', []);
    answerRawAttempts([azureAttempt(1, { decision: 'realface' })], 'someone-else');
    await expect(fg.getLivenessSessionResult({ sessionId: session.sessionId })).rejects.toMatchObject({
      code: 'provider_error',
    });
  });
});

describe('getLivenessSessionResult: several attempts', () => {
  it('lets the latest succeeded attempt decide, whatever order Azure lists them in', async () => {
    const { fg, session } = await sessionWith('liveness', []);
    answerRawAttempts([azureAttempt(3, { decision: 'realface' }), azureAttempt(2, { decision: 'uncertain' })]);
    const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    const result = (outcome as { result: LivenessResult }).result;
    expect(result.verdict).toBe('live');
    expect(result.warnings.some((w) => w.message.includes('attempt 2'))).toBe(true);
  });

  it('skips a later failed attempt and keeps the latest decision', async () => {
    const { result } = await completeResult('liveness', [
      { decision: 'uncertain' },
      { decision: 'realface' },
      { error: 'TimedOut' },
    ]);
    expect(result.verdict).toBe('live');
    expect(result.decision.outcome).toBe('pass');
  });

  it('reports an earlier spoof in the same session as spoof_suspected, even when a later attempt is real', async () => {
    const { result } = await completeResult('liveness', [{ decision: 'spoofface' }, { decision: 'realface' }]);
    expect(result.verdict).toBe('live');
    expect(result.reasons).toContain('spoof_suspected');
    expect(result.decision.outcome).toBe('reject');
  });

  it('waits (pending) while a newer attempt is still running', async () => {
    const { fg, session } = await sessionWith('liveness', [{ decision: 'uncertain' }, { status: 'Running' }], {
      status: 'Running',
    });
    const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    expect(outcome.status).toBe('pending');
    expect(rig.fake.requests({ method: 'DELETE' })).toHaveLength(0);
  });

  it('is pending before the first attempt, and leaves the session alive', async () => {
    const { fg, session } = await sessionWith('liveness', [], { status: 'NotStarted' });
    expect((await fg.getLivenessSessionResult({ sessionId: session.sessionId })).status).toBe('pending');
    expect(rig.fake.requests({ method: 'DELETE' })).toHaveLength(0);
  });

  it('maps a session whose attempts all failed to capture_failed plus the fixable causes', async () => {
    const { result } = await completeResult(
      'liveness',
      [{ error: 'FaceNotFound' }, { error: 'ExcessiveImageBlurDetected' }, { error: 'SomethingNew' }],
      { status: 'Failed' },
    );
    expect(result.verdict).toBeNull();
    expect(result.reasons).toEqual(expect.arrayContaining(['capture_failed', 'no_face', 'blurry']));
    expect(result.decision.outcome).toBe('retry');
    expect(result.warnings.some((w) => w.message.includes('SomethingNew'))).toBe(true);
  });

  it('refuses a succeeded session without any attempt', async () => {
    await expect(completeResult('liveness', [], { status: 'Succeeded' })).rejects.toMatchObject({
      code: 'provider_error',
    });
  });
});

describe('getLivenessSessionResult: with verify', () => {
  it('maps verifyResult of the deciding attempt to faceMatch (matchConfidence → similarity)', async () => {
    const { result, azureId, gets } = await completeResult('verify', [
      { decision: 'realface', verify: { matchConfidence: 0.12, isIdentical: false } },
      { decision: 'realface', verify: { matchConfidence: 0.83, isIdentical: true } },
    ]);
    expect(result.verdict).toBe('live');
    expect(result.faceMatch).toMatchObject({ similarity: 0.83, isMatch: true });
    expect(result.decision.outcome).toBe('pass');
    expect(gets.map((u) => u.pathname)).toEqual([`/face/v1.2/detectLivenessWithVerify-sessions/${azureId}`]);
    expect(gets[0]?.search).toBe('');
  });

  it('rejects a live face that does not match the reference', async () => {
    const { result } = await completeResult('verify', [
      { decision: 'realface', verify: { matchConfidence: 0.08, isIdentical: false } },
    ]);
    expect(result.isLive).toBe(true);
    expect(result.faceMatch?.isMatch).toBe(false);
    expect(result.decision.outcome).toBe('reject');
  });

  it('turns a low-quality reference into a retry reason', async () => {
    const { result } = await completeResult(
      'verify',
      [{ decision: 'realface', verify: { matchConfidence: 0.9, isIdentical: true } }],
      { verifyReferences: [azureVerifyReference('low', { top: 10, left: 10, width: 120, height: 140 })] },
    );
    expect(result.reasons).toContain('low_resolution');
    expect(result.decision.outcome).toBe('retry');
  });

  it('refuses a with-verify attempt that has no verifyResult', async () => {
    await expect(completeResult('verify', [{ decision: 'realface' }])).rejects.toMatchObject({
      code: 'provider_error',
    });
  });
});

describe('getLivenessSessionResult: deleting the session', () => {
  it('DELETEs a plain session once its result was read, revoking the browser token', async () => {
    const { result, azureId } = await completeResult('liveness', [{ decision: 'realface' }]);
    expect(result.verdict).toBe('live');
    const deletes = rig.fake.requests({ method: 'DELETE' });
    expect(deletes.map((r) => r.url.pathname)).toEqual([`/face/v1.2/detectLiveness-sessions/${azureId}`]);
    expect(deletes[0]?.headers['ocp-apim-subscription-key']).toBeDefined();
  });

  it('DELETEs a with-verify session on its own path', async () => {
    const { azureId } = await completeResult('verify', [
      { decision: 'realface', verify: { matchConfidence: 0.9, isIdentical: true } },
    ]);
    expect(rig.fake.requests({ method: 'DELETE' }).map((r) => r.url.pathname)).toEqual([
      `/face/v1.2/detectLivenessWithVerify-sessions/${azureId}`,
    ]);
  });

  it('reads the result once: a second read comes from core’s store, not from the deleted session', async () => {
    const { fg, session, gets } = await sessionWith('liveness', [{ decision: 'realface' }]);
    await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    const again = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    expect(again.status === 'complete' && again.result.session?.reused).toBe(true);
    expect(gets).toHaveLength(1);
    expect(rig.fake.requests({ method: 'DELETE' })).toHaveLength(1);
  });

  it('keeps the session when deleteSession is off (factory or per call)', async () => {
    const off = await sessionWith('liveness', [{ decision: 'realface' }], {}, { deleteSessionAfterResult: false });
    await off.fg.getLivenessSessionResult({ sessionId: off.session.sessionId });
    const perCall = await sessionWith('liveness', [{ decision: 'realface' }]);
    await perCall.fg.getLivenessSessionResult({
      sessionId: perCall.session.sessionId,
      providerOptions: { azure: { deleteSession: false } },
    });
    expect(rig.fake.requests({ method: 'DELETE' })).toHaveLength(0);
  });

  it('still returns the result when the delete fails, with a warning and a log line', async () => {
    const { fg, session } = await sessionWith('liveness', [{ decision: 'realface' }]);
    rig.server.use(
      http.delete(`${rig.base}${PATHS.liveness}/:sessionId`, () =>
        HttpResponse.json({ error: { code: 'InternalServerError', message: 'boom' } }, { status: 500 }),
      ),
    );
    const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    const result = (outcome as { result: LivenessResult }).result;
    expect(result.verdict).toBe('live');
    expect(result.warnings.some((w) => w.message.includes('could not be deleted'))).toBe(true);
    expect(rig.logger.lines.some((l) => l.level === 'warn' && l.fields.code === 'provider_error')).toBe(true);
  });
});

describe('getLivenessSessionResult: unknown sessions', () => {
  it('maps Azure’s 404 SessionNotFound to session_not_found', async () => {
    await expect(
      rig.facegate().getLivenessSessionResult({ sessionId: '8d3c7a52-8a1f-4a4e-9d7e-8f7d2f0b1a11' }),
    ).rejects.toMatchObject({ code: 'session_not_found', httpStatus: 404, vendorCode: 'SessionNotFound' });
  });

  it('refuses an id Azure cannot have issued without calling Azure', async () => {
    await expect(rig.facegate().getLivenessSessionResult({ sessionId: 'session.1' })).rejects.toMatchObject({
      code: 'session_not_found',
    });
    expect(rig.fake.requests()).toHaveLength(0);
  });
});

describe('getLivenessSessionResult: the web SDK digest rule', () => {
  // The digest every attempt built by azureAttempt carries (as Azure returns it, upper-case hex).
  const DIGEST = String((azureAttempt(1, { decision: 'realface' }).result as Record<string, unknown>).digest);
  const read = async (
    clientReport?: Parameters<ReturnType<typeof rig.facegate>['getLivenessSessionResult']>[0]['clientReport'],
  ) => {
    const { fg, session } = await sessionWith('liveness', [{ decision: 'realface' }]);
    const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId, clientReport });
    if (outcome.status !== 'complete') throw new Error('expected complete');
    return outcome.result;
  };

  it('passes when the browser reports the session result’s digest (any case)', async () => {
    const result = await read({ component: 'azure-face-liveness', digest: DIGEST.toLowerCase() });
    expect(result.decision).toEqual({ outcome: 'pass', reasons: [] });
  });

  it('rejects a digest that differs (the browser saw another result): client_result_mismatch', async () => {
    const result = await read({ component: 'azure-face-liveness', digest: `${DIGEST.slice(0, -2)}00` });
    expect(result.decision).toEqual({ outcome: 'reject', reasons: ['client_result_mismatch'] });
    expect(result.isLive).toBe(false);
    expect(result.warnings.map((w) => w.message).join(' ')).toMatch(/does not match/);
  });

  it('sends a report without a digest to review: client_result_missing', async () => {
    const result = await read({ component: 'azure-face-liveness' });
    expect(result.decision).toEqual({ outcome: 'review', reasons: ['client_result_missing'] });
    expect(result.isLive).toBe(false);
  });

  it('treats another component’s report as missing, and a result without a digest as missing too', async () => {
    expect((await read({ component: 'scenario' })).decision.reasons).toEqual(['client_result_missing']);
    answerRawAttempts([{ attemptId: 1, attemptStatus: 'Succeeded', result: { livenessDecision: 'realface' } }]);
    const fg = rig.facegate();
    const session = await fg.createLivenessSession({ deviceCorrelationId: 'd' });
    const outcome = await fg.getLivenessSessionResult({
      sessionId: session.sessionId,
      clientReport: { component: 'azure-face-liveness', digest: DIGEST },
    });
    expect(outcome).toMatchObject({ status: 'complete', result: { decision: { outcome: 'review' } } });
  });

  it('without any report (a server-only caller) compares nothing and says so', async () => {
    const result = await read();
    expect(result.decision.outcome).toBe('pass');
    expect(result.warnings.map((w) => w.message).join(' ')).toMatch(/digest was not compared/);
  });

  it('a spoof stays a reject whatever the digest says', async () => {
    const { fg, session } = await sessionWith('liveness', [{ decision: 'spoofface' }]);
    const outcome = await fg.getLivenessSessionResult({
      sessionId: session.sessionId,
      clientReport: { component: 'azure-face-liveness', digest: DIGEST },
    });
    expect(outcome).toMatchObject({ result: { decision: { outcome: 'reject', reasons: ['spoof_suspected'] } } });
  });
});
