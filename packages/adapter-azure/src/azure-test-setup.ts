import { createFacegate, type Facegate, type FacegateOptions } from '@facegate/core';
import type { CallContext } from '@facegate/core/spec';
import { createRecordingLogger, useVendorMock } from '@facegate/core/testing';
import { afterEach } from 'vitest';
import { createAzureProvider } from './azure-provider';
import type { AzureProviderOptions } from './azure-settings';
import { createAzureVendorMock } from './testing';

/** Test-only: endpoint and key the rig's fake Azure accepts. */
export const RIG_ENDPOINT = 'https://facegate-unit.cognitiveservices.azure.com';
/** Test-only: the rig's sentinel key. */
export const RIG_API_KEY = 'azure-unit-sentinel-key-51d0c2';

/**
 * Test-only: a fake Azure behind msw for one test file, with builders for the
 * adapter, a facegate client around it (no retries, no waiting) and call contexts.
 */
export function useAzureRig() {
  const mock = useVendorMock(createAzureVendorMock({ endpoint: RIG_ENDPOINT, apiKey: RIG_API_KEY }));
  const logger = createRecordingLogger();
  afterEach(() => logger.clear());
  const provider = (options: AzureProviderOptions = {}) =>
    createAzureProvider({ endpoint: RIG_ENDPOINT, apiKey: RIG_API_KEY, env: {}, ...options });
  return {
    mock,
    fake: mock.fake,
    server: mock.server,
    logger,
    base: `${RIG_ENDPOINT}/face/v1.2`,
    provider,
    facegate(options: AzureProviderOptions = {}, extra: Partial<FacegateOptions> = {}): Facegate {
      return createFacegate({
        provider: provider(options),
        logger,
        resilience: { maxRetries: 0, sleep: async () => {} },
        ...extra,
      });
    },
    ctx(signal: AbortSignal = new AbortController().signal): CallContext {
      return { signal, logger, attempt: 0 };
    },
  };
}
