import { FacegateError } from '@facegate/core';
import { isNetworkError, malformedResponse, unreachableError } from '@facegate/core/adapter-kit';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { FACIA_PROVIDER_ID } from './facia-settings';

/** One HTTP answer from the Facia server, body as text (parsed by the caller). */
export interface FaciaAnswer {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** The two requests the adapter makes. */
export interface FaciaHttp {
  /** `GET {baseUrl}{path}`. */
  get(path: string, operation: string, signal: AbortSignal): Promise<FaciaAnswer>;
  /** `POST {baseUrl}{path}` with a JSON body already serialized. */
  postJson(path: string, json: string, operation: string, signal: AbortSignal): Promise<FaciaAnswer>;
}

// Two images of at most 5 MiB each grow by 4/3 as base64: ~14 MiB of JSON. Leave room.
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
// Answers are a few hundred bytes; anything past this is not a Facia answer.
const MAX_ANSWER_BYTES = 1024 * 1024;

/** An HTTP client for one Facia server. Never throws for an HTTP status; transport failures become FacegateErrors. */
export function createFaciaHttp(baseUrl: string, client: AxiosInstance = axios.create()): FaciaHttp {
  async function send(
    method: 'GET' | 'POST',
    path: string,
    json: string | undefined,
    operation: string,
    signal: AbortSignal,
  ): Promise<FaciaAnswer> {
    let response: AxiosResponse<unknown>;
    try {
      response = await client.request({
        method,
        url: `${baseUrl}${path}`,
        data: json,
        headers:
          json === undefined
            ? { Accept: 'application/json, text/plain' }
            : { Accept: 'application/json', 'Content-Type': 'application/json' },
        signal,
        // Status codes are interpreted by the adapter, bodies are parsed by it.
        validateStatus: () => true,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        // A redirect would resend the hash id and the images to another address.
        maxRedirects: 0,
        maxBodyLength: MAX_REQUEST_BYTES,
        maxContentLength: MAX_ANSWER_BYTES,
        // Timeouts are core's, through `signal`.
        timeout: 0,
      });
    } catch (error) {
      throw transportError(error, operation, signal);
    }
    return { status: response.status, headers: lowerCaseHeaders(response.headers), text: bodyText(response.data) };
  }

  return {
    get: (path, operation, signal) => send('GET', path, undefined, operation, signal),
    postJson: (path, json, operation, signal) => send('POST', path, json, operation, signal),
  };
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data === undefined || data === null) return '';
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return Buffer.from(data as ArrayBuffer).toString('utf8');
  return String(data);
}

function lowerCaseHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

// axios marks a request that went out but got no HTTP answer (refused, reset,
// dropped) with `request` set and no `response`, whatever the low-level code.
function sentWithoutAnswer(error: unknown): boolean {
  return axios.isAxiosError(error) && error.request !== undefined && error.response === undefined;
}

/**
 * The FacegateError for a request that got no usable HTTP answer: the caller's
 * abort or timeout as is, an unreachable server as `provider_unavailable`
 * (retryable), anything else as `provider_error`. The axios error is kept only
 * as a scrubbed summary (it holds the request body: hash id and images).
 */
export function transportError(error: unknown, operation: string, signal: AbortSignal): FacegateError {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (FacegateError.isInstance(reason)) return reason;
    return new FacegateError({
      code: 'aborted',
      message: `${FACIA_PROVIDER_ID} ${operation} was cancelled`,
      provider: FACIA_PROVIDER_ID,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : '';
  if (/maxContentLength/i.test(message)) {
    return malformedResponse({ provider: FACIA_PROVIDER_ID, operation }, 'answer larger than 1 MiB');
  }
  if (isNetworkError(error) || sentWithoutAnswer(error)) return unreachableError(FACIA_PROVIDER_ID, operation, error);
  return new FacegateError({
    code: 'provider_error',
    message: `${FACIA_PROVIDER_ID} ${operation}: the request failed before an answer arrived`,
    provider: FACIA_PROVIDER_ID,
    cause: error,
  });
}
