import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as TfCore from '@tensorflow/tfjs-core';
import type { RgbImage } from './decode-image';
import { enginePaths } from './package-paths';
import { requireWithSharedTf, rgbTensor, type Tf } from './tf-runtime';

/** A point in image pixels. */
export type Point = readonly [number, number];
/** A box in image pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface FaceApiNet {
  isLoaded: boolean;
  loadFromWeightMap(map: TfCore.NamedTensorMap): void;
}
interface FaceApiResult {
  detection?: { score: number; box: PixelBox };
  score?: number;
  box?: PixelBox;
  landmarks?: { positions: { x: number; y: number }[] };
  descriptor?: Float32Array;
}
interface FaceApiTask extends PromiseLike<FaceApiResult[]> {
  withFaceLandmarks(): FaceApiTask;
  withFaceDescriptors(): FaceApiTask;
}
interface FaceApiModule {
  nets: Record<string, FaceApiNet>;
  detectAllFaces(input: TfCore.Tensor3D, options: unknown): FaceApiTask;
  TinyFaceDetectorOptions: new (o: { inputSize: number; scoreThreshold: number }) => unknown;
  SsdMobilenetv1Options: new (o: { minConfidence: number; maxResults: number }) => unknown;
}
interface LandmarkNet {
  detectLandmarks(input: TfCore.Tensor3D): Promise<{ positions: { x: number; y: number }[] }>;
}
interface RecognitionNet {
  computeFaceDescriptor(input: TfCore.Tensor3D): Promise<Float32Array>;
}

/** A face found by face-api, in image pixels. */
export interface FaceApiFace {
  score: number | null;
  box: PixelBox;
  /** 68 iBUG landmarks, or null at the `detect` stage. */
  landmarks: Point[] | null;
  /** 128-d descriptor, or null below the `descriptor` stage. */
  descriptor: Float32Array | null;
}

/** Loaded face-api nets on the shared tfjs. */
export interface FaceApi {
  readonly tf: Tf;
  readonly module: FaceApiModule;
}

const NETS = {
  ssdMobilenetv1: 'ssd_mobilenetv1_model',
  tinyFaceDetector: 'tiny_face_detector_model',
  faceLandmark68Net: 'face_landmark_68_model',
  faceRecognitionNet: 'face_recognition_model',
} as const;

async function readWeightMap(tf: Tf, dir: string, name: string): Promise<TfCore.NamedTensorMap> {
  const manifest = JSON.parse(await readFile(join(dir, `${name}-weights_manifest.json`), 'utf8')) as {
    paths: string[];
    weights: TfCore.io.WeightsManifestEntry[];
  }[];
  const map: TfCore.NamedTensorMap = {};
  for (const group of manifest) {
    const all = Buffer.concat(await Promise.all(group.paths.map((p) => readFile(join(dir, p)))));
    Object.assign(
      map,
      tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength), group.weights),
    );
  }
  return map;
}

/** Load face-api's SSD, tiny detector, 68-landmark and recognition nets from the package's model folder. */
export async function loadFaceApi(tf: Tf): Promise<FaceApi> {
  const paths = enginePaths();
  const module = requireWithSharedTf<FaceApiModule>(paths.faceApiDist, tf);
  for (const [prop, file] of Object.entries(NETS)) {
    const net = module.nets[prop];
    if (!net) throw new Error(`face-api has no net ${prop}`);
    if (!net.isLoaded) net.loadFromWeightMap(await readWeightMap(tf, paths.faceApiModels, file));
  }
  return { tf, module };
}

/** Which detector and how far to go. */
export interface DetectOptions {
  detector: 'ssd' | 'tiny';
  stage: 'detect' | 'landmarks' | 'descriptor';
  /** tiny_face_detector input size (default 416). */
  inputSize?: number;
}

/** Detect faces (largest first). */
export async function detectFaces(api: FaceApi, image: RgbImage, options: DetectOptions): Promise<FaceApiFace[]> {
  const { module: fa, tf } = api;
  const input = rgbTensor(tf, image);
  try {
    const detectorOptions =
      options.detector === 'tiny'
        ? new fa.TinyFaceDetectorOptions({ inputSize: options.inputSize ?? 416, scoreThreshold: 0.5 })
        : new fa.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 20 });
    let task = fa.detectAllFaces(input, detectorOptions);
    if (options.stage !== 'detect') task = task.withFaceLandmarks();
    if (options.stage === 'descriptor') task = task.withFaceDescriptors();
    const found = await task;
    return found
      .map((r): FaceApiFace => {
        const d = r.detection ?? { score: r.score ?? 0, box: r.box as PixelBox };
        return {
          score: d.score,
          box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height },
          landmarks: r.landmarks ? r.landmarks.positions.map((p) => [p.x, p.y] as const) : null,
          descriptor: r.descriptor ?? null,
        };
      })
      .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  } finally {
    tf.dispose(input);
  }
}

/** Copy a box (clipped to the image, integer pixels) into a new RGB image. */
export function cropRgb(image: RgbImage, box: PixelBox): RgbImage {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const width = Math.max(1, Math.min(image.width, Math.ceil(box.x + box.width)) - x);
  const height = Math.max(1, Math.min(image.height, Math.ceil(box.y + box.height)) - y);
  const out = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * image.width + x) * 3;
    out.set(image.data.subarray(start, start + width * 3), row * width * 3);
  }
  return { data: out, width, height };
}

/** The crop the 68-landmark net expects around a face, derived from its previous landmarks. */
export function boxAroundLandmarks(landmarks: readonly Point[], image: { width: number; height: number }): PixelBox {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [x, y] of landmarks) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  const w = (x1 - x0) * 1.29;
  const h = (y1 - y0) * 1.24;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2 - 0.025 * (y1 - y0);
  const bx = Math.max(0, Math.round(cx - w / 2));
  const by = Math.max(0, Math.round(cy - h / 2));
  return {
    x: bx,
    y: by,
    width: Math.min(image.width, Math.round(cx + w / 2)) - bx,
    height: Math.min(image.height, Math.round(cy + h / 2)) - by,
  };
}

/** Tracking step: the 68 landmarks inside a known box, without a detector (~14 ms instead of ~70). */
export async function landmarksInBox(api: FaceApi, image: RgbImage, box: PixelBox): Promise<Point[]> {
  const crop = cropRgb(image, box);
  const input = rgbTensor(api.tf, crop);
  try {
    const net = api.module.nets.faceLandmark68Net as unknown as LandmarkNet;
    const res = await net.detectLandmarks(input);
    const ox = Math.max(0, Math.floor(box.x));
    const oy = Math.max(0, Math.floor(box.y));
    return res.positions.map((p) => [p.x + ox, p.y + oy] as const);
  } finally {
    api.tf.dispose(input);
  }
}

/** A tracked result is plausible when its landmarks fill the crop they came from. */
export function trackingLooksValid(landmarks: readonly Point[], box: PixelBox): boolean {
  const nb = boxAroundLandmarks(landmarks, { width: Number.POSITIVE_INFINITY, height: Number.POSITIVE_INFINITY });
  const ratio = (nb.width * nb.height) / (box.width * box.height);
  const dx = Math.abs(nb.x + nb.width / 2 - (box.x + box.width / 2)) / box.width;
  const dy = Math.abs(nb.y + nb.height / 2 - (box.y + box.height / 2)) / box.height;
  return ratio > 0.6 && ratio < 1.6 && dx < 0.2 && dy < 0.2;
}

function mean(points: readonly Point[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
}

/**
 * The square crop face-api's `withFaceDescriptors()` feeds the recognition net
 * (its "dlib alignment": eye centres and mouth centre set size and position).
 */
export function dlibAlignedBox(landmarks: readonly Point[], image: { width: number; height: number }): PixelBox {
  const left = mean(landmarks.slice(36, 42));
  const right = mean(landmarks.slice(42, 48));
  const mouth = mean(landmarks.slice(48, 68));
  const reach =
    (Math.hypot(mouth[0] - left[0], mouth[1] - left[1]) + Math.hypot(mouth[0] - right[0], mouth[1] - right[1])) / 2;
  const size = Math.floor(reach / 0.45);
  const cx = (left[0] + right[0] + mouth[0]) / 3;
  const cy = (left[1] + right[1] + mouth[1]) / 3;
  const x = Math.floor(Math.max(0, cx - 0.5 * size));
  const y = Math.floor(Math.max(0, cy - 0.43 * size));
  return { x, y, width: Math.min(size, image.width - x), height: Math.min(size, image.height - y) };
}

/** 128-d descriptor of the face with these 68 landmarks, without running a detector again. */
export async function descriptorFromLandmarks(
  api: FaceApi,
  image: RgbImage,
  landmarks: readonly Point[],
): Promise<Float32Array> {
  const input = rgbTensor(api.tf, cropRgb(image, dlibAlignedBox(landmarks, image)));
  try {
    const net = api.module.nets.faceRecognitionNet as unknown as RecognitionNet;
    return Float32Array.from(await net.computeFaceDescriptor(input));
  } finally {
    api.tf.dispose(input);
  }
}
