// Shared set-up for the adapter's own tests (not part of the package build).

import {
  createFacegate,
  type Facegate,
  type FacegateOptions,
  silentLogger,
  type ValidatedMedia,
  validateImage,
} from '@facegate/core';
import type { CallContext } from '@facegate/core/spec';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { AWS_MEDIA_CONSTRAINTS } from './aws-limits';
import { type AwsProvider, createAwsProvider } from './aws-provider';
import type { AwsProviderOptions } from './aws-settings';
import { createRekognitionMock, type RekognitionMock, type RekognitionMockOptions } from './testing/rekognition-mock';

/** Sentinel credentials: tests check they never leak. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIAFACEGATETESTKEY01',
  secretAccessKey: 'facegate-test-secret-access-key-do-not-leak-42',
};

/** Start a simulated Rekognition for the test file; its state is reset after each test. */
export function useRekognition(options: RekognitionMockOptions = {}): RekognitionMock {
  const rekognition = createRekognitionMock(options);
  const server = setupServer(...rekognition.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => rekognition.reset());
  afterAll(() => server.close());
  return rekognition;
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

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Base64 of a fixture, as it travels in a Rekognition request body. */
export function base64Fixture(path: string): string {
  return Buffer.from(readFixture(path)).toString('base64');
}
