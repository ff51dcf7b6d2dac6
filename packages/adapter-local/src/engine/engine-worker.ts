// The worker-thread side of the engine pool: loads the ONNX sessions once per
// thread and runs one task at a time. Bundled to dist/engine-worker.js.
import { workerData } from 'node:worker_threads';
import type { RgbImage } from './decode-image';
import type { EngineTask, EngineWorkerData } from './engine-protocol';
import type { WorkerReply } from './engine-worker-reply';
import { analyzeWithModels, describeWithModels, embedWithModels, loadOnnxModels, type OnnxModels } from './onnx-models';

const settings = (workerData ?? { intraOp: 1 }) as EngineWorkerData;
const started = performance.now();
let loadMs = 0;
const models: Promise<OnnxModels> = loadOnnxModels({ intraOp: settings.intraOp }).then((m) => {
  loadMs = performance.now() - started;
  return m;
});
// A load failure is reported by the first task; keep it from being an unhandled rejection meanwhile.
models.catch(() => undefined);

const pixels = (wire: { data: Uint8Array; width: number; height: number }): RgbImage => ({
  data: wire.data,
  width: wire.width,
  height: wire.height,
});

async function run(m: OnnxModels, task: EngineTask): Promise<unknown> {
  switch (task.op) {
    case 'warm':
      return { loadMs };
    case 'analyze':
      return analyzeWithModels(m, pixels(task.image), task.options);
    case 'describe':
      return describeWithModels(m, pixels(task.image));
    case 'embed':
      return embedWithModels(m, pixels(task.image), task.points);
  }
}

/** Run one engine task (piscina calls the default export). Failures are answered, not thrown: a rejection means the thread died. */
export default async function runEngineTask(task: EngineTask): Promise<WorkerReply> {
  let m: OnnxModels;
  try {
    m = await models;
  } catch (error) {
    return { ok: false, kind: 'load', message: `model load failed: ${(error as Error).message}`.slice(0, 300) };
  }
  try {
    return { ok: true, value: await run(m, task) };
  } catch (error) {
    return { ok: false, kind: 'inference', message: `inference failed: ${(error as Error).name}`.slice(0, 300) };
  }
}
