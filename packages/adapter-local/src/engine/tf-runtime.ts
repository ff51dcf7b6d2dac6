import type * as TfCore from '@tensorflow/tfjs-core';
import { registerChainedOps } from './chained-ops';
import { registerFileModelRouter } from './net-guard';
import { enginePaths, packageRequire } from './package-paths';
import { patchWasmConcat } from './wasm-concat-patch';

/** The tfjs-core namespace shared by face-api and Human. */
export type Tf = typeof TfCore;

let runtime: Promise<Tf> | undefined;

/**
 * One TensorFlow.js for the process: tfjs-core (CommonJS build) with the wasm
 * backend, its `.wasm` files read from the installed package, chained ops
 * registered, model loads routed to local files. Concurrent callers share one
 * initialisation.
 */
export function getTf(): Promise<Tf> {
  runtime ??= (async () => {
    const tf = packageRequire('@tensorflow/tfjs-core') as Tf;
    registerChainedOps(tf);
    const wasm = packageRequire('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
    const paths = enginePaths();
    wasm.setWasmPaths(paths.wasmDir);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to initialise');
    await tf.ready();
    registerFileModelRouter(tf, [paths.faceApiModels, paths.humanModels]);
    patchWasmConcat(tf);
    tf.enableProdMode();
    return tf;
  })().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

/**
 * Load a CommonJS bundle (face-api, Human) whose `require('@tensorflow/…')`
 * calls must get this package's single tfjs instance: under pnpm those packages
 * cannot see tfjs (it is not their dependency), and face-api asks for the
 * `@tensorflow/tfjs` union package, which we answer with tfjs-core.
 */
export function requireWithSharedTf<T>(file: string, tf: Tf): T {
  const Module = packageRequire('node:module') as {
    _load: (request: string, ...rest: unknown[]) => unknown;
  };
  const shared: Record<string, unknown> = {
    '@tensorflow/tfjs': tf,
    '@tensorflow/tfjs-core': tf,
    '@tensorflow/tfjs-backend-wasm': packageRequire('@tensorflow/tfjs-backend-wasm'),
    '@tensorflow/tfjs-converter': packageRequire('@tensorflow/tfjs-converter'),
  };
  const original = Module._load;
  Module._load = function load(this: unknown, request: string, ...rest: unknown[]) {
    return Object.hasOwn(shared, request) ? shared[request] : original.call(this, request, ...rest);
  };
  try {
    return packageRequire(file) as T;
  } finally {
    Module._load = original;
  }
}

/** RGB bytes (HWC) as an int32 tensor3d, what both libraries accept. The caller disposes it. */
export function rgbTensor(tf: Tf, image: { data: Uint8Array; width: number; height: number }): TfCore.Tensor3D {
  return tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
}
