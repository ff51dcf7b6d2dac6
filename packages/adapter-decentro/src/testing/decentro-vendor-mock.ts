import type { ConformanceOperation, DocumentedVendorError } from '@facegate/core/testing';
import { createMswVendorMock, type MswVendorMock } from '@facegate/core/vendor-mock';
import {
  createDecentroMock,
  type DecentroMock,
  type DecentroMockOperation,
  type DecentroMockOptions,
} from './decentro-handlers';
import type { DecentroWireErrorName } from './decentro-wire';

const OPERATIONS: Partial<Record<ConformanceOperation, DecentroMockOperation>> = {
  'liveness.image': 'liveness.image',
  'liveness.video': 'liveness.video',
  match: 'match',
};

/** Each documented Decentro failure and what the adapter must map it to. */
export const DECENTRO_DOCUMENTED_ERRORS: readonly (DocumentedVendorError & { name: DecentroWireErrorName })[] = [
  { name: 'error_unauthorized_module', expected: { code: 'auth_failed', retryable: false } },
  { name: 'error_no_subscription_found', expected: { code: 'permission_denied', retryable: false } },
  { name: 'error_module_access_expired', expected: { code: 'permission_denied', retryable: false } },
  { name: 'error_module_credits_exhausted', expected: { code: 'quota_exceeded', retryable: false } },
  { name: 'error_insufficient_account_balance', expected: { code: 'quota_exceeded', retryable: false } },
  { name: 'error_short_purpose_length', expected: { code: 'configuration_error', retryable: false } },
  { name: 'error_duplicate_reference_id', expected: { code: 'provider_error', retryable: true } },
  { name: 'E00009', expected: { code: 'invalid_input', retryable: false } },
  { name: 'E00020', expected: { code: 'unsupported_media', retryable: false } },
  { name: 'error_decentro_error', expected: { code: 'provider_error', retryable: true } },
  { name: 'error_provider_error', expected: { code: 'provider_error', retryable: true } },
];

/** The conformance kit's view of the simulated Decentro, plus the mock and msw server behind it. */
export interface DecentroVendorMock extends MswVendorMock {
  /** The simulated Decentro (arrange Decentro-specific answers, read received requests). */
  readonly decentro: DecentroMock;
}

/**
 * A `VendorMock` over msw handlers that answer like Decentro.
 *
 * `livenessScoring` is `score`: image liveness has a score and a two-valued
 * label (`live: yes | no`) but no "inconclusive" label, and video liveness
 * has a score only, so the kit's three-label checks cannot apply; the
 * adapter's own tests cover the yes/no mapping.
 */
export function createDecentroVendorMock(options: DecentroMockOptions = {}): DecentroVendorMock {
  const decentro = createDecentroMock(options);
  return createMswVendorMock(
    {
      livenessScoring: 'score',
      documentedErrors: DECENTRO_DOCUMENTED_ERRORS,
      handlers: decentro.handlers,
      reset: () => decentro.reset(),
      arrange(operation, ...outcomes) {
        const target = OPERATIONS[operation];
        if (!target) throw new Error(`Decentro does not offer ${operation}`);
        decentro.arrange(target, ...outcomes);
      },
      calls: () => decentro.requests.length,
    },
    { decentro },
  );
}
