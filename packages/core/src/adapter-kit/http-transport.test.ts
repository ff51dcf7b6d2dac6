import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FacegateError } from '../errors/facegate-error';
import { createHttpTransport, type HttpTransportOptions, httpAnswerError } from './http-transport';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

let server: Server;
let baseUrl: string;
let seen: Seen[];
let handler: Handler;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  handler = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'X-Request-Id': 'r-1' });
    response.end('{"ok":true}');
  };
});

function transport(overrides: Partial<HttpTransportOptions> = {}) {
  return createHttpTransport({
    provider: 'acme',
    baseUrl,
    headers: { accept: 'application/json', 'x-api-key': 'key-123456' },
    maxRequestBytes: 1024,
    maxAnswerBytes: 256,
    ...overrides,
  });
}

const signal = () => new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<FacegateError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(FacegateError.isInstance(error)).toBe(true);
  return error as FacegateError;
}

describe('createHttpTransport', () => {
  it('sends fixed and per-request headers and a JSON body, and returns status, lower-cased headers and text', async () => {
    const answer = await transport().send({
      method: 'POST',
      path: '/v1/match',
      operation: 'compareFaces',
      signal: signal(),
      json: { a: 1 },
      headers: { 'x-trace': 't-9' },
    });
    expect(answer).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json', 'x-request-id': 'r-1' }),
      text: '{"ok":true}',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/match', body: '{"a":1}' });
    expect(seen[0]?.headers).toMatchObject({
      accept: 'application/json',
      'x-api-key': 'key-123456',
      'x-trace': 't-9',
      'content-type': 'application/json',
    });
  });

  it('sends text already serialized as is, and multipart forms with their boundary', async () => {
    // Byte for byte: not re-parsed, trimmed or re-encoded on the way out.
    await transport().send({ method: 'POST', path: '/a', operation: 'op', signal: signal(), json: ' {"pre":"ü"}\n' });
    const form = new FormData();
    form.set('field', 'value');
    await transport().send({ method: 'POST', path: '/b', operation: 'op', signal: signal(), form });
    expect(seen[0]?.body).toBe(' {"pre":"ü"}\n');
    expect(seen[1]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[1]?.body).toContain('name="field"');
  });

  it('returns error statuses as answers instead of throwing', async () => {
    handler = (_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('boom');
    };
    const answer = await transport().send({ method: 'GET', path: '/x', operation: 'op', signal: signal() });
    expect(answer.status).toBe(500);
    expect(answer.text).toBe('boom');
  });

  it('does not follow a redirect (it would carry the credentials elsewhere)', async () => {
    handler = (request, response) => {
      if (request.url === '/elsewhere') {
        response.end('{}');
        return;
      }
      response.writeHead(302, { location: `${baseUrl}/elsewhere` });
      response.end();
    };
    const answer = await transport().send({ method: 'GET', path: '/start', operation: 'op', signal: signal() });
    expect(answer.status).toBe(302);
    expect(seen.map((request) => request.url)).toEqual(['/start']);
  });

  it('refuses an oversized request before any byte leaves', async () => {
    const error = await failure(
      transport().send({ method: 'POST', path: '/big', operation: 'op', signal: signal(), json: 'x'.repeat(2000) }),
    );
    expect(error.code).toBe('invalid_input');
    expect(seen).toHaveLength(0);
  });

  it('refuses an oversized multipart request', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(4096)]), 'f.bin');
    const error = await failure(
      transport().send({ method: 'POST', path: '/big', operation: 'op', signal: signal(), form }),
    );
    expect(error.code).toBe('invalid_input');
  });

  it('treats an oversized answer as unusable without echoing it', async () => {
    handler = (_request, response) => response.end(`{"x":"${'secret-'.repeat(100)}"}`);
    const error = await failure(transport().send({ method: 'GET', path: '/x', operation: 'op', signal: signal() }));
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('larger than 256 bytes');
    expect(error.message).not.toContain('secret-');
  });

  it('passes the abort to the socket and throws the abort reason', async () => {
    handler = () => {
      // never answers
    };
    const controller = new AbortController();
    const reason = new FacegateError({ code: 'timeout', message: 'deadline', retryable: true });
    const sending = transport().send({ method: 'GET', path: '/slow', operation: 'op', signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    expect(await failure(sending)).toBe(reason);
  });

  it('maps a plain abort to aborted', async () => {
    handler = () => {
      // never answers
    };
    const controller = new AbortController();
    const sending = transport().send({ method: 'GET', path: '/slow', operation: 'op', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await failure(sending);
    expect(error.code).toBe('aborted');
    expect(error.provider).toBe('acme');
  });

  it('maps a socket timeout to a retryable timeout', async () => {
    handler = () => {
      // never answers
    };
    const error = await failure(
      transport({ timeoutMs: 30 }).send({ method: 'GET', path: '/slow', operation: 'op', signal: signal() }),
    );
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
  });

  it('maps an unreachable vendor to a retryable provider_unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(
      transport({ baseUrl: `http://127.0.0.1:${port}` }).send({
        method: 'GET',
        path: '/',
        operation: 'op',
        signal: signal(),
      }),
    );
    expect(error.code).toBe('provider_unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).not.toContain('key-123456');
  });

  it('uses the injected client (its interceptors run)', async () => {
    const httpClient = axios.create();
    httpClient.interceptors.request.use((config) => {
      config.headers.set('x-from-app', 'yes');
      return config;
    });
    await transport({ httpClient }).send({ method: 'GET', path: '/x', operation: 'op', signal: signal() });
    expect(seen[0]?.headers['x-from-app']).toBe('yes');
  });
});

describe('httpAnswerError', () => {
  const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers, text: '' });

  it('maps the status and keeps Retry-After seconds', () => {
    const error = httpAnswerError(answer(429, { 'retry-after': '7' }), { provider: 'acme', operation: 'op' });
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.httpStatus).toBe(429);
  });

  it('reads a Retry-After HTTP date', () => {
    const date = new Date(Date.now() + 60_000).toUTCString();
    const error = httpAnswerError(answer(503, { 'retry-after': date }), { provider: 'acme', operation: 'op' });
    expect(error.code).toBe('provider_unavailable');
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("lets the adapter's mapping decide the code and the delay", () => {
    const error = httpAnswerError(answer(400, { 'retry-after': '7' }), {
      provider: 'acme',
      operation: 'op',
      code: 'quota_exceeded',
      retryable: false,
      vendorCode: 'limit',
      retryAfterMs: undefined,
    });
    expect(error.code).toBe('quota_exceeded');
    expect(error.vendorCode).toBe('limit');
    expect(error.retryAfterMs).toBeUndefined();
  });
});
