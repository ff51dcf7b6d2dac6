import { describeFromEnvVars, type ProviderFactory } from '@facegate/core/spec';
import { createDecentroProvider, DECENTRO_CAPABILITIES } from './decentro-provider';
import { DECENTRO_ENV, DECENTRO_PROVIDER_ID, type DecentroProviderOptions } from './decentro-settings';

/** Registry factory: `FACEGATE_PROVIDER=decentro` plus the `DECENTRO_*` variables. */
export const decentroProviderFactory: ProviderFactory<DecentroProviderOptions> = {
  id: DECENTRO_PROVIDER_ID,
  displayName: 'Decentro KYC forensics',
  capabilities: DECENTRO_CAPABILITIES,
  envVars: [
    { name: DECENTRO_ENV.clientId, required: true, secret: true, description: 'Decentro client_id' },
    { name: DECENTRO_ENV.clientSecret, required: true, secret: true, description: 'Decentro client_secret' },
    { name: DECENTRO_ENV.moduleSecret, required: true, secret: true, description: 'KYC module_secret' },
    {
      name: DECENTRO_ENV.consentPurpose,
      required: true,
      secret: false,
      description: 'Why the face is checked, 20–50 characters, sent as the consent purpose',
    },
    {
      name: DECENTRO_ENV.consent,
      required: true,
      secret: false,
      description: "'true': the app asserts it collects every user's consent before a check",
    },
    {
      name: DECENTRO_ENV.baseUrl,
      required: false,
      secret: false,
      description: 'staging (default) | production | an https:// base URL',
    },
  ],
  describeConfiguration(env) {
    const status = describeFromEnvVars(decentroProviderFactory, env);
    const base = env[DECENTRO_ENV.baseUrl]?.trim() || 'staging';
    return { ...status, note: `calls go to ${base}` };
  },
  create(options, env) {
    return createDecentroProvider({ ...options, env: options?.env ?? env });
  },
};
