import { eyeOpennessMesh } from '../analysis/eye-openness';
import type { RgbImage } from './decode-image';
import {
  boxAroundLandmarks,
  descriptorFromLandmarks,
  detectFaces,
  type FaceApi,
  landmarksInBox,
  loadFaceApi,
  trackingLooksValid,
} from './face-api-nets';
import type { DescribedFace, EngineFrame, EnginePoint, FaceEngine, MeshFace } from './face-engine';
import { detectHuman, type HumanEngine, loadHuman } from './human-mesh';
import { getTf } from './tf-runtime';

/** The recognition model templates are made with (stored beside each template). */
export const RECOGNITION_MODEL = 'face-api@1.7.15/face_recognition_model';

interface Loaded {
  faceApi: FaceApi;
  human: HumanEngine;
}

let loading: Promise<Loaded> | undefined;
let loaded: Loaded | undefined;
let failed = false;

/** Load tfjs, face-api and Human once per process; concurrent callers share the promise. */
function loadModels(): Promise<Loaded> {
  loading ??= (async () => {
    const tf = await getTf();
    const faceApi = await loadFaceApi(tf);
    const human = await loadHuman(tf);
    loaded = { faceApi, human };
    failed = false;
    return loaded;
  })().catch((error: unknown) => {
    loading = undefined;
    failed = true;
    throw error;
  });
  return loading;
}

/** Options of the model engine. */
export interface ModelEngineOptions {
  /** tiny_face_detector input size for per-frame analysis (default 320, retried at 416 when nothing is found). */
  readonly frameInputSize?: number;
}

/**
 * The real engine: face-api (tiny detector, 68 landmarks, SSD, recognition)
 * and Human (mesh, antispoof, liveness) on one tfjs-core + wasm backend. The
 * models are loaded once per process and shared by every provider instance.
 */
export function createModelEngine(options: ModelEngineOptions = {}): FaceEngine {
  const inputSize = options.frameInputSize ?? 320;
  return {
    model: RECOGNITION_MODEL,
    async warmUp() {
      await loadModels();
    },
    state() {
      if (loaded) return 'ready';
      if (failed) return 'down';
      return loading ? 'warming_up' : 'cold';
    },
    async analyzeFrame(image: RgbImage, track?: readonly EnginePoint[] | null): Promise<EngineFrame> {
      const { faceApi } = await loadModels();
      if (track) {
        const box = boxAroundLandmarks(track, image);
        if (box.width > 8 && box.height > 8) {
          const landmarks = await landmarksInBox(faceApi, image, box);
          if (trackingLooksValid(landmarks, box)) return { tracked: true, faces: [{ box, score: null, landmarks }] };
        }
      }
      let faces = await detectFaces(faceApi, image, { detector: 'tiny', stage: 'landmarks', inputSize });
      // 320 misses some small or partly cut faces; 416 finds them at ~1.4x the cost.
      if (faces.length === 0 && inputSize < 416)
        faces = await detectFaces(faceApi, image, { detector: 'tiny', stage: 'landmarks', inputSize: 416 });
      return {
        tracked: false,
        faces: faces.map((f) => ({ box: f.box, score: f.score, landmarks: f.landmarks ?? [] })),
      };
    },
    async describeFaces(image: RgbImage): Promise<DescribedFace[]> {
      const { faceApi } = await loadModels();
      const faces = await detectFaces(faceApi, image, { detector: 'ssd', stage: 'descriptor' });
      return faces.flatMap((f) =>
        f.landmarks && f.descriptor
          ? [{ box: f.box, score: f.score, landmarks: f.landmarks, descriptor: f.descriptor }]
          : [],
      );
    },
    async describeAt(image: RgbImage, landmarks: readonly EnginePoint[]): Promise<Float32Array> {
      const { faceApi } = await loadModels();
      return descriptorFromLandmarks(faceApi, image, landmarks);
    },
    async meshFaces(image: RgbImage, passive: boolean): Promise<MeshFace[]> {
      const { human } = await loadModels();
      const faces = await detectHuman(human, image, passive);
      return faces.map((f) => ({
        box: f.box,
        eyeOpenness: f.mesh.length >= 468 ? eyeOpennessMesh(f.mesh) : Number.NaN,
        real: f.real,
        live: f.live,
      }));
    },
  };
}
