import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { FacegateError } from '../errors/facegate-error';
import { type HttpErrorInput, httpError, isNetworkError, parseRetryAfter, unreachableError } from './http-errors';
import { malformedResponse } from './parse-vendor-response';

/** The HTTP client an app may inject (`httpClient` option): an axios instance with its proxy, agent or interceptors. */
export type HttpClient = AxiosInstance;

/** How a transport talks to one vendor. */
export interface HttpTransportOptions {
  /** Provider id, for errors. */
  readonly provider: string;
  /** Prefix of every request path, without a trailing slash. */
  readonly baseUrl: string;
  /** Injected client; default a fresh axios instance. */
  readonly httpClient?: HttpClient;
  /** Sent with every request (credentials, `accept`). Per-request headers override them. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Largest request body sent; a larger one is refused before any byte leaves. */
  readonly maxRequestBytes: number;
  /** Largest answer read; a larger one is a malformed answer. */
  readonly maxAnswerBytes: number;
  /**
   * Socket-level timeout per request; 0 (default) leaves time limits to the
   * call's `signal`, which core's resilience layer arms.
   */
  readonly timeoutMs?: number;
}

/** One request. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to the base URL. */
  readonly path: string;
  /** Our operation name, for errors (e.g. `compareFaces`). */
  readonly operation: string;
  /** The call's signal, passed to the socket: an abort stops the upload. */
  readonly signal: AbortSignal;
  /** A JSON body: an object, or text already serialized. Sets `content-type: application/json`. */
  readonly json?: unknown;
  /** A multipart body (its boundary header is the client's to set). */
  readonly form?: FormData;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One HTTP answer, whatever its status; the body is text, parsed by the adapter. */
export interface HttpAnswer {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/**
 * Sends requests to one vendor. Never throws for an HTTP status (the adapter
 * maps those, e.g. with {@link httpAnswerError}); a request that gets no
 * usable answer throws a FacegateError.
 */
export interface HttpTransport {
  /** Send one request and return the answer, whatever its status. */
  send(request: HttpRequest): Promise<HttpAnswer>;
}

/**
 * The HTTP transport for vendors without an SDK. Redirects are never followed
 * (they would carry credentials and images to another address), request and
 * answer sizes are bounded, the call's abort signal reaches the socket, and
 * the axios error (which holds the request body) is kept only as a scrubbed cause.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const client = options.httpClient ?? axios.create();
  return {
    async send(request) {
      const body = requestBody(request);
      if (body instanceof Buffer && body.byteLength > options.maxRequestBytes) {
        throw tooLarge(options, request.operation);
      }
      let response: AxiosResponse<unknown>;
      try {
        response = await client.request({
          method: request.method,
          url: `${options.baseUrl}${request.path}`,
          data: body,
          headers: {
            ...options.headers,
            ...(request.json === undefined ? {} : { 'content-type': 'application/json' }),
            ...request.headers,
          },
          signal: request.signal,
          validateStatus: () => true,
          responseType: 'text',
          transformResponse: [(data: unknown) => data],
          maxRedirects: 0,
          maxBodyLength: options.maxRequestBytes,
          maxContentLength: options.maxAnswerBytes,
          timeout: options.timeoutMs ?? 0,
        });
      } catch (error) {
        throw transportError(error, options, request);
      }
      return { status: response.status, headers: lowerCaseHeaders(response.headers), text: bodyText(response.data) };
    },
  };
}

/**
 * JSON goes out as bytes: axios sends a Buffer as it is, where a string with a
 * JSON content type would be parsed again to check it and trimmed (a second
 * pass over an image-sized body); Node's HTTP client encodes a string to bytes
 * anyway.
 */
function requestBody(request: HttpRequest): Buffer | FormData | undefined {
  if (request.form !== undefined) return request.form;
  if (request.json === undefined) return undefined;
  return Buffer.from(typeof request.json === 'string' ? request.json : JSON.stringify(request.json));
}

function tooLarge(options: HttpTransportOptions, operation: string): FacegateError {
  return new FacegateError({
    code: 'invalid_input',
    message: `${options.provider} ${operation}: the request is larger than ${options.maxRequestBytes} bytes`,
    provider: options.provider,
  });
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data === undefined || data === null) return '';
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return String(data);
}

function lowerCaseHeaders(headers: AxiosResponse['headers'] | undefined): Record<string, string> {
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

function isSocketTimeout(error: unknown, options: HttpTransportOptions): boolean {
  return (
    (options.timeoutMs ?? 0) > 0 &&
    axios.isAxiosError(error) &&
    (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') &&
    /timeout/i.test(error.message)
  );
}

/**
 * The FacegateError for a request without a usable answer: the caller's abort
 * reason as is, a socket timeout as `timeout`, an oversized request as
 * `invalid_input`, an oversized answer as a malformed answer, an unreachable
 * vendor as `provider_unavailable` (retryable), anything else as `provider_error`.
 */
function transportError(error: unknown, options: HttpTransportOptions, request: HttpRequest): FacegateError {
  const { provider } = options;
  const { operation, signal } = request;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (FacegateError.isInstance(reason)) return reason;
    return new FacegateError({
      code: 'aborted',
      message: `${provider} ${operation} was cancelled`,
      provider,
      cause: error,
    });
  }
  if (isSocketTimeout(error, options)) {
    return new FacegateError({
      code: 'timeout',
      retryable: true,
      message: `${provider} ${operation}: no answer within ${options.timeoutMs} ms`,
      provider,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : '';
  if (/maxBodyLength/i.test(message)) return tooLarge(options, operation);
  if (/maxContentLength/i.test(message)) {
    return malformedResponse({ provider, operation }, `answer larger than ${options.maxAnswerBytes} bytes`);
  }
  if (isNetworkError(error) || sentWithoutAnswer(error)) return unreachableError(provider, operation, error);
  return new FacegateError({
    code: 'provider_error',
    message: `${provider} ${operation}: the request failed before an answer arrived`,
    provider,
    cause: error,
  });
}

/** Inputs for {@link httpAnswerError}: what the adapter read from the body. */
export type HttpAnswerErrorInput = Omit<HttpErrorInput, 'status'>;

/**
 * The FacegateError for an error answer: the status decides the code unless
 * the adapter's mapping does; `Retry-After` (seconds or HTTP date) is kept
 * unless `retryAfterMs` is given (also as `undefined`).
 */
export function httpAnswerError(answer: HttpAnswer, input: HttpAnswerErrorInput): FacegateError {
  const retryAfterMs = 'retryAfterMs' in input ? input.retryAfterMs : parseRetryAfter(answer.headers['retry-after']);
  return httpError({ ...input, status: answer.status, retryAfterMs });
}
