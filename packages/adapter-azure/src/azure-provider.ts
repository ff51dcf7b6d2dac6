import type { FaceClient } from '@azure-rest/ai-vision-face';
import type { MediaConstraints, PolicyOverrides } from '@facegate/core';
import {
  type CallContext,
  type Capability,
  type FaceMatchOperations,
  type ProviderInfo,
  type SessionLivenessOperations,
  SPECIFICATION_VERSION,
} from '@facegate/core/spec';
import { buildFaceClient } from './azure-client';
import { createAzureLivenessSession, getAzureLivenessSessionResult } from './azure-liveness-session';
import { compareFacesOnAzure } from './azure-match';
import {
  AZURE_PROVIDER_ID,
  type AzureProviderOptions,
  azureSecrets,
  type ResolvedAzureSettings,
  resolveAzureSettings,
} from './azure-settings';

/**
 * What the Azure adapter offers: session liveness (with and without a
 * reference image) and 1:1 matching. Not `search`: Azure identification needs
 * approved access and person groups, which are out of this adapter's scope.
 */
export const AZURE_CAPABILITIES: readonly Capability[] = ['liveness.session', 'liveness.reference', 'match'];

/**
 * Azure Face detect limits: JPEG or PNG (Azure also reads GIF and BMP, which
 * facegate does not accept), up to 6 MB, 36–4096 px per side.
 */
export const AZURE_MEDIA_CONSTRAINTS: MediaConstraints = {
  image: {
    formats: ['jpeg', 'png'],
    maxBytes: 6 * 1024 * 1024,
    minWidth: 36,
    minHeight: 36,
    maxWidth: 4096,
    maxHeight: 4096,
    maxPixels: 4096 * 4096,
  },
};

/**
 * Match thresholds on Azure's verify confidence: Azure sets `isIdentical`
 * at confidence ≥ 0.5 by default, so 0.5 passes; 0.4–0.5 goes to review (our
 * choice of band, not a vendor figure). Liveness is a label, so its band is unused.
 */
export const AZURE_POLICY_DEFAULTS: PolicyOverrides = { match: { passAt: 0.5, reviewAt: 0.4 } };

/** The Azure provider: session liveness (plain and with verify) and 1:1 matching. */
export type AzureProvider = ProviderInfo & SessionLivenessOperations & FaceMatchOperations;

const processEnv = () => (typeof process === 'undefined' ? {} : process.env);

/**
 * Create the Azure AI Face provider.
 *
 * ```ts
 * const azure = createAzureProvider(); // AZURE_FACE_ENDPOINT + AZURE_FACE_API_KEY
 * const azure = createAzureProvider({ endpoint, credential: new DefaultAzureCredential() });
 * ```
 *
 * Settings are read on the first call (use {@link azureProviderFactory} to
 * fail at start-up instead). The Azure SDK's own retries are switched off:
 * facegate's core retries.
 */
export function createAzureProvider(options: AzureProviderOptions = {}): AzureProvider {
  let settings: ResolvedAzureSettings | undefined;
  let client: FaceClient | undefined;
  const getSettings = (): ResolvedAzureSettings => {
    settings ??= resolveAzureSettings(options, options.env ?? processEnv());
    return settings;
  };
  const getClient = (): FaceClient => {
    client ??= buildFaceClient(getSettings());
    return client;
  };
  const defaults = {
    livenessOperationMode: options.livenessOperationMode ?? 'PassiveActive',
    deleteSessionAfterResult: options.deleteSessionAfterResult ?? true,
  } as const;
  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: AZURE_PROVIDER_ID,
    capabilities: AZURE_CAPABILITIES,
    mediaConstraints: AZURE_MEDIA_CONSTRAINTS,
    policyDefaults: AZURE_POLICY_DEFAULTS,
    secrets() {
      try {
        return azureSecrets(getSettings());
      } catch {
        // Settings that do not resolve send no request: nothing to scrub; the first call reports the error.
        return [];
      }
    },
    async doCreateLivenessSession(request, ctx: CallContext) {
      return createAzureLivenessSession(getClient(), request, ctx, defaults);
    },
    async doGetLivenessSessionResult(request, ctx: CallContext) {
      return getAzureLivenessSessionResult(getClient(), request, ctx, defaults);
    },
    async doCompareFaces(request, ctx: CallContext) {
      return compareFacesOnAzure(getClient(), request, ctx);
    },
  };
}
