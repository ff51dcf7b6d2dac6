import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { FacegateError } from '../errors/facegate-error';
import { DEFAULT_IMAGE_CONSTRAINTS } from '../media/media-constraints';
import { toRawResponse } from '../results/common';
import { createScenarioProvider } from '../scenario/scenario-provider';
import { type FaceProvider, SPECIFICATION_VERSION } from '../spec/face-provider';
import { createRecordingLogger } from '../testing/recording-logger';
import { createFacegate } from './facegate';

const face = readFixture('faces/obama-1.jpg');
const other = readFixture('faces/biden-1.jpg');
const webp = readFixture('media/face-small.webp');
const instant = { sleep: async () => {}, random: () => 0 };

function matchOnly(id: string, similarity: number, overrides: Partial<FaceProvider> = {}): FaceProvider {
  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: id,
    capabilities: ['match'],
    mediaConstraints: { image: { ...DEFAULT_IMAGE_CONSTRAINTS, formats: ['jpeg', 'png'] } },
    async doCompareFaces() {
      return { similarity, reasons: [], raw: toRawResponse({ similarity }), warnings: [] };
    },
    ...overrides,
  };
}

describe('createFacegate', () => {
  it('refuses an adapter built for another spec version, naming the compatible one', () => {
    const bad = { ...matchOnly('x', 1), specificationVersion: 'v1' } as unknown as FaceProvider;
    expect(() => createFacegate({ provider: bad })).toThrowError(/supports v2/);
  });

  it('gives unsupported_operation for operations the provider does not declare', async () => {
    const fg = createFacegate({ provider: matchOnly('m', 0.95) });
    await expect(fg.checkLiveness({ media: { kind: 'image', image: face } })).rejects.toMatchObject({
      code: 'unsupported_operation',
    });
    await expect(fg.searchFaces({ collection: 'c', image: face })).rejects.toMatchObject({
      code: 'unsupported_operation',
    });
    await expect(fg.createLivenessSession()).rejects.toMatchObject({ code: 'unsupported_operation' });
  });

  it('treats a declared capability without its method as unsupported, not a silent no-op', async () => {
    const broken = { ...matchOnly('m', 0.9), capabilities: ['match', 'quality'] } as FaceProvider;
    await expect(createFacegate({ provider: broken }).analyzeQuality({ image: face })).rejects.toMatchObject({
      code: 'unsupported_operation',
    });
  });

  it('applies the policy: provider defaults, then app overrides', async () => {
    const provider = matchOnly('m', 0.85, { policyDefaults: { match: { passAt: 0.8, reviewAt: 0.6 } } });
    expect((await createFacegate({ provider }).compareFaces({ source: face, target: other })).decision.outcome).toBe(
      'pass',
    );
    const strict = createFacegate({ provider, policy: { match: { passAt: 0.9 } } });
    const result = await strict.compareFaces({ source: face, target: other });
    expect(result).toMatchObject({
      isMatch: false,
      similarity: 0.85,
      decision: { outcome: 'review', reasons: ['low_similarity'] },
    });
  });

  it('refuses malformed requests with invalid_input listing the paths', async () => {
    const fg = createFacegate({ provider: matchOnly('m', 0.9) });
    const error = await fg.compareFaces({ source: face } as never).catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(String(error.details.issues)).toContain('target');
    await expect(fg.compareFaces({ source: face, target: other, extra: 1 } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('validates media against the provider constraints before calling it', async () => {
    let called = 0;
    const fg = createFacegate({
      provider: matchOnly('m', 0.9, {
        doCompareFaces: async () => {
          called += 1;
          throw new Error('unreachable');
        },
      }),
    });
    await expect(fg.compareFaces({ source: face, target: webp })).rejects.toMatchObject({ code: 'unsupported_media' });
    expect(called).toBe(0);
  });

  it('warns when a file was mislabelled', async () => {
    const fg = createFacegate({ provider: createScenarioProvider() });
    const result = await fg.compareFaces({ source: face, target: { data: webp, filename: 'doc.jpg' } });
    expect(result.warnings.map((w) => w.type)).toContain('mislabelled_media');
  });

  it('fails closed when an adapter returns an invalid observation', async () => {
    const liar = matchOnly('liar', 0.9, {
      doCompareFaces: async () => ({ similarity: 97, reasons: [], raw: toRawResponse({}), warnings: [] }),
    });
    const logger = createRecordingLogger();
    await expect(
      createFacegate({ provider: liar, logger }).compareFaces({ source: face, target: other }),
    ).rejects.toMatchObject({ code: 'provider_error' });
    expect(logger.text()).toContain('adapter returned an invalid observation');
  });

  it('falls back to the next provider on provider_unavailable and says who answered', async () => {
    const down = createScenarioProvider({ mode: 'outage' });
    const backup = matchOnly('backup', 0.97);
    const fg = createFacegate({ provider: [down, backup], resilience: { maxRetries: 1, ...instant } });
    const result = await fg.compareFaces({ source: face, target: other });
    expect(result.provider).toBe('backup');
    expect(result.warnings).toContainEqual({
      type: 'fallback',
      message: 'answered by backup after scenario (provider_unavailable) failed',
    });
    expect(down.script.calls('match')).toBe(2);
  });

  it('does not fall back on errors that another provider would repeat or that concern the caller', async () => {
    const primary = createScenarioProvider();
    primary.script.arrange('match', { type: 'vendor_error', name: 'Unauthorized' });
    let backupCalls = 0;
    const backup = matchOnly('backup', 0.97, {
      doCompareFaces: async () => {
        backupCalls += 1;
        return { similarity: 1, reasons: [], raw: toRawResponse({}), warnings: [] };
      },
    });
    await expect(
      createFacegate({ provider: [primary, backup] }).compareFaces({ source: face, target: other }),
    ).rejects.toMatchObject({ code: 'auth_failed' });
    expect(backupCalls).toBe(0);
  });

  it('never falls back for 1:N search: another provider holds another gallery', async () => {
    const down = createScenarioProvider({ mode: 'outage' });
    const other = createScenarioProvider();
    const fg = createFacegate({ provider: [down, other], resilience: { maxRetries: 0, ...instant } });
    await expect(fg.searchFaces({ collection: 'users', image: face })).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    expect(other.script.calls()).toBe(0);
  });

  describe('liveness sessions', () => {
    it('returns the stored result on a second read, never a fresh verdict', async () => {
      const provider = createScenarioProvider();
      const fg = createFacegate({ provider });
      const session = await fg.createLivenessSession();
      expect(session.client).toMatchObject({ component: 'scenario', sessionId: session.sessionId });
      const first = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
      // The vendor would now say spoof; the stored first result must come back unchanged.
      provider.script.arrange('liveness.session.result', { type: 'liveness', verdict: 'spoof', confidence: 0.01 });
      const second = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
      if (first.status !== 'complete' || second.status !== 'complete') throw new Error('expected complete');
      expect(first.result.session).toEqual({ id: session.sessionId, reused: false });
      expect(second.result.session).toEqual({ id: session.sessionId, reused: true });
      expect(second.result.decision).toEqual(first.result.decision);
      expect(provider.script.calls('liveness.session.result')).toBe(1);
    });

    it('reports pending, then session_expired once the session outlived its expiry', async () => {
      let now = Date.parse('2026-11-23T10:00:00Z');
      const realNow = Date.now;
      const provider = createScenarioProvider({ now: () => now, pendingPolls: 10, sessionTtlSeconds: 60 });
      const fg = createFacegate({ provider });
      Date.now = () => now;
      try {
        const session = await fg.createLivenessSession();
        expect(await fg.getLivenessSessionResult({ sessionId: session.sessionId })).toMatchObject({
          status: 'pending',
        });
        now += 61_000;
        await expect(fg.getLivenessSessionResult({ sessionId: session.sessionId })).rejects.toMatchObject({
          code: 'session_expired',
        });
      } finally {
        Date.now = realNow;
      }
    });

    it('refuses an unknown session with session_not_found', async () => {
      const fg = createFacegate({ provider: createScenarioProvider() });
      await expect(fg.getLivenessSessionResult({ sessionId: 'not-a-session' })).rejects.toMatchObject({
        code: 'session_not_found',
      });
    });

    it('refuses a session id with unexpected characters before calling the vendor', async () => {
      const provider = createScenarioProvider();
      await expect(
        createFacegate({ provider }).getLivenessSessionResult({ sessionId: '../../etc/passwd' }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      expect(provider.script.calls()).toBe(0);
    });
  });

  it('reports health: ready, or down with the error code', async () => {
    expect(await createFacegate({ provider: createScenarioProvider() }).checkHealth()).toEqual({
      status: 'ready',
      provider: 'scenario',
    });
    const down = createFacegate({ provider: createScenarioProvider({ mode: 'outage' }), resilience: instant });
    expect(await down.checkHealth()).toEqual({ status: 'down', detail: 'provider_unavailable', provider: 'scenario' });
  });

  it('exposes FacegateError for every failure path, never a raw vendor error', async () => {
    const thrower = matchOnly('t', 0.9, {
      doCompareFaces: async () => {
        throw Object.assign(new Error('socket hang up'), { config: { headers: { Authorization: 'Bearer x' } } });
      },
    });
    const error = await createFacegate({ provider: thrower })
      .compareFaces({ source: face, target: other })
      .catch((e) => e);
    expect(FacegateError.isInstance(error)).toBe(true);
    expect(error.code).toBe('provider_error');
  });
});

describe('secret scrubbing, per client', () => {
  const SECRET_A = 'client-a-secret-5e6f7a8b';
  const SECRET_B = 'client-b-secret-1c2d3e4f';
  const echoed = [SECRET_A, SECRET_B];

  /** A provider holding `secret` whose vendor echoes both secrets in errors, warnings, raw and logs. */
  function leaky(id: string, secret: string, fail: boolean, Err: typeof FacegateError = FacegateError): FaceProvider {
    return matchOnly(id, 0.9, {
      secrets: () => [secret],
      async doCompareFaces(_request, ctx) {
        ctx.logger.warn({ echoed }, `vendor echoed ${echoed.join(' ')}`);
        if (fail)
          throw new Err({
            code: 'auth_failed',
            message: `vendor refused ${echoed.join(' and ')}`,
            provider: id,
            vendorCode: SECRET_A,
            details: { echoed },
            cause: new Error(`401 for ${echoed.join(' ')}`),
          });
        return {
          similarity: 0.9,
          reasons: [],
          raw: toRawResponse({ echoed }),
          warnings: [{ type: 'other', message: `vendor echoed ${echoed.join(' ')}` }],
        };
      },
    });
  }

  async function outputs(fg: ReturnType<typeof createFacegate>) {
    const error = await fg.compareFaces({ source: face, target: other }).catch((e) => e);
    return `${error.message}|${error.stack}|${inspect(error, { depth: 10 })}|${JSON.stringify(error)}`;
  }

  it("removes a client's own secrets from its errors and logs, and only its own", async () => {
    const logA = createRecordingLogger();
    const logB = createRecordingLogger();
    const a = createFacegate({ provider: leaky('a', SECRET_A, true), logger: logA, resilience: instant });
    const b = createFacegate({ provider: leaky('b', SECRET_B, true), logger: logB, resilience: instant });
    const fromA = await outputs(a);
    const fromB = await outputs(b);
    expect(fromA).not.toContain(SECRET_A);
    expect(fromA).toContain(SECRET_B);
    expect(fromB).not.toContain(SECRET_B);
    expect(fromB).toContain(SECRET_A);
    expect(logA.text()).not.toContain(SECRET_A);
    expect(logA.text()).toContain(SECRET_B);
    expect(logB.text()).not.toContain(SECRET_B);
  });

  it("does not change a client's output when another client is built", async () => {
    const b = createFacegate({ provider: leaky('b', SECRET_B, true), resilience: instant });
    const before = (await b.compareFaces({ source: face, target: other }).catch((e) => e)).toJSON();
    createFacegate({ provider: leaky('a', SECRET_A, true) });
    const after = (await b.compareFaces({ source: face, target: other }).catch((e) => e)).toJSON();
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).toContain(SECRET_A);
  });

  it('removes the secrets of every provider in a fallback chain from warnings and raw', async () => {
    const fg = createFacegate({ provider: [leaky('a', SECRET_A, false), leaky('b', SECRET_B, false)] });
    const result = await fg.compareFaces({ source: face, target: other });
    expect(JSON.stringify(result)).not.toContain(SECRET_A);
    expect(JSON.stringify(result)).not.toContain(SECRET_B);
    expect(result.warnings[0]?.message).toBe('vendor echoed [redacted] [redacted]');
  });

  it('scrubs errors built by another installed copy of core', async () => {
    vi.resetModules();
    const adapterCopy = await import('../index');
    vi.resetModules();
    const clientCopy = await import('../index');
    expect(adapterCopy.FacegateError).not.toBe(clientCopy.FacegateError);
    const fg = clientCopy.createFacegate({
      provider: leaky('a', SECRET_A, true, adapterCopy.FacegateError),
      resilience: instant,
    });
    const error = await fg.compareFaces({ source: face, target: other }).catch((e) => e);
    expect(clientCopy.FacegateError.isInstance(error)).toBe(true);
    expect(error.code).toBe('auth_failed');
    expect(await outputs(fg)).not.toContain(SECRET_A);
  });
});
