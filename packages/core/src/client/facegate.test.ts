import { describe, expect, it } from 'vitest';
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
