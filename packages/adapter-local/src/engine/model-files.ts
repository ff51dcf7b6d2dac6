import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ONNX files the engine loads, by role (all committed under the package's `models/` folder). */
export const MODEL_FILES = {
  detector: 'faceplugin/fr_detect.onnx',
  landmarks: 'faceplugin/fr_landmark.onnx',
  embedding: 'faceplugin/fr_feature.onnx',
  eyeState: 'faceplugin/fr_eye.onnx',
  headPose: 'faceplugin/fr_pose.onnx',
  antiSpoofV2: 'minifasnet/minifasnet_v2_80x80_scale2.7.onnx',
  antiSpoofV1se: 'minifasnet/minifasnet_v1se_80x80_scale4.0.onnx',
} as const;

/** A model role. */
export type ModelRole = keyof typeof MODEL_FILES;

let cached: string | undefined;

/**
 * The package's `models/` folder, found by walking up from this module (the
 * same code runs from `src/engine/` in tests and from `dist/` when installed).
 * Weights are read from disk only: nothing is ever fetched.
 */
export function modelsDir(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'models', 'MODELS.md'))) {
      cached = join(dir, 'models');
      return cached;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('facegate local engine: the models/ folder was not found beside the package');
    dir = up;
  }
}

/** Absolute path of one model file. */
export function modelPath(role: ModelRole): string {
  return join(modelsDir(), MODEL_FILES[role]);
}
