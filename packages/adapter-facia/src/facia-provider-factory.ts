import type { EnvSource } from '@facegate/core/adapter-kit';
import type { ConfigurationStatus, ProviderFactory } from '@facegate/core/spec';
import { createFaciaProvider, FACIA_CAPABILITIES } from './facia-provider';
import { FACIA_ENV_VARS, FACIA_PROVIDER_ID, type FaciaProviderOptions, normalizeBaseUrl } from './facia-settings';

/** Registry factory for the Facia adapter (`FACEGATE_PROVIDER=facia`). */
export const faciaProviderFactory: ProviderFactory<FaciaProviderOptions> = {
  id: FACIA_PROVIDER_ID,
  displayName: 'Facia (self-hosted liveness + face match server)',
  capabilities: FACIA_CAPABILITIES,
  envVars: [
    {
      name: FACIA_ENV_VARS.baseUrl,
      required: true,
      secret: false,
      description: 'Base URL of the self-hosted Facia server, e.g. http://127.0.0.1:5001',
    },
    {
      name: FACIA_ENV_VARS.hashId,
      required: true,
      secret: true,
      description: 'Merchant hash id from the Facia portal settings, sent in every process_face body',
    },
  ],
  describeConfiguration(env: EnvSource): ConfigurationStatus {
    const missing = Object.values(FACIA_ENV_VARS).filter((name) => !env[name]?.trim());
    const baseUrl = env[FACIA_ENV_VARS.baseUrl]?.trim();
    if (baseUrl && !normalizeBaseUrl(baseUrl)) {
      return { configured: false, missing, note: `${FACIA_ENV_VARS.baseUrl} is not a valid http(s) URL` };
    }
    return { configured: missing.length === 0, missing };
  },
  create(options, env) {
    return createFaciaProvider({ ...options, env: options?.env ?? env });
  },
};
