import type { ReasonCode } from '../reasons/reason-codes';

/**
 * The scenario provider's simulated vendor answers. Scores are sent on a
 * 0–100 scale and labels as strings, like real vendors, so the provider's
 * parsing and mapping are exercised exactly as an adapter's would be.
 */
export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Operations the simulated vendor answers. */
export type ScenarioOperation =
  | 'liveness.session.create'
  | 'liveness.session.result'
  | 'liveness.media'
  | 'match'
  | 'search.ensure'
  | 'search.index'
  | 'search.search'
  | 'search.remove'
  | 'quality'
  | 'health';

/** A scripted vendor behaviour for one call. */
export type ScenarioStep =
  /** A plain success from the simulated vendor's state (a missing collection counts as empty). */
  | { type: 'ok' }
  | {
      type: 'liveness';
      verdict?: 'live' | 'spoof' | 'inconclusive' | null;
      confidence?: number | null;
      reasons?: ReasonCode[];
    }
  | {
      type: 'match';
      similarity: number | null;
      vendorIsMatch?: boolean;
      reasons?: ReasonCode[];
      sourceFaces?: number;
      targetFaces?: number;
    }
  | { type: 'search'; similarity: number }
  | { type: 'pending' }
  | { type: 'vendor_error'; name: ScenarioErrorName }
  | { type: 'rate_limited'; retryAfterSeconds: number }
  | { type: 'server_error'; status: number }
  | { type: 'hang' }
  | { type: 'malformed'; variant: 'not_json' | 'truncated' | 'wrong_schema' | 'empty_body' }
  | { type: 'delay'; ms: number; then?: ScenarioStep };

/** The simulated vendor's documented errors: its name, HTTP status, and what it maps to. */
export const SCENARIO_ERRORS = {
  InvalidImage: { status: 400, code: 'invalid_input', retryable: false },
  Unauthorized: { status: 401, code: 'auth_failed', retryable: false },
  Forbidden: { status: 403, code: 'permission_denied', retryable: false },
  QuotaExceeded: { status: 403, code: 'quota_exceeded', retryable: false },
  SessionNotFound: { status: 404, code: 'session_not_found', retryable: false },
  CollectionNotFound: { status: 404, code: 'resource_not_found', retryable: false },
  SessionExpired: { status: 410, code: 'session_expired', retryable: false },
  Throttled: { status: 429, code: 'rate_limited', retryable: true },
  InternalError: { status: 500, code: 'provider_error', retryable: true },
  ServiceUnavailable: { status: 503, code: 'provider_unavailable', retryable: true },
} as const;

/** A documented error of the simulated vendor. */
export type ScenarioErrorName = keyof typeof SCENARIO_ERRORS;

/** Build a JSON answer. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): WireAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Build the error answer for a documented error. */
export function errorAnswer(name: ScenarioErrorName, requestId: string, retryAfterSeconds?: number): WireAnswer {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  return jsonAnswer(
    SCENARIO_ERRORS[name].status,
    { error: { code: name, message: `Scenario vendor error ${name}` }, requestId },
    headers,
  );
}

/** A malformed success (HTTP 200) of the given variant, derived from what a good answer would have been. */
export function malformedAnswer(
  variant: 'not_json' | 'truncated' | 'wrong_schema' | 'empty_body',
  goodAnswer: WireAnswer,
): WireAnswer {
  const good = { ...goodAnswer, status: 200 };
  switch (variant) {
    case 'not_json':
      return { ...good, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' };
    case 'truncated':
      return { ...good, body: good.body.slice(0, Math.max(1, Math.floor(good.body.length / 2))) };
    case 'wrong_schema':
      return jsonAnswer(200, { result: 'ok', data: [1, 2, 3] });
    case 'empty_body':
      return { ...good, body: '' };
  }
}
