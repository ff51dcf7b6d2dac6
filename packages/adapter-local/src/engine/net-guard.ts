import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';

/** Thrown when anything in the engine tries to reach the network. */
export class NetworkDisabledError extends Error {
  constructor(url: string) {
    super(`facegate local engine: network access refused (${url})`);
    this.name = 'NetworkDisabledError';
  }
}

/** A `file://` URL or absolute path inside one of `roots`, else {@link NetworkDisabledError}. */
export function resolveLocal(url: string, roots: readonly string[]): string {
  let file: string;
  if (url.startsWith('file://')) file = fileURLToPath(url);
  else if (isAbsolute(url)) file = url;
  else throw new NetworkDisabledError(url.slice(0, 200));
  file = resolve(file);
  if (!roots.some((root) => file === root || file.startsWith(root + sep)))
    throw new NetworkDisabledError(`${url.slice(0, 200)} (outside the model folders)`);
  return file;
}

/** A tf.io handler loading a converted graph model (model.json + shards) with fs. */
export function fileModelHandler(jsonPath: string): TfCore.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(jsonPath, 'utf8')) as TfCore.io.ModelJSON;
      const dir = dirname(jsonPath);
      const specs: TfCore.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest ?? []) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(await readFile(join(dir, p)));
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        modelInitializer: json.modelInitializer,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

let routerRoots: string[] | undefined;

/** Route tf.io loads of `file://…model.json` inside `roots` to {@link fileModelHandler}. */
export function registerFileModelRouter(tf: typeof TfCore, roots: readonly string[]): void {
  const abs = roots.map((r) => resolve(r));
  if (routerRoots) {
    for (const r of abs) if (!routerRoots.includes(r)) routerRoots.push(r);
    return;
  }
  routerRoots = abs;
  const active = routerRoots;
  tf.io.registerLoadRouter(((url: string | string[]) => {
    const u = Array.isArray(url) ? url[0] : url;
    if (typeof u !== 'string' || !u.startsWith('file://')) return null;
    return fileModelHandler(resolveLocal(u, active));
  }) as unknown as Parameters<typeof tf.io.registerLoadRouter>[0]);
}
