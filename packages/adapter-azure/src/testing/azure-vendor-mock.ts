import type { DocumentedVendorError, VendorMock } from '@facegate/core/testing';
import { type SetupServer, setupServer } from 'msw/node';
import { type AzureFaceFake, type AzureFaceFakeOptions, createAzureFaceFake } from './azure-face-fake';
import { createAzureHandlers } from './azure-handlers';
import { AZURE_DOCUMENTED_ERRORS, type AzureDocumentedError } from './azure-wire';

/** The conformance kit's view of Azure, plus the fake service and msw server behind it. */
export interface AzureVendorMock extends VendorMock {
  /** The scriptable fake service (arrangements, recorded requests). */
  readonly fake: AzureFaceFake;
  /** The msw server (add per-test handlers with `server.use`). */
  readonly server: SetupServer;
  /** Start intercepting (`server.listen`, unhandled requests are errors). */
  start(): void;
  /** Stop intercepting. */
  stop(): void;
}

/** Every documented Azure error, as the conformance kit expects it. */
export const AZURE_CONFORMANCE_ERRORS: readonly DocumentedVendorError[] = Object.entries(AZURE_DOCUMENTED_ERRORS).map(
  ([name, error]: [string, AzureDocumentedError]) => ({
    name,
    expected: error.expected,
    ...(error.operations ? { operations: error.operations } : {}),
  }),
);

/**
 * A `VendorMock` (from `@facegate/core/testing`) for the Azure adapter: msw handlers over a fake Azure
 * Face service. Liveness is a label (`livenessScoring: 'label'`); unhandled
 * requests fail the test (no real Azure call is ever made).
 */
export function createAzureVendorMock(options: AzureFaceFakeOptions = {}): AzureVendorMock {
  const fake = createAzureFaceFake(options);
  const server = setupServer(...createAzureHandlers(fake));
  return {
    livenessScoring: 'label',
    documentedErrors: AZURE_CONFORMANCE_ERRORS,
    fake,
    server,
    start() {
      server.listen({ onUnhandledRequest: 'error' });
    },
    stop() {
      server.close();
    },
    reset() {
      fake.reset();
      server.resetHandlers();
    },
    arrange(operation, ...outcomes) {
      fake.arrange(operation, ...outcomes);
    },
    calls() {
      return fake.calls();
    },
  };
}
