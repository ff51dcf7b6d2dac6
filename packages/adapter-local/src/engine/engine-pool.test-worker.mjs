// A stand-in engine worker for engine-pool.test.ts: same reply shape as
// engine-worker.ts, with tasks that sleep, crash the thread or report the bytes they got.
export default async function run(task) {
  switch (task.op) {
    case 'warm':
      return { ok: true, value: { loadMs: 0 } };
    case 'sleep':
      await new Promise((resolve) => setTimeout(resolve, task.ms));
      return { ok: true, value: 'slept' };
    case 'bytes':
      return { ok: true, value: task.image.data.byteLength };
    case 'fail':
      return { ok: false, kind: 'inference', message: 'inference failed: Error' };
    case 'crash':
      process.exit(3);
      break;
    default:
      return { ok: false, kind: 'inference', message: `unknown op ${task.op}` };
  }
}
