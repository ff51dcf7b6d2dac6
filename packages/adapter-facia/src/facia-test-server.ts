// Test-only helper (not exported): one mocked Facia server per test file.
import { createFacegate, type Facegate, FacegateError } from '@facegate/core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
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

/** Start the mock for this file, reset it before each test. */
export function useFaciaTestServer(): FaciaTestServer {
  const mock = createFaciaVendorMock({ baseUrl: FACIA_TEST_BASE_URL, hashId: TEST_HASH_ID });
  beforeAll(() => mock.start?.());
  afterAll(() => mock.stop?.());
  beforeEach(() => {
    mock.reset();
    mock.server.resetHandlers();
  });
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

/** Await a promise that must reject with a FacegateError; returns it. */
export async function expectFacegateError(promise: Promise<unknown>): Promise<FacegateError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a FacegateError, got ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (thrown: unknown) => thrown,
  );
  expect(FacegateError.isInstance(error), String(error)).toBe(true);
  return error as FacegateError;
}
