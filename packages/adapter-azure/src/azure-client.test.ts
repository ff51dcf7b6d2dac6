import { type AccessToken, AzureKeyCredential, type TokenCredential } from '@azure/core-auth';
import createFaceClient from '@azure-rest/ai-vision-face';
import { type ImageConstraints, validateImage } from '@facegate/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { AZURE_MEDIA_CONSTRAINTS } from './azure-provider';
import { RIG_API_KEY, RIG_ENDPOINT, useAzureRig } from './azure-test-setup';

const rig = useAzureRig();
const image = readFixture('faces/obama-1.jpg');

function failDetect(status: number, headers: Record<string, string> = {}) {
  let hits = 0;
  rig.server.use(
    http.post(`${rig.base}/detect`, () => {
      hits += 1;
      return HttpResponse.json({ error: { code: String(status), message: 'no' } }, { status, headers });
    }),
  );
  return () => hits;
}

describe('Azure SDK retries are off (core is the only retrier)', () => {
  it.each([
    [503, {}],
    [429, { 'retry-after': '1' }],
    [500, {}],
  ] as const)('sends one request for a %s answer', async (status, headers) => {
    const hits = failDetect(status, headers);
    await expect(
      rig.provider().doCompareFaces({ source: validated(image), target: validated(image) }, rig.ctx()),
    ).rejects.toMatchObject({ httpStatus: status });
    expect(hits()).toBe(1);
  });

  it('removes the retry policies of a client passed in', async () => {
    const client = createFaceClient(RIG_ENDPOINT, new AzureKeyCredential(RIG_API_KEY));
    const hits = failDetect(503);
    await expect(
      rig
        .provider({ httpClient: client })
        .doCompareFaces({ source: validated(image), target: validated(image) }, rig.ctx()),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(hits()).toBe(1);
  });

  it('a network failure is provider_unavailable (retryable), sent once', async () => {
    let hits = 0;
    rig.server.use(
      http.post(`${rig.base}/detect`, () => {
        hits += 1;
        return HttpResponse.error();
      }),
    );
    await expect(
      rig.provider().doCompareFaces({ source: validated(image), target: validated(image) }, rig.ctx()),
    ).rejects.toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect(hits).toBe(1);
  });
});

describe('abort signal', () => {
  it('is passed to the HTTP call: aborting a hanging request ends it with the abort reason', async () => {
    rig.fake.arrange('liveness.session.create', { type: 'hang' });
    const controller = new AbortController();
    const call = rig.provider().doCreateLivenessSession({ deviceCorrelationId: 'd' }, rig.ctx(controller.signal));
    setTimeout(() => controller.abort(new Error('stop now')), 30);
    const started = Date.now();
    await expect(call).rejects.toThrow('stop now');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('core’s timeout stops a hanging Azure call', async () => {
    rig.fake.arrange('liveness.session.create', { type: 'hang' });
    const fg = rig.facegate({}, { resilience: { maxRetries: 0, timeoutMs: 100, sleep: async () => {} } });
    await expect(fg.createLivenessSession({ deviceCorrelationId: 'd' })).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('credentials', () => {
  it('sends a token credential as a Bearer token with the Cognitive Services scope, and no key', async () => {
    const scopes: string[][] = [];
    const credential: TokenCredential = {
      async getToken(scope): Promise<AccessToken> {
        scopes.push([scope].flat());
        return { token: 'entra-token-abc', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    await rig.facegate({ apiKey: undefined, credential }).createLivenessSession({ deviceCorrelationId: 'd' });
    const [sent] = rig.fake.requests({ method: 'POST' });
    expect(sent?.headers.authorization).toBe('Bearer entra-token-abc');
    expect(sent?.headers).not.toHaveProperty('ocp-apim-subscription-key');
    expect(scopes[0]).toEqual(['https://cognitiveservices.azure.com/.default']);
  });

  it('sends an AzureKeyCredential as Ocp-Apim-Subscription-Key', async () => {
    await rig
      .facegate({ apiKey: undefined, credential: new AzureKeyCredential(RIG_API_KEY) })
      .createLivenessSession({ deviceCorrelationId: 'd' });
    expect(rig.fake.requests({ method: 'POST' })[0]?.headers['ocp-apim-subscription-key']).toBe(RIG_API_KEY);
  });

  it('identifies itself in the user agent', async () => {
    await rig.facegate().createLivenessSession({ deviceCorrelationId: 'd' });
    expect(rig.fake.requests({ method: 'POST' })[0]?.headers['user-agent']).toMatch(
      /^facegate azsdk-js-ai-vision-face-rest\//,
    );
  });
});

describe('API version: only v1.2 is implemented', () => {
  it('refuses another configured version before sending anything', async () => {
    const error = await rig
      .facegate({ apiVersion: 'v1.1-preview.1' })
      .createLivenessSession({ deviceCorrelationId: 'd' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'configuration_error', details: { option: 'apiVersion' } });
    expect((error as Error).message).toMatch(/'v1\.1-preview\.1' is not implemented.*only v1\.2/);
    expect(rig.fake.requests()).toEqual([]);
  });

  it('refuses an adopted client built for another version, on the wire guard', async () => {
    const client = createFaceClient(RIG_ENDPOINT, new AzureKeyCredential(RIG_API_KEY), {
      apiVersion: 'v1.1-preview.1',
    });
    const error = await rig
      .facegate({ client })
      .createLivenessSession({ deviceCorrelationId: 'd' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'configuration_error' });
    expect(rig.fake.requests()).toEqual([]);
  });

  it('puts v1.2 in the path and sends no api-version query', async () => {
    await rig.facegate().createLivenessSession({ deviceCorrelationId: 'd' });
    const [sent] = rig.fake.requests();
    expect(sent?.url.pathname).toBe('/face/v1.2/detectLiveness-sessions');
    expect(sent?.url.searchParams.has('api-version')).toBe(false);
  });

  it('the mock answers paths of other versions with Azure’s 404, not a served session', async () => {
    const response = await fetch(`${RIG_ENDPOINT}/face/v1.1-preview.1/detectLiveness-sessions`, {
      method: 'POST',
      headers: { 'ocp-apim-subscription-key': RIG_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ livenessOperationMode: 'Passive', deviceCorrelationId: 'd' }),
    });
    expect(response.status).toBe(404);
    expect(rig.fake.requests()).toMatchObject([{ route: '(unimplemented version)' }]);
    expect(rig.fake.calls('liveness.session.create')).toBe(0);
  });
});

/** The validated media core would hand the adapter, for direct provider calls. */
function validated(data: Uint8Array) {
  return validateImage(data, AZURE_MEDIA_CONSTRAINTS.image as ImageConstraints);
}
