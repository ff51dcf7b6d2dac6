import { randomUUID } from 'node:crypto';
import type { ConformanceOperation, DocumentedVendorError, MalformedVariant } from '@facegate/core/testing';

// Azure Face v1.2 wire shapes (from @azure-rest/ai-vision-face's outputModels and
// Microsoft's REST reference), for msw handlers, tests, benchmarks and demos.

/** An HTTP answer the fake Azure service sends. */
export interface AzureWireAnswer {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or raw text when `raw` is set. */
  body?: unknown;
  /** Send this text as is (for malformed answers). */
  raw?: string;
}

/** `{ error: { code, message } }`. */
export function azureErrorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Azure's liveness labels. */
export type AzureLivenessDecision = 'realface' | 'spoofface' | 'uncertain';

/** A face rectangle in pixels. */
export interface AzureFaceRectangle {
  top: number;
  left: number;
  width: number;
  height: number;
}

const FACE: AzureFaceRectangle = { top: 160, left: 210, width: 420, height: 480 };

/** One attempt of a session: a decision (with optional verify result) or an error. */
export function azureAttempt(
  attemptId: number,
  outcome:
    | { decision: AzureLivenessDecision; verify?: { matchConfidence: number; isIdentical: boolean } }
    | { error: string; message?: string }
    | { status: 'Running' | 'NotStarted' },
): Record<string, unknown> {
  const targets = { color: { faceRectangle: FACE } };
  if ('status' in outcome) return { attemptId, attemptStatus: outcome.status };
  if ('error' in outcome)
    return {
      attemptId,
      attemptStatus: 'Failed',
      error: { code: outcome.error, message: outcome.message ?? `Liveness attempt failed: ${outcome.error}`, targets },
    };
  return {
    attemptId,
    attemptStatus: 'Succeeded',
    result: {
      livenessDecision: outcome.decision,
      targets,
      digest: 'B0A803BB7B26F3C8F29CD36030F8E63ED3FAF955FEEF8E01C88AB8FD89CCF761',
      ...(outcome.verify
        ? {
            verifyResult: outcome.verify,
            verifyImageHash: '43B7D8E8769533C3290DBD37A84D821B2C28CB4381DF9C6784DBC4AAF7E45018',
          }
        : {}),
    },
  };
}

/** A with-verify reference face as Azure reports it. */
export function azureVerifyReference(qualityForRecognition: 'low' | 'medium' | 'high' = 'high', face = FACE) {
  return { referenceType: 'image', faceRectangle: face, qualityForRecognition };
}

/** A session as `POST`/`GET /detectLiveness(-WithVerify)-sessions` return it. */
export function azureSessionBody(init: {
  sessionId: string;
  status: 'NotStarted' | 'Running' | 'Succeeded' | 'Failed' | 'Canceled' | (string & {});
  attempts?: Record<string, unknown>[];
  authToken?: string;
  verifyReferences?: Record<string, unknown>[];
}): Record<string, unknown> {
  return {
    sessionId: init.sessionId,
    authToken: init.authToken ?? fakeSessionToken(),
    status: init.status,
    modelVersion: '2024-11-15',
    results: {
      attempts: init.attempts ?? [],
      ...(init.verifyReferences ? { verifyReferences: init.verifyReferences } : {}),
    },
  };
}

/** A short fake of Azure's session token (a JWT in reality). */
export function fakeSessionToken(): string {
  return `eyJhbGciOiJFUzI1NiJ9.fake-session-token.${randomUUID().replace(/-/g, '')}`;
}

/** One entry of `POST /detect`. */
export function azureDetectedFace(
  init: { faceId?: string | null; quality?: 'low' | 'medium' | 'high' | null; rectangle?: AzureFaceRectangle } = {},
): Record<string, unknown> {
  return {
    ...(init.faceId === null ? {} : { faceId: init.faceId ?? randomUUID() }),
    faceRectangle: init.rectangle ?? FACE,
    ...(init.quality === null ? {} : { faceAttributes: { qualityForRecognition: init.quality ?? 'high' } }),
  };
}

/** A JSON answer. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): AzureWireAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'apim-request-id': randomUUID(), ...headers },
    body,
  };
}

/** A 200 answer that is unusable in the given way, derived from a good one. */
export function malformedAzureAnswer(variant: MalformedVariant, good: unknown): AzureWireAnswer {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'apim-request-id': randomUUID() };
  const text = JSON.stringify(good);
  switch (variant) {
    case 'not_json':
      return {
        status: 200,
        headers: { ...headers, 'content-type': 'text/html' },
        raw: '<html><body>Bad gateway</body></html>',
      };
    case 'truncated':
      return { status: 200, headers, raw: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
    case 'wrong_schema':
      return { status: 200, headers, raw: JSON.stringify({ result: 'ok', data: [1, 2, 3] }) };
    case 'empty_body':
      return { status: 200, headers, raw: '' };
  }
}

/** A documented Azure error: its wire form and what the adapter must map it to. */
export interface AzureDocumentedError {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  expected: DocumentedVendorError['expected'];
  operations?: readonly ConformanceOperation[];
}

/**
 * Azure Face errors the adapter maps (codes and messages from Microsoft's
 * "Azure AI Face API error codes" page; the quota answer is the generic
 * Azure AI services one for a used-up free tier).
 */
export const AZURE_DOCUMENTED_ERRORS = {
  InvalidImage: {
    status: 400,
    code: 'InvalidImage',
    message: 'Decoding error, image format unsupported.',
    expected: { code: 'invalid_input', retryable: false },
    operations: ['match'],
  },
  InvalidImageSize: {
    status: 400,
    code: 'InvalidImageSize',
    message: 'Image size is too big.',
    expected: { code: 'invalid_input', retryable: false },
    operations: ['match'],
  },
  BadArgument: {
    status: 400,
    code: 'BadArgument',
    message: 'Request body is invalid.',
    expected: { code: 'invalid_input', retryable: false },
  },
  InvalidDeviceCorrelationId: {
    status: 400,
    code: 'InvalidDeviceCorrelationId',
    message: 'A device correlation ID is required in the request body during session create or session start.',
    expected: { code: 'invalid_input', retryable: false },
    operations: ['liveness.session.create'],
  },
  Unauthorized: {
    status: 401,
    code: '401',
    message:
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    expected: { code: 'auth_failed', retryable: false },
  },
  UnsupportedFeature: {
    status: 403,
    code: 'UnsupportedFeature',
    message:
      'Feature is not supported, missing approval for one or more of the following features: Identification, Verification.',
    expected: { code: 'permission_denied', retryable: false },
  },
  OutOfCallVolumeQuota: {
    status: 403,
    code: '403',
    message: 'Out of call volume quota for FaceAPI. Quota will be replenished in 2.12 days.',
    expected: { code: 'quota_exceeded', retryable: false },
  },
  SessionNotFound: {
    status: 404,
    code: 'SessionNotFound',
    message: 'Session ID is not found. The session ID is expired or does not exist.',
    expected: { code: 'session_not_found', retryable: false },
    operations: ['liveness.session.result'],
  },
  ResourceNotFound: {
    status: 404,
    code: '404',
    message: 'Resource not found',
    expected: { code: 'configuration_error', retryable: false },
    operations: ['liveness.session.create', 'match'],
  },
  ConcurrentOperationConflict: {
    status: 409,
    code: 'ConcurrentOperationConflict',
    message: 'There is a conflict operation on resource, please try later.',
    expected: { code: 'provider_error', retryable: true },
  },
  RateLimitExceeded: {
    status: 429,
    code: '429',
    message: 'Rate limit is exceeded. Try again in 1 seconds.',
    headers: { 'retry-after': '1' },
    expected: { code: 'rate_limited', retryable: true },
  },
  InternalServerError: {
    status: 500,
    code: 'InternalServerError',
    message: 'An internal server error occurred.',
    expected: { code: 'provider_error', retryable: true },
  },
  ServiceUnavailable: {
    status: 503,
    code: 'ServiceUnavailable',
    message: 'The service is temporarily unavailable.',
    expected: { code: 'provider_unavailable', retryable: true },
  },
} as const satisfies Record<string, AzureDocumentedError>;

/** The name of a documented Azure error. */
export type AzureDocumentedErrorName = keyof typeof AZURE_DOCUMENTED_ERRORS;

/** The wire answer for a documented error. */
export function documentedErrorAnswer(name: AzureDocumentedErrorName): AzureWireAnswer {
  const error: AzureDocumentedError = AZURE_DOCUMENTED_ERRORS[name];
  return jsonAnswer(error.status, azureErrorBody(error.code, error.message), {
    'x-ms-error-code': error.code,
    ...error.headers,
  });
}
