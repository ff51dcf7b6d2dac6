import { FacegateError } from '@facegate/core';
import { createRecordingLogger } from '@facegate/core/testing';
import { describe, expect, it } from 'vitest';
import { createFlowProviders, livenessShapeOf } from './flow-providers';

const logger = createRecordingLogger();

describe('createFlowProviders', () => {
  it('the scenario provider does everything itself, with an active challenge', async () => {
    const p = await createFlowProviders({ FACEGATE_PROVIDER: 'scenario' }, logger, 'scenario');
    expect(p.livenessShape).toBe('frames');
    expect(p.search).toBe(p.verification);
    expect(p.documents).toBe(p.verification);
  });

  it('a vendor without its settings fails at start, naming the variables', async () => {
    const failure = await createFlowProviders({ FACEGATE_PROVIDER: 'facia' }, logger, 'scenario').catch((e) => e);
    expect(FacegateError.isInstance(failure)).toBe(true);
    expect(failure.code).toBe('configuration_error');
    expect(failure.message).toContain('FACIA_BASE_URL');
  });

  it('a vendor without search or face finding borrows them from the assist provider', async () => {
    const p = await createFlowProviders(
      {
        FACEGATE_PROVIDER: 'facia',
        FACIA_BASE_URL: 'http://127.0.0.1:9',
        FACIA_HASH_ID: 'sentinel-hash',
        FACEGATE_ASSIST_PROVIDER: 'scenario',
      },
      logger,
      'scenario',
    );
    expect(p.verification.providerIds).toEqual(['facia']);
    expect(p.search.providerIds).toEqual(['scenario']);
    expect(p.documents.providerIds).toEqual(['scenario']);
    expect(p.livenessShape).toBe('image');
  });

  it('an unknown provider id is refused with the known ids', async () => {
    const failure = await createFlowProviders({ FACEGATE_PROVIDER: 'nope' }, logger, 'scenario').catch((e) => e);
    expect(failure.code).toBe('configuration_error');
    expect(failure.message).toMatch(/facia/);
  });
});

describe('livenessShapeOf', () => {
  it('prefers an active challenge, then a vendor session, then one image', () => {
    expect(livenessShapeOf(['liveness.image', 'liveness.session', 'liveness.frames'])).toBe('frames');
    expect(livenessShapeOf(['liveness.image', 'liveness.session'])).toBe('session');
    expect(livenessShapeOf(['liveness.image', 'match'])).toBe('image');
    expect(() => livenessShapeOf(['match'])).toThrow(/no liveness/);
  });
});
