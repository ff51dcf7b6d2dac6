import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineBusyError, EngineCrashError } from '../local-errors';
import { EnginePool } from './engine-pool';
import type { EngineTask } from './engine-protocol';

const workerFile = fileURLToPath(new URL('./engine-pool.test-worker.mjs', import.meta.url));
const pools: EnginePool[] = [];
const makePool = (workers: number, maxQueue: number) => {
  const pool = new EnginePool({ workers, maxQueue, workerFile });
  pools.push(pool);
  return pool;
};
// The stand-in worker understands more ops than the engine's protocol.
const task = (t: Record<string, unknown>) => t as unknown as EngineTask;
const run = (pool: EnginePool, t: Record<string, unknown>, signal?: AbortSignal) =>
  (pool.run as (task: EngineTask, signal?: AbortSignal) => Promise<unknown>)(task(t), signal);

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('engine pool', () => {
  it('refuses a call at once when every worker is busy and the queue is full, with a retry-after hint', async () => {
    const pool = makePool(1, 1);
    await run(pool, { op: 'warm' });
    const running = new AbortController();
    const queued = new AbortController();
    const a = run(pool, { op: 'sleep', ms: 60_000 }, running.signal).catch((e: unknown) => e);
    const b = run(pool, { op: 'sleep', ms: 60_000 }, queued.signal).catch((e: unknown) => e);
    const refused = await run(pool, { op: 'warm' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EngineBusyError);
    expect((refused as EngineBusyError).retryAfterMs).toBeGreaterThanOrEqual(1000);

    // Aborting the queued call frees its place: a new call is accepted.
    queued.abort(new Error('client went away'));
    expect(await b).toMatchObject({ message: 'client went away' });
    const accepted = run(pool, { op: 'warm' });
    // Aborting the running call frees the worker (it is replaced) and the accepted call completes.
    running.abort(new Error('cancelled'));
    expect(await a).toMatchObject({ message: 'cancelled' });
    expect(await accepted).toEqual({ loadMs: 0 });
  });

  it('fails the call of a worker that dies with EngineCrashError, and keeps serving', async () => {
    const pool = makePool(1, 4);
    const error = await run(pool, { op: 'crash' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineCrashError);
    expect(await run(pool, { op: 'warm' })).toEqual({ loadMs: 0 });
  });

  it('turns a failure the worker reports into an error, not a result', async () => {
    const pool = makePool(1, 4);
    await expect(run(pool, { op: 'fail' })).rejects.toThrow(/inference failed/);
  });

  it('transfers the pixel buffer to the worker instead of copying it', async () => {
    const pool = makePool(1, 4);
    const data = new Uint8Array(640 * 480 * 3);
    expect(await run(pool, { op: 'bytes', image: { data, width: 640, height: 480 } })).toBe(640 * 480 * 3);
    expect(data.byteLength).toBe(0); // detached: it moved to the worker
  });

  it('rejects an already aborted call without queueing it', async () => {
    const pool = makePool(1, 0);
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(run(pool, { op: 'warm' }, controller.signal)).rejects.toThrow('too late');
  });
});
