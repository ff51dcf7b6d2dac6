import { pathToFileURL } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import type { RgbImage } from './decode-image';
import { enginePaths } from './package-paths';
import { requireWithSharedTf, rgbTensor, type Tf } from './tf-runtime';

/** What one Human face gives the engine. */
export interface HumanFace {
  box: { x: number; y: number; width: number; height: number };
  /** 468 mesh points [x, y, z] in image pixels (z in crop units). */
  mesh: (readonly [number, number, number])[];
  /** Antispoof score (1 = real), when requested. */
  real: number | null;
  /** Liveness score (1 = live), when requested. */
  live: number | null;
}

interface HumanResultFace {
  box: [number, number, number, number];
  mesh: [number, number, number][];
  real?: number;
  live?: number;
}
interface HumanInstance {
  load(): Promise<void>;
  detect(input: TfCore.Tensor3D, config?: unknown): Promise<{ error?: string | null; face: HumanResultFace[] }>;
}
type HumanModule = { Human: new (config: unknown) => HumanInstance };

/** Human loaded with detector, mesh, antispoof and liveness (no iris, no faceres). */
export interface HumanEngine {
  readonly tf: Tf;
  readonly human: HumanInstance;
}

/**
 * Human's configuration for a verifier: every result computed fresh (Human
 * caches and skips "similar" frames by default), one face, only the models we
 * use, weights from the package folder through a `file://` URL.
 */
export function humanConfig(passive: boolean): Record<string, unknown> {
  const paths = enginePaths();
  const fresh = { skipFrames: 0, skipTime: 0 };
  return {
    backend: 'wasm',
    wasmPath: paths.wasmDir,
    modelBasePath: `${pathToFileURL(paths.humanModels).href}/`,
    cacheModels: false,
    validateModels: false,
    debug: false,
    async: true,
    warmup: 'none',
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 3, minConfidence: 0.3, return: false, ...fresh },
      mesh: { enabled: true },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: false, ...fresh },
      antispoof: { enabled: passive, ...fresh },
      liveness: { enabled: passive, ...fresh },
    },
  };
}

/** Load Human's face models on the shared tfjs. */
export async function loadHuman(tf: Tf): Promise<HumanEngine> {
  const { Human } = requireWithSharedTf<HumanModule>(enginePaths().humanDist, tf);
  const human = new Human(humanConfig(true));
  await human.load();
  return { tf, human };
}

/**
 * Human on one image, largest face first. `passive` adds the antispoof and
 * liveness models (+~20 ms). The full config is passed on every call because
 * Human merges per-call config into its instance permanently.
 */
export async function detectHuman(engine: HumanEngine, image: RgbImage, passive: boolean): Promise<HumanFace[]> {
  const input = rgbTensor(engine.tf, image);
  try {
    const res = await engine.human.detect(input, humanConfig(passive));
    if (res.error) throw new Error(`human: ${res.error}`);
    return res.face
      .map((f) => ({
        box: { x: f.box[0], y: f.box[1], width: f.box[2], height: f.box[3] },
        mesh: f.mesh.map((p) => [p[0], p[1], p[2]] as const),
        real: passive && typeof f.real === 'number' ? f.real : null,
        live: passive && typeof f.live === 'number' ? f.live : null,
      }))
      .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  } finally {
    engine.tf.dispose(input);
  }
}
