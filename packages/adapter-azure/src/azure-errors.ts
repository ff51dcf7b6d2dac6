import type { FacegateError, FacegateErrorCode } from '@facegate/core';
import { httpError, parseJsonBody, parseRetryAfter } from '@facegate/core/adapter-kit';
import { azureErrorBodySchema } from './azure-schemas';
import { AZURE_PROVIDER_ID } from './azure-settings';

/** An HTTP answer from Azure, as read off the wire. */
export interface AzureAnswer {
  status: number;
  /** The body text, exactly as received. */
  text: string;
  /** Response headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** Azure's request id (`apim-request-id`), for support tickets. */
  requestId?: string;
}

/** What the failed call addressed: a 404 on a session means the session is gone, elsewhere a wrong endpoint. */
export type AzureCallKind = 'session' | 'service';

const ACCESS_HINT =
  'Azure Face needs Limited Access approval for identification/verification (faceId) and the liveness client; apply at https://aka.ms/facerecognition';

/** Read `{ error: { code, message } }` without trusting it; `x-ms-error-code` is the fallback code. */
function readVendorError(answer: AzureAnswer): { code?: string; message?: string } {
  let body: unknown;
  try {
    body = parseJsonBody(answer.text, { provider: AZURE_PROVIDER_ID, operation: 'error' });
  } catch {
    body = undefined; // an empty, HTML or truncated error page still has its status
  }
  const parsed = azureErrorBodySchema.safeParse(body);
  const code = parsed.success && parsed.data.error.code !== undefined ? String(parsed.data.error.code) : undefined;
  return {
    code: code ?? answer.headers['x-ms-error-code'],
    message: parsed.success ? parsed.data.error.message : undefined,
  };
}

/** Retry-After in seconds or as a date; Azure may also send `retry-after-ms` / `x-ms-retry-after-ms`. */
function readRetryAfter(headers: AzureAnswer['headers']): number | undefined {
  const ms = headers['retry-after-ms'] ?? headers['x-ms-retry-after-ms'];
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  return parseRetryAfter(headers['retry-after']);
}

interface Mapping {
  code?: FacegateErrorCode;
  retryable?: boolean;
  hint?: string;
}

function mapAzureError(status: number, vendorCode: string | undefined, message: string, kind: AzureCallKind): Mapping {
  switch (status) {
    case 400:
      // InvalidImage (undecodable, no face, several faces), InvalidImageSize (<1 KB, >6 MB),
      // BadArgument, InvalidRequestBody, InvalidTokenLifetime, InvalidLivenessOperationMode,
      // InvalidDeviceCorrelationId: all are the request's fault.
      return { code: 'invalid_input', retryable: false };
    case 401:
      return {
        code: 'auth_failed',
        retryable: false,
        hint: 'check the key or credential and that the endpoint is this resource’s regional endpoint',
      };
    case 403:
      if (vendorCode === 'QuotaExceeded' || /quota/i.test(message)) return { code: 'quota_exceeded', retryable: false };
      if (vendorCode === 'UnsupportedFeature')
        return { code: 'permission_denied', retryable: false, hint: ACCESS_HINT };
      return { code: 'permission_denied', retryable: false };
    case 404:
      if (kind === 'session' || vendorCode === 'SessionNotFound')
        return {
          code: 'session_not_found',
          retryable: false,
          hint: 'Azure reports expired and unknown sessions alike',
        };
      // The faceIds were issued moments ago; a fresh detect + verify fixes it.
      if (vendorCode === 'FaceNotFound') return { code: 'provider_error', retryable: true };
      return {
        code: 'configuration_error',
        retryable: false,
        hint: 'the path does not exist: check AZURE_FACE_ENDPOINT (a Face resource) and the API version',
      };
    case 409:
      // ConcurrentOperationConflict: "please try later".
      return { code: 'provider_error', retryable: true };
    default:
      return {}; // status defaults: 408 timeout, 413/422 invalid_input, 415 unsupported_media, 429 rate_limited, 5xx retryable
  }
}

/**
 * The {@link FacegateError} for an Azure error answer: code and retryability
 * from the status and Azure's error code, Retry-After, the request id, and a
 * scrubbed vendor message (plus a hint where Azure's own is not enough).
 */
export function azureError(operation: string, answer: AzureAnswer, kind: AzureCallKind): FacegateError {
  const vendor = readVendorError(answer);
  const mapping = mapAzureError(answer.status, vendor.code, vendor.message ?? '', kind);
  const vendorMessage = [vendor.message, mapping.hint].filter(Boolean).join(' — ') || undefined;
  return httpError({
    provider: AZURE_PROVIDER_ID,
    operation,
    status: answer.status,
    code: mapping.code,
    retryable: mapping.retryable,
    vendorCode: vendor.code,
    vendorMessage: vendorMessage?.slice(0, 400),
    retryAfterMs: readRetryAfter(answer.headers),
    requestId: answer.requestId,
  });
}
