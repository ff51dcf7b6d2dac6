import type { InferenceSession } from 'onnxruntime-node';
import { antiSpoof } from './anti-spoof';
import type { RgbImage } from './decode-image';
import { eyeState } from './eye-state';
import { detectFaces } from './face-detector';
import { embedFace } from './face-embedding';
import type { AnalyzeOptions, DescribedFace, EngineFace, EngineFrame, FivePoints } from './face-engine';
import { detectLandmarks, fivePointsFrom68, landmarkCrop } from './face-landmarks';
import { headPose } from './head-pose-model';
import type { ModelRole } from './model-files';
import { openSession, type SessionThreads } from './onnx-session';

/** The loaded sessions of one engine instance (one per worker thread). */
export type OnnxModels = Record<ModelRole, InferenceSession>;

const ROLES: ModelRole[] = [
  'detector',
  'landmarks',
  'embedding',
  'eyeState',
  'headPose',
  'antiSpoofV2',
  'antiSpoofV1se',
];

/** Open every model session. */
export async function loadOnnxModels(threads: SessionThreads): Promise<OnnxModels> {
  const sessions = await Promise.all(ROLES.map((role) => openSession(role, threads)));
  return Object.fromEntries(ROLES.map((role, i) => [role, sessions[i]])) as OnnxModels;
}

/** Release every session. */
export async function releaseOnnxModels(models: OnnxModels): Promise<void> {
  await Promise.all(Object.values(models).map((s) => s.release()));
}

/** The per-frame pass on already loaded models (runs inside a worker). */
export async function analyzeWithModels(
  models: OnnxModels,
  image: RgbImage,
  options: AnalyzeOptions = {},
): Promise<EngineFrame> {
  const detections = await detectFaces(models.detector, image);
  const limit = options.maxAnalysedFaces ?? 3;
  const faces: EngineFace[] = [];
  for (const [i, d] of detections.entries()) {
    const landmarks = await detectLandmarks(models.landmarks, image, d.box);
    const deep = i < limit;
    faces.push({
      box: d.box,
      score: d.score,
      landmarks,
      landmarks5: fivePointsFrom68(landmarks),
      pose: deep && options.pose !== false ? await headPose(models.headPose, image, landmarkCrop(d.box)) : null,
      eyes: deep && options.eyes !== false ? await eyeState(models.eyeState, image, landmarks) : null,
      antiSpoof:
        deep && options.antiSpoof
          ? await antiSpoof({ v2: models.antiSpoofV2, v1se: models.antiSpoofV1se }, image, d.box)
          : null,
    });
  }
  return { faces };
}

/** The matching pass: detector, landmarks, aligned embedding of every face (up to 10). */
export async function describeWithModels(models: OnnxModels, image: RgbImage): Promise<DescribedFace[]> {
  const detections = await detectFaces(models.detector, image);
  const out: DescribedFace[] = [];
  for (const d of detections) {
    const landmarks = await detectLandmarks(models.landmarks, image, d.box);
    const landmarks5 = fivePointsFrom68(landmarks);
    out.push({
      box: d.box,
      score: d.score,
      landmarks,
      landmarks5,
      pose: null,
      eyes: null,
      antiSpoof: null,
      descriptor: await embedFace(models.embedding, image, landmarks5),
    });
  }
  return out;
}

/** Embedding at known 5 points. */
export function embedWithModels(models: OnnxModels, image: RgbImage, points: FivePoints): Promise<Float32Array> {
  return embedFace(models.embedding, image, points);
}
