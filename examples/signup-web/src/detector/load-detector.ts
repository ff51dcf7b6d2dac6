import type { DetectedFace } from './face-observation';

/** A loaded face detector. */
export interface FaceDetector {
  /** The tfjs backend in use (`wasm` or `cpu`). */
  backend: string;
  detect(input: HTMLVideoElement | HTMLCanvasElement): Promise<DetectedFace[]>;
}

/** Where the server serves the weights of this exact detector version (immutable, so cacheable forever). */
export const MODEL_BASE = `/models/face-api/${__FACE_API_VERSION__}/`;

let loading: Promise<FaceDetector> | undefined;

/**
 * Load the detector once: face-api's tiny face detector and tiny 68-point
 * landmarks (~0.27 MB of weights from our own server, no CDN), on tfjs's WASM
 * backend — fast without a GPU, headless Chromium included — or its CPU backend
 * when WASM cannot start. Loaded lazily so the first screen does not wait for it.
 */
export function loadDetector(): Promise<FaceDetector> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<FaceDetector> {
  const [faceapi, wasmUrls] = await Promise.all([import('@vladmandic/face-api'), import('./wasm-urls')]);
  // biome-ignore lint/suspicious/noExplicitAny: face-api re-exports tfjs without its types
  const tf = faceapi.tf as any;
  let backend = 'wasm';
  try {
    tf.setWasmPaths(wasmUrls.WASM_PATHS);
    if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend did not start');
    await tf.ready();
  } catch (error) {
    console.warn('tfjs wasm backend unavailable, using cpu:', error);
    backend = 'cpu';
    await tf.setBackend('cpu');
    await tf.ready();
  }
  await Promise.all([
    faceapi.nets.tinyFaceDetector.loadFromUri(MODEL_BASE),
    faceapi.nets.faceLandmark68TinyNet.loadFromUri(MODEL_BASE),
  ]);
  // 224 px input: small enough for several detections a second on one CPU core, big enough for a face in the oval.
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 224, scoreThreshold: 0.45 });
  return {
    backend,
    async detect(input) {
      const results = await faceapi.detectAllFaces(input, options).withFaceLandmarks(true);
      return results.map((r) => ({
        box: {
          x: r.detection.box.x,
          y: r.detection.box.y,
          width: r.detection.box.width,
          height: r.detection.box.height,
        },
        score: r.detection.score,
        landmarks: r.landmarks.positions.map((p) => ({ x: p.x, y: p.y })),
      }));
    },
  };
}
