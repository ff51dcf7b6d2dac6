import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Root folder of an installed package, found by walking up from its main file
 * (Human's `exports` map hides `package.json`, so `resolve('x/package.json')` fails).
 */
export function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name)
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`package root of ${name} not found`);
    dir = up;
  }
}

/** Where the engine reads code, wasm binaries and weights from (all inside installed packages). */
export interface EnginePaths {
  readonly wasmDir: string;
  readonly faceApiDist: string;
  readonly faceApiModels: string;
  readonly humanDist: string;
  readonly humanModels: string;
}

let cached: EnginePaths | undefined;

/** Resolve the engine's files from the installed packages (never bundled, never downloaded). */
export function enginePaths(): EnginePaths {
  if (cached) return cached;
  const faceApi = packageDir('@vladmandic/face-api');
  const human = packageDir('@vladmandic/human');
  cached = {
    wasmDir: `${join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist')}/`,
    faceApiDist: join(faceApi, 'dist', 'face-api.node-wasm.js'),
    faceApiModels: join(faceApi, 'model'),
    humanDist: join(human, 'dist', 'human.node-wasm.js'),
    humanModels: join(human, 'models'),
  };
  return cached;
}

/** `require` bound to this package, for the CommonJS builds of tfjs, face-api and Human. */
export const packageRequire = require;
