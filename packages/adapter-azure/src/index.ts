/**
 * `@facegate/adapter-azure`: Azure AI Face for facegate — liveness sessions
 * (plain and with verify against a reference image) and 1:1 face matching
 * (detect + verify), on the official `@azure-rest/ai-vision-face` client.
 *
 * ```ts
 * import { createFacegate } from '@facegate/core';
 * import { createAzureProvider } from '@facegate/adapter-azure';
 *
 * const facegate = createFacegate({ provider: createAzureProvider() });
 * const session = await facegate.createLivenessSession({ deviceCorrelationId });
 * // hand session.client (sessionId + authToken) to Azure's browser component, then:
 * const outcome = await facegate.getLivenessSessionResult({ sessionId: session.sessionId });
 * ```
 * @module
 */
export {
  AZURE_DEFAULT_SESSION_TTL_SECONDS,
  AZURE_LIVENESS_COMPONENT,
} from './azure-liveness-session';
export { AZURE_MATCH_MODELS } from './azure-match';
export {
  AZURE_CAPABILITIES,
  AZURE_MEDIA_CONSTRAINTS,
  AZURE_POLICY_DEFAULTS,
  type AzureProvider,
  createAzureProvider,
} from './azure-provider';
export { azureProviderFactory } from './azure-provider-factory';
export {
  type AzureCompareOptions,
  type AzureCreateSessionOptions,
  type AzureSessionResultOptions,
  azureCompareOptionsSchema,
  azureCreateSessionOptionsSchema,
  azureSessionResultOptionsSchema,
} from './azure-provider-options';
export {
  AZURE_DEFAULT_API_VERSION,
  AZURE_ENV,
  AZURE_IMPLEMENTED_API_VERSIONS,
  AZURE_PROVIDER_ID,
  type AzureLivenessOperationMode,
  type AzureProviderOptions,
} from './azure-settings';
