import type { DocumentedVendorError } from '@facegate/core/testing';
import { createMswVendorMock, type MswVendorMock } from '@facegate/core/vendor-mock';
import { type AzureFaceFake, type AzureFaceFakeOptions, createAzureFaceFake } from './azure-face-fake';
import { createAzureHandlers } from './azure-handlers';
import { AZURE_DOCUMENTED_ERRORS, type AzureDocumentedError } from './azure-wire';

/** The conformance kit's view of Azure, plus the fake service and msw server behind it. */
export interface AzureVendorMock extends MswVendorMock {
  /** The scriptable fake service (arrangements, recorded requests). */
  readonly fake: AzureFaceFake;
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
  return createMswVendorMock(
    {
      livenessScoring: 'label',
      documentedErrors: AZURE_CONFORMANCE_ERRORS,
      handlers: createAzureHandlers(fake),
      reset: () => fake.reset(),
      arrange: (operation, ...outcomes) => fake.arrange(operation, ...outcomes),
      calls: () => fake.calls(),
    },
    { fake },
  );
}
