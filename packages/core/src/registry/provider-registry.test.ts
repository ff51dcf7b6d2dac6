import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { FacegateError } from '../errors/facegate-error';
import { DEFAULT_IMAGE_CONSTRAINTS } from '../media/media-constraints';
import { toRawResponse } from '../results/common';
import { SPECIFICATION_VERSION } from '../spec/face-provider';
import type { ProviderFactory } from '../spec/provider-factory';
import { readFacegateEnv } from './env-config';
import { createProviderRegistry } from './provider-registry';

const face = readFixture('faces/obama-1.jpg');

const fakeVendor: ProviderFactory<{ apiKey?: string }> = {
  id: 'fake',
  displayName: 'Fake vendor',
  capabilities: ['match'],
  envVars: [{ name: 'FAKE_API_KEY', required: true, secret: true, description: 'Fake API key' }],
  create(options, env) {
    const apiKey = options?.apiKey ?? env.FAKE_API_KEY;
    if (!apiKey)
      throw new FacegateError({
        code: 'configuration_error',
        message: 'Fake API key is missing: pass `apiKey` or set FAKE_API_KEY',
        provider: 'fake',
      });
    return {
      specificationVersion: SPECIFICATION_VERSION,
      provider: 'fake',
      capabilities: ['match'],
      mediaConstraints: { image: DEFAULT_IMAGE_CONSTRAINTS },
      doCompareFaces: async () => ({ similarity: 0.99, reasons: [], raw: toRawResponse({}), warnings: [] }),
    };
  },
};

const registry = createProviderRegistry({ fake: async () => fakeVendor });

describe('provider registry', () => {
  it('builds the provider named by FACEGATE_PROVIDER', async () => {
    const fg = await registry.createFacegateFromEnv({ FACEGATE_PROVIDER: 'fake', FAKE_API_KEY: 'k-123456' });
    expect(fg.providerIds).toEqual(['fake']);
    expect((await fg.compareFaces({ source: face, target: face })).provider).toBe('fake');
  });

  it('fails at start, naming the missing env var, when a vendor is chosen without credentials', async () => {
    await expect(registry.createFacegateFromEnv({ FACEGATE_PROVIDER: 'fake' })).rejects.toThrowError(/FAKE_API_KEY/);
  });

  it('builds a fallback chain from FACEGATE_FALLBACK, without duplicates', async () => {
    const fg = await registry.createFacegateFromEnv({
      FACEGATE_PROVIDER: 'fake',
      FACEGATE_FALLBACK: 'scenario, fake',
      FAKE_API_KEY: 'k-123456',
    });
    expect(fg.providerIds).toEqual(['fake', 'scenario']);
  });

  it('applies thresholds and resilience from env', async () => {
    const fg = await registry.createFacegateFromEnv({
      FACEGATE_PROVIDER: 'scenario',
      FACEGATE_MATCH_PASS_AT: '0.96',
      FACEGATE_MATCH_REVIEW_AT: '0.5',
    });
    expect(fg.policyFor('scenario').match).toEqual({ passAt: 0.96, reviewAt: 0.5 });
    expect((await fg.compareFaces({ source: face, target: readFixture('faces/biden-1.jpg') })).decision.outcome).toBe(
      'review',
    );
  });

  it('builds from a plain config object with per-provider options', async () => {
    const fg = await registry.createFacegate({
      provider: 'fake',
      providerOptions: { fake: { apiKey: 'k-abcdef' } },
      env: {},
    });
    expect(fg.providerIds).toEqual(['fake']);
  });

  it('refuses unknown provider ids, listing the known ones', async () => {
    await expect(registry.createFacegateFromEnv({ FACEGATE_PROVIDER: 'nope' })).rejects.toThrowError(
      /known providers: scenario, fake/,
    );
  });

  it('describes which providers are configured and what they support', async () => {
    const status = await registry.describe({});
    expect(status.find((s) => s.id === 'fake')).toMatchObject({
      configured: false,
      missing: ['FAKE_API_KEY'],
      capabilities: ['match'],
    });
    expect(status.find((s) => s.id === 'scenario')).toMatchObject({ configured: true, missing: [] });
  });

  it('configures the scenario provider from FACEGATE_SCENARIO', async () => {
    const fg = await registry.createFacegateFromEnv({ FACEGATE_PROVIDER: 'scenario', FACEGATE_SCENARIO: 'spoof' });
    const result = await fg.checkLiveness({ media: { kind: 'image', image: face } });
    expect(result).toMatchObject({ isLive: false, decision: { outcome: 'reject', reasons: ['spoof_suspected'] } });
    await expect(
      registry.createFacegateFromEnv({ FACEGATE_PROVIDER: 'scenario', FACEGATE_SCENARIO: 'weird' }),
    ).rejects.toMatchObject({ code: 'configuration_error' });
  });
});

describe('readFacegateEnv', () => {
  it('defaults to the local engine and leaves unset values out', () => {
    expect(readFacegateEnv({})).toEqual({ provider: 'local', fallback: [], policy: {}, resilience: {} });
  });

  it.each([
    ['FACEGATE_MATCH_PASS_AT', '1.5'],
    ['FACEGATE_MATCH_PASS_AT', 'high'],
    ['FACEGATE_PROVIDER', 'AWS!'],
    ['FACEGATE_TIMEOUT_MS', '-5'],
    ['FACEGATE_INCONCLUSIVE', 'maybe'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => readFacegateEnv({ [name]: value })).toThrowError(new RegExp(name));
  });
});
