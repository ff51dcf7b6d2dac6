import type { RequestHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { FacegateErrorCode } from '../errors/error-codes';
import { FacegateError } from '../errors/facegate-error';
import type { VendorMock } from './vendor-mock';

/** Start a vendor mock for this test file, reset it after each test, stop it at the end. */
export function useVendorMock<M extends VendorMock>(mock: M): M {
  beforeAll(() => mock.start?.());
  afterEach(() => mock.reset());
  afterAll(() => mock.stop?.());
  return mock;
}

/**
 * An msw server for this test file over handlers that are not a vendor mock
 * (e.g. a credentials service): listening for the file, per-test handlers
 * dropped after each test, unhandled requests fail the test.
 */
export function useMswServer(...handlers: RequestHandler[]): SetupServer {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** What {@link expectFacegateError} also checks. */
export interface ExpectFacegateErrorOptions {
  /** The code the error must have. */
  readonly code?: FacegateErrorCode;
  /** Values that must appear neither in the message nor in the serialized error (credentials). */
  readonly secrets?: readonly string[];
}

/**
 * Await a call that must fail with a FacegateError and return the error.
 * Fails the test when the call resolves or throws anything else.
 */
export async function expectFacegateError(
  promise: Promise<unknown> | (() => unknown),
  options: ExpectFacegateErrorOptions = {},
): Promise<FacegateError> {
  const error = await Promise.resolve()
    .then(() => (typeof promise === 'function' ? promise() : promise))
    .then(
      (value) => {
        throw new Error(`expected a FacegateError, got ${JSON.stringify(value)?.slice(0, 200)}`);
      },
      (thrown: unknown) => thrown,
    );
  expect(FacegateError.isInstance(error), String(error)).toBe(true);
  const failure = error as FacegateError;
  if (options.code !== undefined) expect(failure.code, failure.message).toBe(options.code);
  if (options.secrets?.length) {
    const text = `${failure.message} ${JSON.stringify(failure)}`;
    for (const secret of options.secrets) expect(text).not.toContain(secret);
  }
  return failure;
}
