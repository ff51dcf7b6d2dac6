import type { RawResponse } from '@facegate/core';
import {
  createHttpTransport,
  type HttpClient,
  parseJsonBody,
  parseVendorBody,
  type ResponseLabel,
  toRawResponse,
} from '@facegate/core/adapter-kit';
import type { CallContext } from '@facegate/core/spec';
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

/** Parse an error body if it is JSON; an unreadable error body still has its status. */
function errorBody(text: string, label: ResponseLabel): unknown {
  try {
    return parseJsonBody(text, label);
  } catch {
    return undefined;
  }
}

/**
 * Build the transport. Credentials travel in Decentro's `client_id`,
 * `client_secret` and `module_secret` headers; redirects are not followed (they
 * would carry those headers elsewhere); the call's abort signal is passed on.
 */
export function createDecentroTransport(settings: DecentroSettings, httpClient?: HttpClient): DecentroTransport {
  const http = createHttpTransport({
    provider: DECENTRO_PROVIDER_ID,
    baseUrl: settings.baseUrl,
    httpClient,
    headers: {
      accept: 'application/json',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      module_secret: settings.moduleSecret,
    },
    maxRequestBytes: MAX_REQUEST_BYTES,
    maxAnswerBytes: MAX_RESPONSE_BYTES,
  });
  return {
    async post(call, schema, ctx) {
      const response = await http.send({
        method: 'POST',
        path: call.path,
        operation: call.operation,
        signal: ctx.signal,
        ...(call.body instanceof FormData ? { form: call.body } : { json: call.body }),
      });
      const httpStatus = response.status;
      const text = response.text;
      const label: ResponseLabel = { provider: DECENTRO_PROVIDER_ID, operation: call.operation, httpStatus };
      if (httpStatus < 200 || httpStatus >= 300) {
        throw decentroError({
          operation: call.operation,
          httpStatus,
          body: errorBody(text, label),
          headers: response.headers,
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
        throw decentroError({ operation: call.operation, httpStatus, body: json, headers: response.headers });
      }
      const requestId = head.success ? head.data.decentroTxnId : undefined;
      const body = parseVendorBody(schema, json, { ...label, requestId });
      const found: ResponseLabel = { ...label, requestId: body.decentroTxnId };
      return { body, label: found, raw: toRawResponse(body, body.decentroTxnId, httpStatus) };
    },
  };
}
