import type { ConformanceOperation, DocumentedVendorError, MockOutcome } from '@facegate/core/testing';
import { createMswVendorMock, type MswVendorMock } from '@facegate/core/vendor-mock';
import { createRekognitionMock, type RekognitionAnswer, type RekognitionMock } from './rekognition-mock';
import { compareFacesBody, type RekognitionOperation, searchFacesBody } from './rekognition-wire';

/** The Rekognition operation each conformance operation starts with. */
const OPERATION: Record<ConformanceOperation, RekognitionOperation | undefined> = {
  'liveness.session.create': 'CreateFaceLivenessSession',
  'liveness.session.result': 'GetFaceLivenessSessionResults',
  'liveness.image': undefined,
  'liveness.video': undefined,
  'liveness.frames': undefined,
  match: 'CompareFaces',
  'search.index': 'IndexFaces',
  'search.search': 'SearchFacesByImage',
  // removeFaces by external id lists the collection first.
  'search.remove': 'ListFaces',
  quality: 'DetectFaces',
};

const ALL_SUPPORTED: readonly ConformanceOperation[] = [
  'liveness.session.create',
  'liveness.session.result',
  'match',
  'search.index',
  'search.search',
  'search.remove',
  'quality',
];
const IMAGE_OPERATIONS: readonly ConformanceOperation[] = ['match', 'search.index', 'search.search', 'quality'];

/**
 * Rekognition's documented errors and what the AWS adapter maps them to, per
 * operation that can raise them. InvalidParameterException on CompareFaces and
 * SearchFacesByImage is Rekognition's "no face" signal and becomes a `no_face`
 * finding there, so it is listed for the other operations only.
 */
export const AWS_DOCUMENTED_ERRORS: readonly DocumentedVendorError[] = [
  { name: 'AccessDeniedException', expected: { code: 'permission_denied', retryable: false } },
  {
    name: 'InvalidParameterException',
    expected: { code: 'invalid_input', retryable: false },
    operations: ALL_SUPPORTED.filter((op) => op !== 'match' && op !== 'search.search'),
  },
  {
    name: 'ImageTooLargeException',
    expected: { code: 'unsupported_media', retryable: false },
    operations: IMAGE_OPERATIONS,
  },
  {
    name: 'InvalidImageFormatException',
    expected: { code: 'unsupported_media', retryable: false },
    operations: IMAGE_OPERATIONS,
  },
  {
    name: 'InvalidS3ObjectException',
    expected: { code: 'invalid_input', retryable: false },
    operations: IMAGE_OPERATIONS,
  },
  { name: 'ProvisionedThroughputExceededException', expected: { code: 'rate_limited', retryable: true } },
  { name: 'ThrottlingException', expected: { code: 'rate_limited', retryable: true } },
  { name: 'InternalServerError', expected: { code: 'provider_error', retryable: true } },
  {
    name: 'SessionNotFoundException',
    expected: { code: 'session_not_found', retryable: false },
    operations: ['liveness.session.result'],
  },
  {
    name: 'ResourceNotFoundException',
    expected: { code: 'resource_not_found', retryable: false },
    operations: ['search.index', 'search.search', 'search.remove'],
  },
  {
    name: 'ServiceQuotaExceededException',
    expected: { code: 'quota_exceeded', retryable: false },
    operations: ['search.index'],
  },
  {
    name: 'InvalidPaginationTokenException',
    expected: { code: 'invalid_input', retryable: false },
    operations: ['search.remove'],
  },
  { name: 'UnrecognizedClientException', expected: { code: 'auth_failed', retryable: false } },
  { name: 'ExpiredTokenException', expected: { code: 'auth_failed', retryable: false } },
  { name: 'InvalidSignatureException', expected: { code: 'auth_failed', retryable: false } },
  { name: 'ServiceUnavailable', expected: { code: 'provider_unavailable', retryable: true } },
];

/** Options for {@link createAwsVendorMock}. */
export interface AwsVendorMockOptions {
  /** The simulated service (default: a fresh one with collections created on first use). */
  mock?: RekognitionMock;
}

/** The conformance kit's vendor side over the simulated Rekognition (an msw server). */
export type AwsVendorMock = MswVendorMock & { readonly rekognition: RekognitionMock };

/** Translate a conformance outcome into what the simulated Rekognition answers. */
function toAnswer(op: ConformanceOperation, outcome: MockOutcome): RekognitionAnswer {
  switch (outcome.type) {
    case 'success': {
      const score = (outcome.score ?? 0.97) * 100;
      if (op === 'liveness.session.result')
        return { type: 'session', result: { status: 'SUCCEEDED', confidence: score } };
      if (op === 'match') return { type: 'json', body: compareFacesBody([score]) };
      if (op === 'search.search')
        return {
          type: 'json',
          body: searchFacesBody([{ faceId: 'f-conformance', externalId: 'someone', similarity: score }]),
        };
      return { type: 'ok' };
    }
    case 'pending':
      return { type: 'session', result: { status: 'IN_PROGRESS' } };
    case 'documented_error':
      return { type: 'error', name: outcome.name };
    case 'rate_limited':
      return {
        type: 'error',
        name: 'ThrottlingException',
        status: 429,
        message: 'Rate exceeded',
        headers: { 'retry-after': String(outcome.retryAfterSeconds) },
      };
    case 'server_error':
      return outcome.status === 503
        ? { type: 'error', name: 'ServiceUnavailable', status: 503 }
        : { type: 'error', name: 'InternalServerError', status: outcome.status };
    case 'hang':
      return { type: 'hang' };
    case 'malformed':
      return { type: 'malformed', variant: outcome.variant };
  }
}

/**
 * A `VendorMock` for `runConformance`: starts an msw server with the
 * simulated Rekognition's handlers and translates the kit's outcomes into
 * Rekognition wire answers.
 */
export function createAwsVendorMock(options: AwsVendorMockOptions = {}): AwsVendorMock {
  const rekognition = options.mock ?? createRekognitionMock({ autoCreateCollections: true });
  return createMswVendorMock(
    {
      livenessScoring: 'score',
      documentedErrors: AWS_DOCUMENTED_ERRORS,
      handlers: rekognition.handlers,
      reset: () => rekognition.reset(),
      arrange(op, ...outcomes) {
        const operation = OPERATION[op];
        if (!operation) throw new Error(`the AWS adapter has no ${op}`);
        rekognition.arrange(operation, ...outcomes.map((o) => toAnswer(op, o)));
      },
      calls: () => rekognition.calls(),
    },
    { rekognition },
  );
}
