import { randomUUID } from 'node:crypto';

/**
 * Decentro's wire shapes, for the msw handlers and tests. Success bodies
 * follow Decentro's published examples (docs and its OpenAPI file); failure
 * bodies follow its documented `{ decentroTxnId, status: "FAILURE",
 * responseCode, message, responseKey? }` shape.
 */

/** A transaction id shaped like Decentro's (32 upper-case hex characters). */
export function decentroTxnId(): string {
  return randomUUID().replace(/-/g, '').toUpperCase();
}

function success(message: string, data: Record<string, unknown>, responseKey?: string): Record<string, unknown> {
  return {
    decentroTxnId: decentroTxnId(),
    status: 'SUCCESS',
    responseCode: 'S00000',
    message,
    data: { status: 'SUCCESS', ...data },
    ...(responseKey ? { responseKey } : {}),
  };
}

/** A passive image liveness success body; every value is a string, as Decentro sends them. */
export function passiveLivenessBody(data: {
  live: string;
  livenessScore: string | number;
  needToReview: string;
  status?: string;
}): Record<string, unknown> {
  return success('Passive liveness check performed successfully', data, 'success_liveness_check');
}

/** A video liveness success body (`confidence` as a string such as `"1.0"`). */
export function videoLivenessBody(data: { confidence: string | number; status?: string }): Record<string, unknown> {
  return success('Liveliness check performed successfully', data, 'success_liveness_check');
}

/** A face match success body (`match` as a percentage string such as `"98.00%"`). */
export function faceMatchBody(data: { match: string | number; status?: string }): Record<string, unknown> {
  return success('Face scan completed successfully.', data);
}

/** A Decentro failure body. `responseKey` is absent in some documented failures. */
export function failureBody(failure: {
  responseCode: string;
  message: string;
  responseKey?: string;
}): Record<string, unknown> {
  return {
    decentroTxnId: decentroTxnId(),
    status: 'FAILURE',
    responseCode: failure.responseCode,
    message: failure.message,
    ...(failure.responseKey ? { responseKey: failure.responseKey } : {}),
  };
}

/** One documented Decentro failure: how it arrives on the wire. */
export interface DecentroWireError {
  /** HTTP status. ASSUMED where Decentro documents only the body. */
  status: number;
  /** Build the body (a fresh `decentroTxnId` each time). */
  body: () => Record<string, unknown>;
}

/** The name of a documented failure the mock can produce: a `responseKey`, or a `responseCode`. */
export type DecentroWireErrorName =
  | 'error_unauthorized_module'
  | 'error_no_subscription_found'
  | 'error_module_access_expired'
  | 'error_module_credits_exhausted'
  | 'error_insufficient_account_balance'
  | 'error_short_purpose_length'
  | 'error_duplicate_reference_id'
  | 'E00009'
  | 'E00020'
  | 'error_decentro_error'
  | 'error_provider_error';

// Decentro publishes no responseCode for its account/auth response keys; the
// adapter maps by responseKey, so the mock uses a placeholder code there.
const PLACEHOLDER_CODE = 'E00000';

/**
 * Decentro failures the mock can produce, by name (a `responseKey`, or a
 * `responseCode` for failures documented without a key).
 */
export const DECENTRO_WIRE_ERRORS: Readonly<Record<DecentroWireErrorName, DecentroWireError>> = {
  error_unauthorized_module: {
    status: 401,
    body: () =>
      failureBody({
        responseCode: PLACEHOLDER_CODE,
        responseKey: 'error_unauthorized_module',
        message: 'Authentication failed for this module',
      }),
  },
  error_no_subscription_found: {
    status: 403,
    body: () =>
      failureBody({
        responseCode: PLACEHOLDER_CODE,
        responseKey: 'error_no_subscription_found',
        message: 'No subscription details found for this module.',
      }),
  },
  error_module_access_expired: {
    status: 403,
    body: () =>
      failureBody({
        responseCode: PLACEHOLDER_CODE,
        responseKey: 'error_module_access_expired',
        message: 'Module subscription has expired',
      }),
  },
  error_module_credits_exhausted: {
    status: 403,
    body: () =>
      failureBody({
        responseCode: PLACEHOLDER_CODE,
        responseKey: 'error_module_credits_exhausted',
        message: 'You have consumed your credits.',
      }),
  },
  error_insufficient_account_balance: {
    status: 402,
    body: () =>
      failureBody({
        responseCode: PLACEHOLDER_CODE,
        responseKey: 'error_insufficient_account_balance',
        message: 'Insufficient account balance',
      }),
  },
  error_short_purpose_length: {
    status: 400,
    body: () =>
      failureBody({
        responseCode: 'E00009',
        responseKey: 'error_short_purpose_length',
        message: 'Purpose should be at least 20 characters in length.',
      }),
  },
  error_duplicate_reference_id: {
    status: 400,
    body: () => failureBody({ responseCode: 'E00019', message: 'Duplicate Request Reference ID' }),
  },
  E00009: {
    status: 400,
    body: () =>
      failureBody({ responseCode: 'E00009', message: 'Pass either an Image or Image URL, both can not be null.' }),
  },
  E00020: {
    status: 400,
    body: () =>
      failureBody({
        responseCode: 'E00020',
        message: 'File type not allowed. Allowed extensions are PDF, PNG, JPG and JPEG.',
      }),
  },
  error_decentro_error: {
    status: 500,
    body: () =>
      failureBody({
        responseCode: PLACEHOLDER_CODE,
        responseKey: 'error_decentro_error',
        message: 'Something wrong happened at Decentro level',
      }),
  },
  error_provider_error: {
    status: 500,
    body: () =>
      failureBody({
        responseCode: PLACEHOLDER_CODE,
        responseKey: 'error_provider_error',
        message: 'Provider responded with a failure',
      }),
  },
};
