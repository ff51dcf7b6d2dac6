import type { EnvSource } from '@facegate/core/adapter-kit';
import type { ProviderFactory } from '@facegate/core/spec';
import { AZURE_CAPABILITIES, createAzureProvider } from './azure-provider';
import { AZURE_ENV, type AzureProviderOptions, resolveAzureSettings } from './azure-settings';

/**
 * Registry factory for Azure AI Face (`FACEGATE_PROVIDER=azure`). Unlike
 * {@link createAzureProvider}, `create` checks the settings at once, so a
 * missing endpoint or key fails at start-up.
 */
export const azureProviderFactory: ProviderFactory<AzureProviderOptions> = {
  id: 'azure',
  displayName: 'Azure AI Face',
  capabilities: AZURE_CAPABILITIES,
  envVars: [
    {
      name: AZURE_ENV.endpoint,
      required: true,
      secret: false,
      description: 'Face resource endpoint, e.g. https://<resource>.cognitiveservices.azure.com',
    },
    {
      name: AZURE_ENV.apiKey,
      required: true,
      secret: true,
      description: 'Face resource key (not needed when a credential or client is passed in code)',
    },
    {
      name: AZURE_ENV.apiVersion,
      required: false,
      secret: false,
      description: 'Face REST API version, a path segment (default v1.2)',
    },
  ],
  create(options: AzureProviderOptions | undefined, env: EnvSource) {
    const settings = { ...options, env: options?.env ?? env };
    resolveAzureSettings(settings, settings.env);
    return createAzureProvider(settings);
  },
};
