import { createFacegate, DEFAULT_IMAGE_CONSTRAINTS, FacegateError } from '@facegate/core';
import { type FaceProvider, SPECIFICATION_VERSION } from '@facegate/core/spec';
import { describe, expect, it } from 'vitest';
import { createFaciaProvider } from './facia-provider';
import { isPlainHttpOffHost, normalizeBaseUrl, resolveFaciaSettings } from './facia-settings';

const HASH = 'hash-from-env-91c2f0';

function configError(run: () => unknown): FacegateError {
  try {
    run();
  } catch (error) {
    expect(FacegateError.isInstance(error)).toBe(true);
    expect((error as FacegateError).code).toBe('configuration_error');
    return error as FacegateError;
  }
  throw new Error('expected a configuration_error');
}

describe('resolveFaciaSettings', () => {
  it('leaves the hash id for the provider to declare as its one secret', () => {
    const provider = createFaciaProvider({ baseUrl: 'http://127.0.0.1:5001', hashId: HASH, env: {} });
    expect(provider.secrets?.()).toEqual([HASH]);
  });

  it("building a Facia provider and client does not change another client's scrubbing", async () => {
    const hashId = 'hash-of-another-client-4d5e6f';
    const echo: FaceProvider = {
      specificationVersion: SPECIFICATION_VERSION,
      provider: 'echo',
      capabilities: [],
      mediaConstraints: { image: DEFAULT_IMAGE_CONSTRAINTS },
      warmUp: async () => {
        throw new FacegateError({ code: 'provider_error', message: `echoed ${hashId}` });
      },
    };
    const other = createFacegate({ provider: echo });
    const before = (await other.warmUp().catch((e) => e)).message;
    createFacegate({ provider: createFaciaProvider({ baseUrl: 'http://127.0.0.1:5001', hashId, env: {} }) });
    const after = (await other.warmUp().catch((e) => e)).message;
    expect(after).toBe(before);
    expect(after).toContain(hashId);
  });

  it('reads FACIA_BASE_URL and FACIA_HASH_ID when the options leave them out', () => {
    expect(resolveFaciaSettings({}, { FACIA_BASE_URL: 'http://127.0.0.1:5001/', FACIA_HASH_ID: ` ${HASH} ` })).toEqual({
      baseUrl: 'http://127.0.0.1:5001',
      hashId: HASH,
      readinessTtlMs: 5_000,
      warmUpTimeoutMs: 15 * 60_000,
      warmUpPollMs: 5_000,
    });
  });

  it('prefers the options over the environment', () => {
    const settings = resolveFaciaSettings(
      {
        baseUrl: 'https://facia.internal/api/',
        hashId: 'option-hash-1234',
        readinessTtlMs: 0,
        warmUpTimeoutMs: 60_000,
        warmUpPollMs: 250,
      },
      { FACIA_BASE_URL: 'http://ignored:1', FACIA_HASH_ID: HASH },
    );
    expect(settings).toEqual({
      baseUrl: 'https://facia.internal/api',
      hashId: 'option-hash-1234',
      readinessTtlMs: 0,
      warmUpTimeoutMs: 60_000,
      warmUpPollMs: 250,
    });
  });

  it.each([
    ['baseUrl', 'FACIA_BASE_URL', { FACIA_HASH_ID: HASH }],
    ['hashId', 'FACIA_HASH_ID', { FACIA_BASE_URL: 'http://127.0.0.1:5001' }],
  ])('names the option %s and the variable %s when the setting is missing', (option, envVar, env) => {
    const error = configError(() => resolveFaciaSettings({}, env));
    expect(error.message).toContain(`\`${option}\``);
    expect(error.message).toContain(envVar);
    expect(error.details).toEqual({ option, envVar });
  });

  it.each(['not a url', 'ftp://127.0.0.1:5001', 'http://127.0.0.1:5001?x=1', 'http://user:pass@127.0.0.1:5001'])(
    'refuses the base URL %s, naming the option and the variable',
    (baseUrl) => {
      const error = configError(() => resolveFaciaSettings({ baseUrl }, { FACIA_HASH_ID: HASH }));
      expect(error.message).toContain('`baseUrl`');
      expect(error.message).toContain('FACIA_BASE_URL');
      expect(error.message).not.toContain('pass@');
    },
  );

  it.each([
    ['readinessTtlMs', -1],
    ['readinessTtlMs', Number.NaN],
    ['warmUpTimeoutMs', -5],
    ['warmUpTimeoutMs', Number.POSITIVE_INFINITY],
    ['warmUpPollMs', Number.NaN],
  ] as const)('refuses %s %s, naming the option', (option, value) => {
    const error = configError(() =>
      resolveFaciaSettings({ baseUrl: 'http://localhost:5001', hashId: HASH, [option]: value }, {}),
    );
    expect(error.message).toContain(option);
    expect(error.details).toEqual({ option });
  });

  it('never puts the hash id into an error message', () => {
    const error = configError(() =>
      resolveFaciaSettings({ baseUrl: 'bad', hashId: 'secret-hash-value-77' }, { FACIA_HASH_ID: 'x' }),
    );
    expect(JSON.stringify(error)).not.toContain('secret-hash-value-77');
  });
});

describe('base URL helpers', () => {
  it('keeps a path prefix and drops trailing slashes', () => {
    expect(normalizeBaseUrl('https://gw.example/facia//')).toBe('https://gw.example/facia');
  });

  it.each([
    ['http://127.0.0.1:5001', false],
    ['http://localhost:5001', false],
    ['http://[::1]:5001', false],
    ['https://facia.example:5001', false],
    ['http://10.0.0.5:5001', true],
    ['http://facia:5001', true],
  ])('%s sends data unencrypted off the host: %s', (url, expected) => {
    expect(isPlainHttpOffHost(url)).toBe(expected);
  });
});
