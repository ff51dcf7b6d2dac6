import { createProviderRegistry, createScrubber, FacegateError } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { createDecentroProvider } from './decentro-provider';
import { decentroProviderFactory } from './decentro-provider-factory';
import {
  DECENTRO_PRODUCTION_URL,
  DECENTRO_STAGING_URL,
  type DecentroProviderOptions,
  resolveBaseUrl,
  resolveDecentroSettings,
} from './decentro-settings';
import { SENTINEL_CREDENTIALS, TEST_PURPOSE, testOptions } from './decentro-test-setup';

const FULL_ENV = {
  DECENTRO_CLIENT_ID: 'env-client-id',
  DECENTRO_CLIENT_SECRET: 'env-client-secret-value',
  DECENTRO_MODULE_SECRET: 'env-module-secret-value',
  DECENTRO_CONSENT_PURPOSE: TEST_PURPOSE,
  DECENTRO_CONSENT: 'true',
};

function configError(run: () => unknown): FacegateError {
  try {
    run();
  } catch (error) {
    expect(FacegateError.isInstance(error)).toBe(true);
    expect((error as FacegateError).code).toBe('configuration_error');
    expect((error as FacegateError).provider).toBe('decentro');
    return error as FacegateError;
  }
  throw new Error('expected a configuration_error');
}

describe('Decentro settings', () => {
  it('reads every setting from the environment when options leave it out', () => {
    const settings = resolveDecentroSettings({}, FULL_ENV);
    expect(settings).toEqual({
      clientId: 'env-client-id',
      clientSecret: 'env-client-secret-value',
      moduleSecret: 'env-module-secret-value',
      baseUrl: DECENTRO_STAGING_URL,
      consentPurpose: TEST_PURPOSE,
      imageLivenessApi: 'v3-json',
      skipMetadataValidation: false,
      skipVideoMetadataValidation: true,
      faceMatchThreshold: undefined,
    });
  });

  it('prefers options over the environment', () => {
    const settings = resolveDecentroSettings(testOptions({ baseUrl: 'production' }), FULL_ENV);
    expect(settings.clientSecret).toBe(SENTINEL_CREDENTIALS.clientSecret);
    expect(settings.baseUrl).toBe(DECENTRO_PRODUCTION_URL);
  });

  it.each([
    ['clientId', 'DECENTRO_CLIENT_ID'],
    ['clientSecret', 'DECENTRO_CLIENT_SECRET'],
    ['moduleSecret', 'DECENTRO_MODULE_SECRET'],
    ['consentPurpose', 'DECENTRO_CONSENT_PURPOSE'],
  ])('names the option %s and the variable %s when neither is set', (option, envVar) => {
    const env: Record<string, string> = { ...FULL_ENV };
    delete env[envVar];
    const error = configError(() => resolveDecentroSettings({}, env));
    expect(error.message).toContain(`\`${option}\``);
    expect(error.message).toContain(envVar);
    expect(error.details).toEqual({ option, envVar });
  });

  it('requires the app to assert consent, by option or DECENTRO_CONSENT=true', () => {
    const { DECENTRO_CONSENT: _consent, ...withoutConsent } = FULL_ENV;
    const missing = configError(() => resolveDecentroSettings({}, withoutConsent));
    expect(missing.message).toContain('consent: true');
    expect(missing.message).toContain('DECENTRO_CONSENT');
    const wrong = configError(() => resolveDecentroSettings({}, { ...withoutConsent, DECENTRO_CONSENT: 'yes' }));
    expect(wrong.message).toContain("exactly 'true'");
    expect(resolveDecentroSettings({ consent: true }, withoutConsent).consentPurpose).toBe(TEST_PURPOSE);
    configError(() => resolveDecentroSettings({ consent: false as unknown as true }, FULL_ENV));
  });

  it.each([
    ['too short', 'KYC check'],
    ['too long', 'x'.repeat(51)],
  ])('refuses a consent purpose that is %s (Decentro accepts 20–50 characters)', (_label, purpose) => {
    const error = configError(() => resolveDecentroSettings({ consentPurpose: purpose }, FULL_ENV));
    expect(error.message).toContain('20–50 characters');
  });

  it('accepts purposes of exactly 20 and 50 characters', () => {
    for (const purpose of ['p'.repeat(20), 'p'.repeat(50)]) {
      expect(resolveDecentroSettings({ consentPurpose: purpose }, FULL_ENV).consentPurpose).toBe(purpose);
    }
  });

  it('resolves base URLs: staging by default, production, https URLs, http only on localhost', () => {
    expect(resolveBaseUrl(undefined)).toBe(DECENTRO_STAGING_URL);
    expect(resolveBaseUrl('staging')).toBe(DECENTRO_STAGING_URL);
    expect(resolveBaseUrl('production')).toBe(DECENTRO_PRODUCTION_URL);
    expect(resolveBaseUrl('https://kyc.example.test/decentro/')).toBe('https://kyc.example.test/decentro');
    expect(resolveBaseUrl('http://localhost:8080')).toBe('http://localhost:8080');
    expect(configError(() => resolveBaseUrl('http://in.decentro.tech')).message).toContain('https');
    configError(() => resolveBaseUrl('not a url'));
    configError(() => resolveBaseUrl('https://in.decentro.tech/?key=1'));
    configError(() => resolveBaseUrl('https://user:pass@in.decentro.tech'));
  });

  it('checks the image liveness API and the face match threshold', () => {
    configError(() =>
      resolveDecentroSettings(
        { imageLivenessApi: 'v1' as unknown as DecentroProviderOptions['imageLivenessApi'] },
        FULL_ENV,
      ),
    );
    configError(() => resolveDecentroSettings({ faceMatchThreshold: 0.5 }, FULL_ENV));
    configError(() => resolveDecentroSettings({ faceMatchThreshold: 0.96 }, FULL_ENV));
    expect(resolveDecentroSettings({ faceMatchThreshold: 0.8 }, FULL_ENV).faceMatchThreshold).toBe(0.8);
  });

  it('declares the three credentials as secrets, so its client scrubs them from messages', () => {
    const secret = 'scrub-me-decentro-secret-1a2b3c';
    const provider = createDecentroProvider(testOptions({ clientSecret: secret }));
    const secrets = provider.secrets?.() ?? [];
    expect(secrets).toHaveLength(3);
    expect(secrets).toContain(secret);
    const error = createScrubber(secrets).error(
      new FacegateError({ code: 'provider_error', message: `leaked ${secret} here` }),
    );
    expect(error.message).not.toContain(secret);
  });
});

describe('decentroProviderFactory', () => {
  it('declares its id, capabilities and environment variables', () => {
    expect(decentroProviderFactory.id).toBe('decentro');
    expect([...decentroProviderFactory.capabilities]).toEqual(['liveness.image', 'liveness.video', 'match']);
    const required = decentroProviderFactory.envVars.filter((v) => v.required).map((v) => v.name);
    expect(required.sort()).toEqual(Object.keys(FULL_ENV).sort());
    const secret = decentroProviderFactory.envVars.filter((v) => v.secret).map((v) => v.name);
    expect(secret.sort()).toEqual(['DECENTRO_CLIENT_ID', 'DECENTRO_CLIENT_SECRET', 'DECENTRO_MODULE_SECRET']);
  });

  it('reports what the environment lacks without network calls', () => {
    const describe = decentroProviderFactory.describeConfiguration;
    expect(describe?.({ ...FULL_ENV })).toEqual({ configured: true, missing: [], note: 'calls go to staging' });
    expect(describe?.({ DECENTRO_CLIENT_ID: 'x', DECENTRO_BASE_URL: 'production' })).toEqual({
      configured: false,
      missing: ['DECENTRO_CLIENT_SECRET', 'DECENTRO_MODULE_SECRET', 'DECENTRO_CONSENT_PURPOSE', 'DECENTRO_CONSENT'],
      note: 'calls go to production',
    });
  });

  it('builds the provider through the registry from the environment', async () => {
    const registry = createProviderRegistry({ decentro: async () => decentroProviderFactory });
    const provider = await registry.createProvider('decentro', undefined, FULL_ENV);
    expect(provider.provider).toBe('decentro');
    expect(typeof provider.doCheckLiveness).toBe('function');
    await expect(registry.createProvider('decentro', undefined, {})).rejects.toMatchObject({
      code: 'configuration_error',
    });
  });
});
