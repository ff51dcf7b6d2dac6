import { createFacegate } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { createAzureProvider } from './azure-provider';

// Runs only with a real Face resource: AZURE_FACE_ENDPOINT and AZURE_FACE_API_KEY.
// Matching and liveness need Microsoft's Limited Access approval on that resource.
const live = Boolean(process.env.AZURE_FACE_ENDPOINT && process.env.AZURE_FACE_API_KEY);

describe.skipIf(!live)('Azure AI Face (live)', () => {
  const facegate = () => createFacegate({ provider: createAzureProvider() });

  it('matches two photos of the same person and not of different people', async () => {
    const fg = facegate();
    const same = await fg.compareFaces({
      source: readFixture('faces/obama-1.jpg'),
      target: readFixture('faces/obama-2.jpg'),
    });
    const other = await fg.compareFaces({
      source: readFixture('faces/obama-1.jpg'),
      target: readFixture('faces/biden-1.jpg'),
    });
    expect(same.similarity).toBeGreaterThan(other.similarity ?? 1);
    expect(other.isMatch).toBe(false);
  });

  it('creates a liveness session that is pending until the browser runs, then deletes nothing', async () => {
    const fg = facegate();
    const session = await fg.createLivenessSession({ deviceCorrelationId: crypto.randomUUID(), ttlSeconds: 60 });
    expect(typeof (session.client as { authToken: string }).authToken).toBe('string');
    const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    expect(outcome.status).toBe('pending');
  });
});
