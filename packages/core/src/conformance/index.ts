/**
 * The conformance kit every adapter runs (vitest). Import from
 * `@facegate/core/conformance` in an adapter's test file.
 * @module
 */
export { type RunConformanceOptions, runConformance } from './run-conformance';
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
