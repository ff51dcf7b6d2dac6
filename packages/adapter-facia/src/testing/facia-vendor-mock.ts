import type { ConformanceOperation, MockOutcome } from '@facegate/core/testing';
import { createMswVendorMock, type MswVendorMock } from '@facegate/core/vendor-mock';
import {
  createFaciaHandlers,
  FACIA_ERROR_NAMES,
  type FaciaErrorName,
  type FaciaHandlersOptions,
  type FaciaProcessFaceStep,
  type FaciaServerScript,
} from './facia-handlers';

/** The Facia VendorMock: msw handlers plus the server that serves them. */
export interface FaciaVendorMock extends MswVendorMock {
  /** The mocked server's script, for arranging readiness and inspecting requests. */
  readonly script: FaciaServerScript;
}

const isErrorName = (name: string): name is FaciaErrorName => (FACIA_ERROR_NAMES as readonly string[]).includes(name);

// The vendor's example scores for the half of the answer a test does not look at.
const OTHER_HALF = { live: 0.98765, similarity: 0.9876343 };

function toStep(op: ConformanceOperation, outcome: MockOutcome): FaciaProcessFaceStep {
  switch (outcome.type) {
    case 'success': {
      const score = outcome.score ?? 0.97;
      if (op === 'match') {
        return {
          type: 'result',
          similarityScore: score,
          isMatch: score >= 0.5 ? 1 : 0,
          livenessScore: OTHER_HALF.live,
          isLive: 1,
        };
      }
      if (outcome.verdict === 'inconclusive') throw new Error('facia mock: Facia has no inconclusive label');
      const live = outcome.verdict === undefined ? score >= 0.5 : outcome.verdict === 'live';
      return {
        type: 'result',
        livenessScore: score,
        isLive: live ? 1 : 0,
        similarityScore: OTHER_HALF.similarity,
        isMatch: 1,
      };
    }
    case 'documented_error':
      if (!isErrorName(outcome.name)) throw new Error(`facia mock: unknown documented error ${outcome.name}`);
      return { type: 'documented_error', name: outcome.name };
    case 'rate_limited':
      return {
        type: 'status',
        status: 429,
        body: 'Too Many Requests',
        retryAfter: String(outcome.retryAfterSeconds),
      };
    case 'server_error':
      return { type: 'status', status: outcome.status, body: 'Internal Server Error' };
    case 'hang':
      return { type: 'hang' };
    case 'malformed':
      return { type: 'malformed', variant: outcome.variant };
    case 'pending':
      throw new Error('facia mock: Facia has no pending state');
  }
}

/**
 * A `VendorMock` over {@link createFaciaHandlers} for `runConformance`.
 * Both conformance operations Facia supports (`liveness.image`, `match`) are
 * the same `POST /process_face`; `calls()` counts those calls (the billable
 * ones), not the `status_check` probes, which answer "Service is live" unless
 * arranged otherwise through `script`.
 */
export function createFaciaVendorMock(options: FaciaHandlersOptions = {}): FaciaVendorMock {
  const { handlers, script } = createFaciaHandlers(options);
  const spec = {
    livenessScoring: 'score',
    documentedErrors: [
      { name: 'InvalidCredentials', expected: { code: 'auth_failed', retryable: false } },
      { name: 'CorruptSelfieImage', expected: { code: 'invalid_input', retryable: false } },
      { name: 'CorruptDocumentImage', expected: { code: 'invalid_input', retryable: false } },
      { name: 'MissingImage', expected: { code: 'invalid_input', retryable: false } },
      { name: 'RequestLimitReached', expected: { code: 'quota_exceeded', retryable: false } },
    ],
    handlers,
    reset: () => script.reset(),
    arrange(op: ConformanceOperation, ...outcomes: MockOutcome[]) {
      if (op !== 'liveness.image' && op !== 'match') throw new Error(`facia mock: Facia does not do ${op}`);
      script.arrangeProcessFace(...outcomes.map((outcome) => toStep(op, outcome)));
    },
    calls: () => script.processFaceRequests.length,
  } as const;
  return createMswVendorMock(spec, { script });
}
