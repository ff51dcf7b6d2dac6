/**
 * `@facegate/core/testing`: the test kit (vitest) — `runConformance`, the
 * suite every adapter runs against its vendor mock, the `VendorMock`
 * contract, `useVendorMock` and `expectFacegateError` for adapters' own
 * tests, and a recording logger for tests that inspect logs. Needs
 * `vitest` (an optional peer dependency); runtime code never imports it.
 * @module
 */
export { createRecordingLogger, type LogLine, type RecordingLogger } from './recording-logger';
export { type RunConformanceOptions, runConformance } from './run-conformance';
export {
  type ExpectFacegateErrorOptions,
  expectFacegateError,
  useMswServer,
  useVendorMock,
} from './test-helpers';
export {
  CONFORMANCE_OPERATIONS,
  type ConformanceFixtures,
  type ConformanceOperation,
  type DocumentedVendorError,
  MALFORMED_VARIANTS,
  type MalformedVariant,
  type MockOutcome,
  type VendorMock,
} from './vendor-mock';
