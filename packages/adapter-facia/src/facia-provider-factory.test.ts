import { createProviderRegistry, FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { faciaProviderFactory } from './facia-provider-factory';

const env = { FACIA_BASE_URL: 'http://127.0.0.1:5001', FACIA_HASH_ID: 'factory-hash-0042' };

describe('faciaProviderFactory', () => {
  it('describes its configuration from the environment without network calls', () => {
    expect(faciaProviderFactory.describeConfiguration?.(env)).toEqual({ configured: true, missing: [] });
    expect(faciaProviderFactory.describeConfiguration?.({})).toEqual({
      configured: false,
      missing: ['FACIA_BASE_URL', 'FACIA_HASH_ID'],
    });
    expect(faciaProviderFactory.describeConfiguration?.({ ...env, FACIA_BASE_URL: 'localhost:5001' })).toMatchObject({
      configured: false,
      note: 'FACIA_BASE_URL is not a valid http(s) URL',
    });
  });

  it('marks the hash id as the only secret', () => {
    expect(faciaProviderFactory.envVars.filter((v) => v.secret).map((v) => v.name)).toEqual(['FACIA_HASH_ID']);
  });

  it('builds the provider through a registry from the environment given', async () => {
    const registry = createProviderRegistry({ facia: async () => faciaProviderFactory });
    const provider = await registry.createProvider('facia', undefined, env);
    expect(provider.provider).toBe('facia');
    expect(provider.capabilities).toEqual(faciaProviderFactory.capabilities);
    expect(provider.mediaConstraints.image.formats).toEqual(['jpeg', 'png']);
  });

  it('fails with a configuration_error naming FACIA_HASH_ID when it is missing', async () => {
    const registry = createProviderRegistry({ facia: async () => faciaProviderFactory });
    const error = await registry
      .createProvider('facia', undefined, { FACIA_BASE_URL: env.FACIA_BASE_URL })
      .catch((e) => e);
    expect(FacegateError.isInstance(error)).toBe(true);
    expect((error as FacegateError).code).toBe('configuration_error');
    expect((error as FacegateError).message).toContain('FACIA_HASH_ID');
  });
});
