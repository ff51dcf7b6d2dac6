/**
 * `@facegate/core/vendor-mock`: the base of every msw vendor mock. An adapter's
 * mock gives its handlers and how to arrange, count and reset its simulated
 * vendor; this adds the msw server and its start/stop/reset. No vitest here,
 * so an adapter's `testing` entry also loads outside a test runner (simulators
 * in a demo server, benchmark stubs). Needs `msw` (an optional peer dependency).
 * @module
 */
import type { RequestHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import type {
  ConformanceOperation,
  DocumentedVendorError,
  MalformedVariant,
  MockOutcome,
  VendorMock,
} from '../testing/vendor-mock';

/** What an adapter's mock provides to {@link createMswVendorMock}. */
export interface MswVendorMockSpec {
  readonly livenessScoring: VendorMock['livenessScoring'];
  readonly documentedErrors: readonly DocumentedVendorError[];
  readonly malformedVariants?: readonly MalformedVariant[];
  /** The handlers answering like the vendor. */
  readonly handlers: readonly RequestHandler[];
  /** Forget the simulated vendor's arrangements and recorded requests. */
  reset(): void;
  /** Answer the next calls of `operation` with these outcomes; the last one repeats. */
  arrange(operation: ConformanceOperation, ...outcomes: MockOutcome[]): void;
  /** Billable vendor calls received since the last reset. */
  calls(): number;
}

/** A {@link VendorMock} served by an msw server. */
export interface MswVendorMock extends VendorMock {
  /** The msw server (add per-test handlers with `server.use`; they are dropped on reset). */
  readonly server: SetupServer;
  /** Start intercepting; a request no handler answers fails the test (no real vendor is ever called). */
  start(): void;
  stop(): void;
}

/**
 * Build a vendor mock over msw; `extra` (the simulated vendor, its script…)
 * is merged in so tests reach it from the mock.
 */
export function createMswVendorMock<Extra extends object = Record<never, never>>(
  spec: MswVendorMockSpec,
  extra: Extra = {} as Extra,
): MswVendorMock & Extra {
  const server = setupServer(...spec.handlers);
  const mock: MswVendorMock = {
    livenessScoring: spec.livenessScoring,
    documentedErrors: spec.documentedErrors,
    ...(spec.malformedVariants ? { malformedVariants: spec.malformedVariants } : {}),
    server,
    start() {
      server.listen({ onUnhandledRequest: 'error' });
    },
    stop() {
      server.close();
    },
    reset() {
      server.resetHandlers();
      spec.reset();
    },
    arrange: (operation, ...outcomes) => spec.arrange(operation, ...outcomes),
    calls: () => spec.calls(),
  };
  return Object.assign(mock, extra);
}
