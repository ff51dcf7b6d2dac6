// Test-only helper (not exported): one mocked Facia server per test file.
import { createFacegate, type Facegate } from '@facegate/core';
import { useVendorMock } from '@facegate/core/testing';
import { createFaciaProvider, type FaciaProvider } from './facia-provider';
import type { FaciaProviderOptions } from './facia-settings';
import { createFaciaVendorMock, FACIA_TEST_BASE_URL, type FaciaVendorMock } from './testing/index';

/** The hash id the tests configure; the mock refuses any other. */
export const TEST_HASH_ID = 'facia-test-hash-id-4b1d0c22';

/** What a test file gets from {@link useFaciaTestServer}. */
export interface FaciaTestServer {
  readonly mock: FaciaVendorMock;
  /** A provider against the mock (no environment). */
  provider(options?: FaciaProviderOptions): FaciaProvider;
  /** A client around a fresh provider; no retries unless asked, sleeps recorded, not waited. */
  client(options?: { maxRetries?: number; provider?: FaciaProviderOptions }): Facegate & { delays: number[] };
}

/** Start the mock for this file, reset it after each test. */
export function useFaciaTestServer(): FaciaTestServer {
  const mock = useVendorMock(createFaciaVendorMock({ baseUrl: FACIA_TEST_BASE_URL, hashId: TEST_HASH_ID }));
  const provider = (options: FaciaProviderOptions = {}) =>
    createFaciaProvider({ baseUrl: FACIA_TEST_BASE_URL, hashId: TEST_HASH_ID, env: {}, ...options });
  return {
    mock,
    provider,
    client(options = {}) {
      const delays: number[] = [];
      const fg = createFacegate({
        provider: provider(options.provider),
        resilience: {
          timeoutMs: 5_000,
          maxRetries: options.maxRetries ?? 0,
          random: () => 0.5,
          sleep: async (ms) => {
            delays.push(ms);
          },
        },
      });
      return Object.assign(fg, { delays });
    },
  };
}
