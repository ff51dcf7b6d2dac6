import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import { EngineBusyError, EngineCrashError, EngineLoadError } from '../local-errors';
import type { EngineTask, EngineTaskResult, EngineWorkerData, WirePixels } from './engine-protocol';
import type { WorkerReply } from './engine-worker-reply';
import { modelsDir } from './model-files';

/** Sizing of the engine's worker pool. */
export interface EnginePoolOptions {
  /** Worker threads (default: the machine's cores, at most 4). Each holds its own copy of the models (~60 MB). */
  readonly workers?: number;
  /** Calls that may wait for a free worker before new ones fail with `provider_unavailable` (default 8 per worker). */
  readonly maxQueue?: number;
  /** Intra-op threads per inference (default 1: the pool already runs one worker per core). */
  readonly intraOpThreads?: number;
  /** The worker module (tests); default: the package's built `engine-worker.js`. */
  readonly workerFile?: string;
}

/**
 * The built worker beside this module; when running from the TypeScript
 * sources (tests), the package's `dist/engine-worker.js` (built by `pnpm build`).
 */
function defaultWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return join(modelsDir(), '..', 'dist', 'engine-worker.js');
  return join(dirname(here), 'engine-worker.js');
}

/**
 * A bounded pool of engine workers (piscina). Calls beyond `workers + maxQueue`
 * fail at once with {@link EngineBusyError} carrying a retry-after estimate; an
 * aborted call leaves the queue (or, if running, its worker is replaced); a
 * worker that dies fails its call with {@link EngineCrashError} and is replaced.
 * Idle workers do not keep the process alive.
 */
export class EnginePool {
  readonly workers: number;
  readonly maxQueue: number;
  private readonly pool: Piscina<EngineTask, WorkerReply>;
  /** Recent task time (ms), for the retry-after estimate. */
  private meanTaskMs = 50;

  constructor(options: EnginePoolOptions = {}) {
    this.workers = Math.max(1, options.workers ?? Math.min(4, availableParallelism()));
    this.maxQueue = Math.max(0, options.maxQueue ?? 8 * this.workers);
    const workerData: EngineWorkerData = { intraOp: Math.max(1, options.intraOpThreads ?? 1) };
    this.pool = new Piscina<EngineTask, WorkerReply>({
      filename: options.workerFile ?? defaultWorkerFile(),
      minThreads: this.workers,
      maxThreads: this.workers,
      maxQueue: this.maxQueue,
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      workerData,
    });
    // Piscina reports a worker that died with no task as an 'error' event; the next task gets a fresh worker.
    this.pool.on('error', () => undefined);
  }

  /** Calls running or waiting. */
  get pending(): number {
    return this.pool.queueSize + (this.workers - this.pool.idleThreads);
  }

  /** Run one task; `image` buffers are transferred to the worker (the caller's copy is detached). */
  async run<Op extends EngineTask['op']>(
    task: Extract<EngineTask, { op: Op }>,
    signal?: AbortSignal,
  ): Promise<EngineTaskResult[Op]> {
    signal?.throwIfAborted();
    if (this.pool.queueSize >= this.maxQueue && this.pool.idleThreads === 0) throw this.busy();
    const image = (task as { image?: WirePixels }).image;
    const transferList = image ? [image.data.buffer as ArrayBuffer] : [];
    const t0 = performance.now();
    let reply: WorkerReply;
    try {
      reply = await this.pool.run(task, { transferList, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof Error && error.message === 'Task queue is at limit') throw this.busy();
      throw new EngineCrashError('an engine worker stopped while running the call', { cause: error });
    }
    this.meanTaskMs = 0.8 * this.meanTaskMs + 0.2 * (performance.now() - t0);
    if (reply.ok) return reply.value as EngineTaskResult[Op];
    if (reply.kind === 'load') throw new EngineLoadError(reply.message);
    throw new Error(reply.message);
  }

  /** Stop every worker (running calls fail); a new pool must be made afterwards. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private busy(): EngineBusyError {
    // How long the calls ahead take to drain, rounded up to whole seconds (HTTP Retry-After has second resolution).
    const drainMs = ((this.pool.queueSize + this.workers) * this.meanTaskMs) / this.workers;
    return new EngineBusyError(Math.min(30_000, Math.max(1000, Math.ceil(drainMs / 1000) * 1000)));
  }
}
