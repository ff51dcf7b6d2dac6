import { describe, expect, it } from 'vitest';
import { createFacegate } from '../client/facegate';
import { DEFAULT_IMAGE_CONSTRAINTS } from '../media/media-constraints';
import { toRawResponse } from '../results/common';
import { type FaceProvider, SPECIFICATION_VERSION } from './face-provider';
import { SESSION_COMPONENTS, sessionClientInfoSchema, sessionClientReportSchema } from './session-components';

const aws = { component: SESSION_COMPONENTS.aws, sessionId: 'a1b2', region: 'eu-west-1' };

/** A session provider whose created session carries this `client`. */
function sessionProvider(client: unknown, seen: unknown[] = []): FaceProvider {
  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: 'p',
    capabilities: ['liveness.session'],
    mediaConstraints: { image: DEFAULT_IMAGE_CONSTRAINTS },
    async doCreateLivenessSession() {
      return {
        sessionId: 's-1',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        client: client as never,
        raw: toRawResponse({}),
        warnings: [],
      };
    },
    async doGetLivenessSessionResult(request) {
      seen.push(request);
      return { status: 'pending', raw: toRawResponse({}) };
    },
  };
}

describe('session component payloads', () => {
  it('accepts each component with exactly its fields', () => {
    expect(sessionClientInfoSchema.parse(aws)).toEqual(aws);
    expect(sessionClientInfoSchema.parse({ ...aws, endpointOverride: 'https://127.0.0.1:4443' }).component).toBe(
      'aws-amplify-face-liveness',
    );
    const azure = {
      component: SESSION_COMPONENTS.azure,
      sessionId: 'liveness:1',
      authToken: 't',
      withVerify: false,
      livenessOperationMode: 'Passive',
    };
    expect(sessionClientInfoSchema.parse(azure)).toEqual(azure);
  });

  it('refuses an unknown component, a missing field and any extra field (credentials cannot ride along)', () => {
    expect(sessionClientInfoSchema.safeParse({ ...aws, component: 'aws-rekognition' }).success).toBe(false);
    expect(sessionClientInfoSchema.safeParse({ component: SESSION_COMPONENTS.aws, sessionId: 'x' }).success).toBe(
      false,
    );
    expect(sessionClientInfoSchema.safeParse({ ...aws, secretAccessKey: 'k' }).success).toBe(false);
    // Plain-text streaming is not an endpoint Amplify can use (it always opens wss).
    expect(sessionClientInfoSchema.safeParse({ ...aws, endpointOverride: 'http://127.0.0.1:1' }).success).toBe(false);
  });

  it('reports carry a digest for Azure only, never a verdict', () => {
    expect(sessionClientReportSchema.parse({ component: SESSION_COMPONENTS.azure, digest: 'B0A8' })).toEqual({
      component: 'azure-face-liveness',
      digest: 'B0A8',
    });
    expect(sessionClientReportSchema.safeParse({ component: SESSION_COMPONENTS.aws, digest: 'x' }).success).toBe(false);
    expect(sessionClientReportSchema.safeParse({ component: SESSION_COMPONENTS.azure, live: true }).success).toBe(
      false,
    );
    expect(
      sessionClientReportSchema.safeParse({ component: SESSION_COMPONENTS.azure, digest: '<script>' }).success,
    ).toBe(false);
  });

  it('the client refuses an adapter whose session client breaks the union (provider_error)', async () => {
    const fg = createFacegate({ provider: sessionProvider({ ...aws, accessKeyId: 'AKIA' }) });
    await expect(fg.createLivenessSession()).rejects.toMatchObject({ code: 'provider_error' });
  });

  it('the client passes the browser report to the adapter, and refuses a malformed one', async () => {
    const seen: unknown[] = [];
    const fg = createFacegate({ provider: sessionProvider(aws, seen) });
    const session = await fg.createLivenessSession();
    const report = { component: SESSION_COMPONENTS.azure, digest: 'ABC' } as const;
    await fg.getLivenessSessionResult({ sessionId: session.sessionId, clientReport: report });
    expect(seen).toEqual([{ sessionId: 's-1', clientReport: report, providerOptions: undefined }]);
    await expect(
      fg.getLivenessSessionResult({
        sessionId: session.sessionId,
        clientReport: { component: 'nope' } as never,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
