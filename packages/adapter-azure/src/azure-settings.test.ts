import { FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { createAzureProvider } from './azure-provider';
import { azureProviderFactory } from './azure-provider-factory';
import { AZURE_ENV, azureSecrets, resolveAzureSettings } from './azure-settings';

const ENDPOINT = 'https://my-face.cognitiveservices.azure.com';

function settingsError(run: () => unknown): FacegateError {
  try {
    run();
  } catch (error) {
    if (FacegateError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('resolveAzureSettings', () => {
  it('reads endpoint and key from AZURE_FACE_ENDPOINT / AZURE_FACE_API_KEY', () => {
    const settings = resolveAzureSettings(
      {},
      { [AZURE_ENV.endpoint]: `${ENDPOINT}/`, [AZURE_ENV.apiKey]: 'env-key-0123456789' },
    );
    expect(settings).toEqual({
      kind: 'build',
      endpoint: ENDPOINT,
      credential: 'env-key-0123456789',
      apiVersion: 'v1.2',
    });
  });

  it('prefers options over the environment', () => {
    const settings = resolveAzureSettings(
      { endpoint: 'https://other.cognitiveservices.azure.com', apiKey: 'option-key-0123456789' },
      { [AZURE_ENV.endpoint]: ENDPOINT, [AZURE_ENV.apiKey]: 'env-key-0123456789' },
    );
    expect(settings).toMatchObject({
      endpoint: 'https://other.cognitiveservices.azure.com',
      credential: 'option-key-0123456789',
    });
  });

  it('names the option and the env var when the endpoint is missing', () => {
    const error = settingsError(() => resolveAzureSettings({ apiKey: 'k' }, {}));
    expect(error.code).toBe('configuration_error');
    expect(error.message).toContain('endpoint');
    expect(error.message).toContain('AZURE_FACE_ENDPOINT');
  });

  it('names the option and the env var when the key is missing and no credential is given', () => {
    const error = settingsError(() => resolveAzureSettings({ endpoint: ENDPOINT }, {}));
    expect(error.code).toBe('configuration_error');
    expect(error.message).toContain('apiKey');
    expect(error.message).toContain('AZURE_FACE_API_KEY');
  });

  it('needs no key with a credential, and declares a key credential’s key as a secret', () => {
    const key = 'credential-key-5f1e2d3c4b';
    const settings = resolveAzureSettings({ endpoint: ENDPOINT, credential: { key } }, {});
    expect(settings.kind).toBe('build');
    expect(azureSecrets(settings)).toEqual([key]);
    expect(createAzureProvider({ endpoint: ENDPOINT, credential: { key }, env: {} }).secrets?.()).toEqual([key]);
  });

  it('declares the API key as a secret, and none for a token credential', () => {
    const key = 'env-key-scrub-9a8b7c6d5e';
    const env = { [AZURE_ENV.endpoint]: ENDPOINT, [AZURE_ENV.apiKey]: key };
    expect(azureSecrets(resolveAzureSettings({}, env))).toEqual([key]);
    expect(createAzureProvider({ env }).secrets?.()).toEqual([key]);
    const token = { getToken: async () => null };
    expect(azureSecrets(resolveAzureSettings({ endpoint: ENDPOINT, credential: token }, {}))).toEqual([]);
  });

  it('declares no secrets while its settings do not resolve (the first call reports them)', () => {
    expect(createAzureProvider({ env: {} }).secrets?.()).toEqual([]);
  });

  it.each([
    ['not a URL', 'my-face'],
    ['a path', `${ENDPOINT}/face/v1.2`],
    ['another protocol', 'ftp://my-face.cognitiveservices.azure.com'],
  ])('refuses an endpoint that is %s', (_name, endpoint) => {
    const error = settingsError(() => resolveAzureSettings({ endpoint, apiKey: 'k' }, {}));
    expect(error.code).toBe('configuration_error');
    expect(error.message).toContain('AZURE_FACE_ENDPOINT');
  });

  it('takes the API version from AZURE_FACE_API_VERSION and accepts only v1.2', () => {
    expect(resolveAzureSettings({ endpoint: ENDPOINT, apiKey: 'k' }, { [AZURE_ENV.apiVersion]: 'v1.2' })).toMatchObject(
      { apiVersion: 'v1.2' },
    );
    for (const apiVersion of ['v1.2-preview.1', 'v1.1-preview.1', 'v1.3', '2024-11-15']) {
      const error = settingsError(() => resolveAzureSettings({ endpoint: ENDPOINT, apiKey: 'k', apiVersion }, {}));
      expect(error.code).toBe('configuration_error');
      expect(error.message).toContain('only v1.2');
      expect(error.message).toContain(AZURE_ENV.apiVersion);
    }
    const fromEnv = settingsError(() =>
      resolveAzureSettings({ endpoint: ENDPOINT, apiKey: 'k' }, { [AZURE_ENV.apiVersion]: 'v1.2-preview.1' }),
    );
    expect(fromEnv.code).toBe('configuration_error');
  });

  it('adopts a client as it is', () => {
    const client = {} as never;
    expect(resolveAzureSettings({ client }, {})).toEqual({ kind: 'client', client });
  });
});

describe('azureProviderFactory', () => {
  it('declares its env vars and capabilities', () => {
    expect(azureProviderFactory.id).toBe('azure');
    expect(azureProviderFactory.envVars.map((v) => v.name)).toEqual([
      'AZURE_FACE_ENDPOINT',
      'AZURE_FACE_API_KEY',
      'AZURE_FACE_API_VERSION',
    ]);
    expect(azureProviderFactory.envVars.find((v) => v.name === 'AZURE_FACE_API_KEY')?.secret).toBe(true);
    expect([...azureProviderFactory.capabilities].sort()).toEqual(['liveness.reference', 'liveness.session', 'match']);
  });

  it('fails at creation when a setting is missing, and creates a provider from the environment', async () => {
    expect(() => azureProviderFactory.create(undefined, {})).toThrow(/AZURE_FACE_ENDPOINT/);
    const provider = await azureProviderFactory.create(undefined, {
      [AZURE_ENV.endpoint]: ENDPOINT,
      [AZURE_ENV.apiKey]: 'factory-key-0123456789',
    });
    expect(provider.provider).toBe('azure');
  });
});
