import { createServer } from 'node:net';
import { DEFAULT_IMAGE_CONSTRAINTS, silentLogger, validateImage } from '@facegate/core';
import { expectFacegateError } from '@facegate/core/testing';
import { http, passthrough } from 'msw';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { classifyStatusCheck, saysServiceIsLive } from './facia-readiness';
import { useFaciaTestServer } from './facia-test-setup';

const server = useFaciaTestServer();
const { mock } = server;
const selfie = readFixture('faces/obama-1.jpg');
const document = readFixture('faces/obama-2.jpg');
const merged = { media: { kind: 'image' as const, image: selfie }, reference: document };

const checkedImage = (bytes: Uint8Array) => validateImage(bytes, DEFAULT_IMAGE_CONSTRAINTS, 'image');
const ctx = (signal = new AbortController().signal) => ({ signal, logger: silentLogger, attempt: 0 });

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('reading /status_check', () => {
  it.each([
    ['a JSON string', '"Service is live"'],
    ['plain text', 'Service is live'],
    ['text with a trailing newline', 'Service is live\n'],
    ['another case', 'service is LIVE'],
  ])('reads %s saying "Service is live" as ready', (_label, text) => {
    expect(saysServiceIsLive(text)).toBe(true);
    expect(classifyStatusCheck({ status: 200, headers: {}, text })).toEqual({ status: 'ready' });
  });

  it.each([
    ['another text', 'Service is starting'],
    ['an empty body', ''],
    ['a JSON object', '{"status":"Service is live"}'],
    ['a broken JSON string', '"Service is live'],
    ['a longer sentence', 'Service is live soon'],
  ])('reads a 200 with %s as warming up', (_label, text) => {
    expect(classifyStatusCheck({ status: 200, headers: {}, text }).status).toBe('warming_up');
  });

  it.each([500, 502, 503, 404, 301])('reads HTTP %s as down, naming the status', (status) => {
    expect(classifyStatusCheck({ status, headers: {}, text: 'Service is live' })).toEqual({
      status: 'down',
      detail: `status_check answered HTTP ${status}`,
    });
  });
});

describe('checkHealth (the readiness probe apps use)', () => {
  it.each([
    [{ type: 'live', encoding: 'json' } as const, 'ready'],
    [{ type: 'live', encoding: 'text' } as const, 'ready'],
    [{ type: 'warming_up' } as const, 'warming_up'],
    [{ type: 'status', status: 503 } as const, 'down'],
    [{ type: 'network_error' } as const, 'down'],
  ])('answers %j with %s', async (step, status) => {
    mock.script.arrangeStatusCheck(step);
    const health = await server.client().checkHealth();
    expect(health.status).toBe(status);
    expect(health.provider).toBe('facia');
    expect(mock.script.processFaceRequests).toHaveLength(0);
  });

  it('probes every time it is asked (no cache)', async () => {
    const provider = server.provider();
    mock.script.arrangeStatusCheck({ type: 'warming_up' }, { type: 'live' });
    expect((await provider.doCheckHealth(ctx())).status).toBe('warming_up');
    expect((await provider.doCheckHealth(ctx())).status).toBe('ready');
    expect(mock.script.statusCheckCount).toBe(2);
  });

  it('stops a hanging probe when its signal aborts', async () => {
    mock.script.arrangeStatusCheck({ type: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('test abort')), 50);
    const error = await expectFacegateError(server.provider().doCheckHealth(ctx(controller.signal)));
    expect(error.code).toBe('aborted');
  });

  it('reports a server that refuses connections as down', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    mock.server.use(http.get(`${baseUrl}/status_check`, () => passthrough()));
    const health = await server.provider({ baseUrl }).doCheckHealth(ctx());
    expect(health).toEqual({ status: 'down', detail: 'the server could not be reached' });
  });
});

describe('the readiness gate before each operation', () => {
  it('refuses work with a retryable provider_unavailable while warming up, without sending the images', async () => {
    mock.script.arrangeStatusCheck({ type: 'warming_up' });
    const error = await expectFacegateError(server.client().checkLiveness(merged));
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, details: { health: 'warming_up' } });
    expect(error.message).toMatch(/warming up/);
    expect(mock.script.processFaceRequests).toHaveLength(0);
  });

  it.each([[{ type: 'status', status: 502 } as const], [{ type: 'network_error' } as const]])(
    'refuses work while the server is down (%j), without sending the images',
    async (step) => {
      mock.script.arrangeStatusCheck(step);
      const error = await expectFacegateError(server.client().compareFaces({ source: selfie, target: document }));
      expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, details: { health: 'down' } });
      expect(mock.script.processFaceRequests).toHaveLength(0);
    },
  );

  it('succeeds once a warming server becomes ready, paying for one process_face call', async () => {
    mock.script.arrangeStatusCheck({ type: 'warming_up' }, { type: 'warming_up' }, { type: 'live' });
    const client = server.client({ maxRetries: 3 });
    const result = await client.checkLiveness(merged);
    expect(result.decision.outcome).toBe('pass');
    expect(result.faceMatch?.isMatch).toBe(true);
    expect(mock.script.statusCheckCount).toBe(3);
    expect(mock.script.processFaceRequests).toHaveLength(1);
    expect(client.delays).toHaveLength(2);
  });

  it('trusts a ready answer for readinessTtlMs, then probes again', async () => {
    let now = 1_000;
    const provider = server.provider({ readinessTtlMs: 5_000, now: () => now });
    const call = () => provider.doCompareFaces({ source: checkedImage(selfie), target: checkedImage(document) }, ctx());
    await call();
    now += 4_999;
    await call();
    expect(mock.script.statusCheckCount).toBe(1);
    now += 5_001;
    await call();
    expect(mock.script.statusCheckCount).toBe(2);
    expect(mock.script.processFaceRequests).toHaveLength(3);
  });

  it('probes before every call with readinessTtlMs 0', async () => {
    const client = server.client({ provider: { readinessTtlMs: 0 } });
    await client.checkLiveness(merged);
    await client.checkLiveness(merged);
    expect(mock.script.statusCheckCount).toBe(2);
  });

  it('forgets readiness after a 5xx from process_face, so the next call probes first', async () => {
    let now = 0;
    const provider = server.provider({ now: () => now });
    mock.script.arrangeProcessFace({ type: 'status', status: 503 }, { type: 'result' });
    const call = () => provider.doCompareFaces({ source: checkedImage(selfie), target: checkedImage(document) }, ctx());
    await expectFacegateError(call());
    now += 10;
    await call();
    expect(mock.script.statusCheckCount).toBe(2);
  });

  it('maps a refused process_face connection to provider_unavailable and probes again next time', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    let probes = 0;
    mock.server.use(
      http.get(`${baseUrl}/status_check`, () => {
        probes += 1;
        return Response.json('Service is live');
      }),
      http.post(`${baseUrl}/process_face`, () => passthrough()),
    );
    const provider = server.provider({ baseUrl, now: () => 0 });
    const call = () => provider.doCompareFaces({ source: checkedImage(selfie), target: checkedImage(document) }, ctx());
    const first = await expectFacegateError(call());
    expect(first).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect(first.message).toMatch(/could not be reached/);
    await expectFacegateError(call());
    expect(probes).toBe(2);
  });
});
