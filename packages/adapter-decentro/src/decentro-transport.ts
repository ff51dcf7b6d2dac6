import { FacegateError, type RawResponse } from '@facegate/core';
import {
  isNetworkError,
  parseJsonBody,
  parseVendorBody,
  type ResponseLabel,
  toRawResponse,
  unreachableError,
} from '@facegate/core/adapter-kit';
import type { CallContext } from '@facegate/core/spec';
import { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';
import type { z } from 'zod';
import { decentroError } from './decentro-errors';
import { decentroErrorBodySchema } from './decentro-schemas';
import { DECENTRO_PROVIDER_ID, type DecentroSettings } from './decentro-settings';

/** One call to Decentro. */
export interface DecentroCall {
  /** Our operation name, for errors (e.g. `checkLiveness`). */
  operation: string;
  /** Path under the base URL, e.g. `/v2/kyc/forensics/face_match`. */
  path: string;
  /** A JSON object, or multipart form data. */
  body: Record<string, unknown> | FormData;
}

/** What every successful forensics answer has: a transaction id and an inner `data.status`. */
export interface DecentroResult {
  decentroTxnId: string;
  data: { status: string };
}

/** A successful Decentro answer: the parsed body, its label for errors, and the redacted raw copy. */
export interface DecentroAnswer<T> {
  body: T;
  /** Provider, operation, transaction id and HTTP status, for `provider_error`s found while mapping. */
  label: ResponseLabel;
  raw: RawResponse;
}

/** Sends authenticated calls to Decentro and turns every failure into a FacegateError. */
export interface DecentroTransport {
  /**
   * POST, check the envelope (`SUCCESS` / `S00000`) and parse `schema`;
   * anything else throws. The inner `data.status` is the mapper's to read.
   */
  post<S extends z.ZodType<DecentroResult>>(
    call: DecentroCall,
    schema: S,
    ctx: CallContext,
  ): Promise<DecentroAnswer<z.infer<S>>>;
}

/** Largest answer we read; Decentro's forensics answers are a few hundred bytes. */
const MAX_RESPONSE_BYTES = 1_000_000;
/** Largest request: a 20 MB video plus form overhead. */
const MAX_REQUEST_BYTES = 25_000_000;

function headersOf(response: AxiosResponse): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Parse an error body if it is JSON; an unreadable error body still has its status. */
function errorBody(text: string, label: ResponseLabel): unknown {
  try {
    return parseJsonBody(text, label);
  } catch {
    return undefined;
  }
}

function transportError(error: unknown, operation: string, signal: AbortSignal): FacegateError {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (FacegateError.isInstance(reason)) return reason;
    return new FacegateError({
      code: 'aborted',
      message: `${DECENTRO_PROVIDER_ID} ${operation} was cancelled`,
      provider: DECENTRO_PROVIDER_ID,
      cause: reason,
    });
  }
  if (isNetworkError(error) || (isAxiosError(error) && error.code === 'ERR_NETWORK')) {
    return unreachableError(DECENTRO_PROVIDER_ID, operation, error);
  }
  return new FacegateError({
    code: 'provider_error',
    message: `${DECENTRO_PROVIDER_ID} ${operation}: the HTTP call failed without an answer`,
    provider: DECENTRO_PROVIDER_ID,
    cause: error,
  });
}

/**
 * Build the transport. Credentials travel in Decentro's `client_id`,
 * `client_secret` and `module_secret` headers; redirects are not followed (they
 * would carry those headers elsewhere); the call's abort signal is passed on.
 */
export function createDecentroTransport(settings: DecentroSettings, http: AxiosInstance): DecentroTransport {
  return {
    async post(call, schema, ctx) {
      let response: AxiosResponse<string>;
      try {
        response = await http.request<string>({
          method: 'POST',
          url: `${settings.baseUrl}${call.path}`,
          data: call.body,
          headers: {
            accept: 'application/json',
            client_id: settings.clientId,
            client_secret: settings.clientSecret,
            module_secret: settings.moduleSecret,
            ...(call.body instanceof FormData ? {} : { 'content-type': 'application/json' }),
          },
          signal: ctx.signal,
          responseType: 'text',
          transformResponse: [(data: unknown) => data],
          validateStatus: () => true,
          maxRedirects: 0,
          maxContentLength: MAX_RESPONSE_BYTES,
          maxBodyLength: MAX_REQUEST_BYTES,
        });
      } catch (error) {
        throw transportError(error, call.operation, ctx.signal);
      }
      const httpStatus = response.status;
      const text = typeof response.data === 'string' ? response.data : '';
      const label: ResponseLabel = { provider: DECENTRO_PROVIDER_ID, operation: call.operation, httpStatus };
      if (httpStatus < 200 || httpStatus >= 300) {
        throw decentroError({
          operation: call.operation,
          httpStatus,
          body: errorBody(text, label),
          headers: headersOf(response),
        });
      }
      const json = parseJsonBody(text, label);
      // A 2xx that says FAILURE (or a non-success code) is an error, never a result.
      const head = decentroErrorBodySchema.safeParse(json);
      if (
        head.success &&
        ((head.data.status !== undefined && head.data.status !== 'SUCCESS') ||
          (head.data.responseCode !== undefined && head.data.responseCode !== 'S00000'))
      ) {
        throw decentroError({ operation: call.operation, httpStatus, body: json, headers: headersOf(response) });
      }
      const requestId = head.success ? head.data.decentroTxnId : undefined;
      const body = parseVendorBody(schema, json, { ...label, requestId });
      const found: ResponseLabel = { ...label, requestId: body.decentroTxnId };
      return { body, label: found, raw: toRawResponse(body, body.decentroTxnId, httpStatus) };
    },
  };
}
