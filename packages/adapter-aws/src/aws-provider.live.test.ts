// Calls the real Amazon Rekognition. Skipped unless AWS credentials and a
// region are in the environment; costs a CompareFaces call and one liveness
// session per run.
import { createFacegate } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { createAwsProvider } from './aws-provider';

const live = Boolean(process.env.AWS_ACCESS_KEY_ID && process.env.AWS_REGION);

describe.skipIf(!live)('Amazon Rekognition (live)', () => {
  const facegate = () => createFacegate({ provider: createAwsProvider(), resilience: { timeoutMs: 20_000 } });

  it('compares two photos of the same person and of two people', async () => {
    const fg = facegate();
    const same = await fg.compareFaces({
      source: readFixture('faces/obama-1.jpg'),
      target: readFixture('faces/obama-2.jpg'),
    });
    expect(same.similarity).toBeGreaterThan(0.9);
    const other = await fg.compareFaces({
      source: readFixture('faces/obama-1.jpg'),
      target: readFixture('faces/biden-1.jpg'),
    });
    expect(other.similarity).toBeLessThan(0.5);
  });

  it('creates a liveness session and reads it back as pending', async () => {
    const fg = facegate();
    const session = await fg.createLivenessSession();
    expect(session.client).toMatchObject({ component: 'aws-amplify-face-liveness', region: process.env.AWS_REGION });
    const outcome = await fg.getLivenessSessionResult({ sessionId: session.sessionId });
    expect(outcome.status).toBe('pending');
  });
});
