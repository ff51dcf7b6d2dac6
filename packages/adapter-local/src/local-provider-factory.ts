import type { ProviderFactory } from '@facegate/core/spec';
import { createLocalProvider, LOCAL_CAPABILITIES, type LocalProviderOptions } from './local-provider';

/** Registry entry for the local engine: needs no environment variables and no account. */
export const localProviderFactory: ProviderFactory<LocalProviderOptions> = {
  id: 'local',
  displayName: 'Local (offline, on-device models)',
  envVars: [],
  capabilities: LOCAL_CAPABILITIES,
  describeConfiguration: () => ({ configured: true, missing: [], note: 'runs offline; models ship in npm packages' }),
  create: (options) => createLocalProvider(options ?? {}),
};
