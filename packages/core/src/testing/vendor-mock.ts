import type { Challenge } from '../challenge/challenge';
import type { FacegateErrorCode } from '../errors/error-codes';
import type { Frame } from '../spec/requests';

/** Operations the conformance kit exercises. */
export const CONFORMANCE_OPERATIONS = [
  'liveness.session.create',
  'liveness.session.result',
  'liveness.image',
  'liveness.video',
  'liveness.frames',
  'match',
  'search.index',
  'search.search',
  'search.remove',
  'quality',
] as const;
/** One operation the kit exercises. */
export type ConformanceOperation = (typeof CONFORMANCE_OPERATIONS)[number];

/** Malformed answers every adapter must refuse. */
export const MALFORMED_VARIANTS = ['not_json', 'truncated', 'wrong_schema', 'empty_body'] as const;
/** A kind of malformed vendor answer. */
export type MalformedVariant = (typeof MALFORMED_VARIANTS)[number];

/**
 * How the mocked vendor should answer. `success.score` is on our 0..1 scale:
 * the mock writes it in the vendor's own units (e.g. ×100 for AWS), so the kit
 * can check the adapter maps it back.
 */
export type MockOutcome =
  | { type: 'success'; score?: number; verdict?: 'live' | 'spoof' | 'inconclusive' }
  | { type: 'pending' }
  | { type: 'documented_error'; name: string }
  | { type: 'rate_limited'; retryAfterSeconds: number }
  | { type: 'server_error'; status: number }
  | { type: 'hang' }
  | { type: 'malformed'; variant: MalformedVariant };

/** A vendor error the adapter documents, and what it must map to. */
export interface DocumentedVendorError {
  /** The vendor's name for it, e.g. `ThrottlingException`. */
  name: string;
  expected: { code: FacegateErrorCode; retryable: boolean };
  /** Operations that can raise it (default: all the adapter supports). */
  operations?: readonly ConformanceOperation[];
}

/**
 * The vendor side of the conformance kit. HTTP adapters implement it over msw
 * handlers answering with the vendor's real wire shapes; the scenario provider
 * implements it over its script.
 */
export interface VendorMock {
  /** How the vendor expresses liveness: a score, a label only, or both. */
  readonly livenessScoring: 'score' | 'label' | 'score_and_label';
  readonly documentedErrors: readonly DocumentedVendorError[];
  /** Malformed variants to test (default: all). */
  readonly malformedVariants?: readonly MalformedVariant[];
  /** Start intercepting (e.g. `server.listen()`), once before the suite. */
  start?(): void | Promise<void>;
  /** Stop intercepting, once after the suite. */
  stop?(): void | Promise<void>;
  /** Forget arrangements and counts (called before each test). */
  reset(): void;
  /** Answer the next calls of `operation` with these outcomes; the last one repeats. */
  arrange(operation: ConformanceOperation, ...outcomes: MockOutcome[]): void;
  /** Vendor calls received since the last reset. */
  calls(): number;
}

/** Inputs valid for the adapter under test. */
export interface ConformanceFixtures {
  /** One clear face, within the provider's media constraints. */
  faceImage: Uint8Array;
  /** A different person, within the constraints. */
  otherFaceImage: Uint8Array;
  /** A short clip, for `liveness.video`. */
  video?: Uint8Array;
  /** Frames and their challenge, for `liveness.frames`. */
  frames?: Frame[];
  challenge?: Challenge;
}
