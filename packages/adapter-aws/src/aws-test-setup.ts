// Shared set-up for the adapter's own tests (not part of the package build).

import {
  createFacegate,
  type Facegate,
  type FacegateError,
  type FacegateOptions,
  silentLogger,
  type ValidatedMedia,
  validateImage,
} from '@facegate/core';
import type { CallContext } from '@facegate/core/spec';
import { expectFacegateError, useVendorMock } from '@facegate/core/testing';
import { readFixture } from '../../../test-support/fixtures';
import { AWS_MEDIA_CONSTRAINTS } from './aws-limits';
import { type AwsProvider, createAwsProvider } from './aws-provider';
import type { AwsProviderOptions } from './aws-settings';
import { createAwsVendorMock } from './testing/aws-vendor-mock';
import { createRekognitionMock, type RekognitionMock, type RekognitionMockOptions } from './testing/rekognition-mock';

/** Sentinel credentials: tests check they never leak. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIAFACEGATETESTKEY01',
  secretAccessKey: 'facegate-test-secret-access-key-do-not-leak-42',
};

/** Start a simulated Rekognition for the test file; its state is reset after each test. */
export function useRekognition(options: RekognitionMockOptions = {}): RekognitionMock {
  return useVendorMock(createAwsVendorMock({ mock: createRekognitionMock(options) })).rekognition;
}

/** The adapter with sentinel credentials in eu-west-1 and an empty environment. */
export function awsProvider(options: AwsProviderOptions = {}): AwsProvider {
  return createAwsProvider({ region: 'eu-west-1', credentials: TEST_CREDENTIALS, env: {}, ...options });
}

/** A facegate client around the adapter, without retries unless asked. */
export function awsFacegate(
  options: AwsProviderOptions = {},
  client: Partial<Omit<FacegateOptions, 'provider'>> = {},
): Facegate {
  return createFacegate({
    provider: awsProvider(options),
    resilience: { maxRetries: 0, timeoutMs: 5_000 },
    ...client,
  });
}

/** A call context for calling the adapter directly. */
export function callContext(signal: AbortSignal = new AbortController().signal): CallContext {
  return { signal, logger: silentLogger, attempt: 0 };
}

/** A fixture image validated against the adapter's constraints. */
export function fixtureImage(path: string): ValidatedMedia {
  return validateImage(readFixture(path), AWS_MEDIA_CONSTRAINTS.image);
}

/** The FacegateError a call rejects with, free of the sentinel credentials (fails the test otherwise). */
export function rejection(promise: Promise<unknown>): Promise<FacegateError> {
  return expectFacegateError(promise, { secrets: Object.values(TEST_CREDENTIALS) });
}

/** Base64 of a fixture, as it travels in a Rekognition request body. */
export function base64Fixture(path: string): string {
  return Buffer.from(readFixture(path)).toString('base64');
}
