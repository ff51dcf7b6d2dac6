import { createFacegate, DEFAULT_IMAGE_CONSTRAINTS, silentLogger, validateImage } from '@facegate/core';
import { expectFacegateError } from '@facegate/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { useFaciaTestServer } from './facia-test-setup';

const server = useFaciaTestServer();
const { mock } = server;
const image = (name: string) => validateImage(readFixture(name), DEFAULT_IMAGE_CONSTRAINTS, 'image');
const ctx = () => ({ signal: new AbortController().signal, logger: silentLogger, attempt: 0 });

describe('warmUp', () => {
  it('waits until status_check says "Service is live", then the gate trusts it without probing again', async () => {
    mock.script.arrangeStatusCheck({ type: 'warming_up' }, { type: 'status', status: 502 }, { type: 'live' });
    const provider = server.provider({ warmUpPollMs: 1 });
    await provider.warmUp();
    expect(mock.script.statusCheckCount).toBe(3);
    expect(mock.script.processFaceRequests).toHaveLength(0);
    await provider.doCompareFaces({ source: image('faces/obama-1.jpg'), target: image('faces/obama-2.jpg') }, ctx());
    expect(mock.script.statusCheckCount).toBe(3);
    expect(mock.script.processFaceRequests).toHaveLength(1);
  });

  it('is what facegate.warmUp() runs', async () => {
    mock.script.arrangeStatusCheck({ type: 'warming_up' }, { type: 'live' });
    const facegate = createFacegate({ provider: server.provider({ warmUpPollMs: 1 }) });
    await facegate.warmUp();
    expect(mock.script.statusCheckCount).toBe(2);
  });

  it('fails with a retryable provider_unavailable when the server is still warming up at the deadline', async () => {
    mock.script.arrangeStatusCheck({ type: 'warming_up' });
    const provider = server.provider({ warmUpTimeoutMs: 300, warmUpPollMs: 5 });
    const error = await expectFacegateError(provider.warmUp());
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, details: { health: 'warming_up' } });
    expect(error.message).toMatch(/not ready after/);
    expect(mock.script.statusCheckCount).toBeGreaterThan(1);
    expect(mock.script.processFaceRequests).toHaveLength(0);
  });

  it('probes once with warmUpTimeoutMs 0', async () => {
    mock.script.arrangeStatusCheck({ type: 'status', status: 502 });
    const error = await expectFacegateError(server.provider({ warmUpTimeoutMs: 0 }).warmUp());
    expect(error).toMatchObject({ code: 'provider_unavailable', details: { health: 'down' } });
    expect(error.message).toContain('HTTP 502');
    expect(mock.script.statusCheckCount).toBe(1);
  });

  it('does not hang on a status_check that never answers', async () => {
    mock.script.arrangeStatusCheck({ type: 'hang' });
    const error = await expectFacegateError(server.provider({ warmUpTimeoutMs: 60, warmUpPollMs: 5 }).warmUp());
    expect(error).toMatchObject({ code: 'provider_unavailable', details: { health: 'down' } });
    expect(error.message).toMatch(/did not answer/);
  });

  it('shares one wait between concurrent callers', async () => {
    mock.script.arrangeStatusCheck({ type: 'warming_up' }, { type: 'live' });
    const provider = server.provider({ warmUpPollMs: 1 });
    await Promise.all([provider.warmUp(), provider.warmUp(), provider.warmUp()]);
    expect(mock.script.statusCheckCount).toBe(2);
  });

  it('is cancelled by close() with aborted, and close() makes the next operation probe again', async () => {
    mock.script.arrangeStatusCheck({ type: 'warming_up' });
    const provider = server.provider({ warmUpTimeoutMs: 60_000, warmUpPollMs: 30_000 });
    const waiting = provider.warmUp();
    await vi.waitFor(() => expect(mock.script.statusCheckCount).toBe(1));
    await provider.close();
    const error = await expectFacegateError(waiting);
    expect(error.code).toBe('aborted');

    mock.script.arrangeStatusCheck({ type: 'live' });
    await provider.warmUp();
    expect(mock.script.statusCheckCount).toBe(2);
    await provider.close();
    await provider.doCompareFaces({ source: image('faces/obama-1.jpg'), target: image('faces/obama-2.jpg') }, ctx());
    expect(mock.script.statusCheckCount).toBe(3);
  });
});
