import { createServer } from 'node:net';
import type { FacegateError } from '@facegate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECENTRO_RESPONSE_CODES, DECENTRO_RESPONSE_KEYS, decentroError } from './decentro-errors';
import type { DecentroProviderOptions } from './decentro-settings';
import { decentroClient, expectFailure, otherPhoto, useDecentroMock } from './decentro-test-setup';
import { failureBody } from './testing/decentro-wire';

const vendor = useDecentroMock();
const mock = vendor.decentro;

const client = decentroClient;

function compareError(options: DecentroProviderOptions = {}): Promise<FacegateError> {
  return expectFailure(client(options).compareFaces({ source: otherPhoto, target: otherPhoto }));
}

describe('error mapping', () => {
  it('refuses wrong credentials like Decentro: 401 error_unauthorized_module → auth_failed', async () => {
    const error = await compareError({ moduleSecret: 'a-wrong-module-secret' });
    expect(error).toMatchObject({
      code: 'auth_failed',
      retryable: false,
      httpStatus: 401,
      vendorCode: 'error_unauthorized_module',
      provider: 'decentro',
    });
    expect(error.requestId).toMatch(/^[0-9A-F]{32}$/);
  });

  it('lets responseKey win over responseCode, and responseCode over the HTTP status', async () => {
    mock.arrange(
      'match',
      {
        type: 'answer',
        status: 400,
        body: failureBody({ responseCode: 'E00009', responseKey: 'error_module_credits_exhausted', message: 'x' }),
      },
      { type: 'answer', status: 500, body: failureBody({ responseCode: 'E00020', message: 'File type not allowed' }) },
    );
    expect(await compareError()).toMatchObject({
      code: 'quota_exceeded',
      vendorCode: 'error_module_credits_exhausted',
    });
    expect(await compareError()).toMatchObject({ code: 'unsupported_media', vendorCode: 'E00020', httpStatus: 500 });
  });

  it.each([
    [401, 'auth_failed', false],
    [403, 'permission_denied', false],
    [404, 'configuration_error', false],
    [400, 'invalid_input', false],
    [502, 'provider_error', true],
    [503, 'provider_unavailable', true],
  ] as const)(
    'falls back to the HTTP status %s → %s for bodies without a known key',
    async (status, code, retryable) => {
      mock.arrange('match', { type: 'answer', status, body: '<html>gateway says no</html>' });
      expect(await compareError()).toMatchObject({ code, retryable, httpStatus: status, vendorCode: undefined });
    },
  );

  it('reads the delay from Retry-After, else from the gateway RateLimit-Reset', async () => {
    mock.arrange(
      'match',
      { type: 'answer', status: 429, body: { message: 'API rate limit exceeded' }, headers: { 'retry-after': '2' } },
      {
        type: 'answer',
        status: 429,
        body: { message: 'API rate limit exceeded' },
        headers: { 'ratelimit-reset': '3' },
      },
    );
    expect(await compareError()).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 2000 });
    expect(await compareError()).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 3000 });
  });

  it('does not follow redirects (they would carry the credential headers elsewhere)', async () => {
    mock.arrange('match', {
      type: 'answer',
      status: 302,
      body: '',
      headers: { location: 'https://elsewhere.example.test/collect' },
    });
    expect(await compareError()).toMatchObject({ code: 'provider_error', httpStatus: 302 });
    expect(mock.requests).toHaveLength(1);
  });

  it('maps every documented response key and code to a code with a reason', () => {
    for (const [key, mapping] of Object.entries({ ...DECENTRO_RESPONSE_KEYS, ...DECENTRO_RESPONSE_CODES })) {
      const error = decentroError({
        operation: 'compareFaces',
        httpStatus: 400,
        body: key.startsWith('E') ? { responseCode: key } : { responseKey: key },
        headers: {},
      });
      expect([key, error.code, error.retryable]).toEqual([key, mapping.code, mapping.retryable]);
      expect(mapping.note.length).toBeGreaterThan(5);
    }
  });

  it('keeps the vendor message short and scrubbed', () => {
    const error = decentroError({
      operation: 'checkLiveness',
      httpStatus: 400,
      body: { responseCode: 'E00009', message: `bad image ${'A'.repeat(400)}` },
      headers: {},
    });
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).not.toMatch(/A{200}/);
  });
});

describe('transport failures', () => {
  let closedPort = 0;
  beforeAll(async () => {
    // Find a port nothing listens on: open a server, note its port, close it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closedPort = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    vendor.server.close();
  });
  afterAll(() => vendor.server.listen({ onUnhandledRequest: 'error' }));

  it('maps a refused connection to provider_unavailable (retryable)', async () => {
    const error = await compareError({ baseUrl: `http://127.0.0.1:${closedPort}` });
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, provider: 'decentro' });
  });
});
