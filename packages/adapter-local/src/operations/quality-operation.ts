import type { ValidatedMedia } from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import type { AnalyzeQualityRequest, CallContext, QualityObservation } from '@facegate/core/spec';
import { type FaceMeasurements, measureFace, qualityReasons } from '../analysis/frame-quality';
import { poseFrom68 } from '../analysis/head-pose';
import type { RgbImage } from '../engine/decode-image';
import type { EngineBox, EngineFace, EngineFrame } from '../engine/face-engine';
import { checkFace, decode, engineStep, type LocalContext } from './local-context';
import { countedFaces } from './match-operation';

/** The pose model's angles when it ran, else the 68-landmark estimate. */
export function facePose(face: EngineFace) {
  return face.pose ?? poseFrom68(face.landmarks);
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** A box as fractions of the frame. */
export function relativeBox(box: EngineBox, image: { width: number; height: number }) {
  return {
    left: round(box.x / image.width, 4),
    top: round(box.y / image.height, 4),
    width: round(box.width / image.width, 4),
    height: round(box.height / image.height, 4),
  };
}

/** Quality observation for an analysed frame. */
export function qualityObservation(image: RgbImage, frame: EngineFrame): QualityObservation {
  const faces = frame.faces.map(checkFace);
  const main = faces[0];
  const m: FaceMeasurements | null = main ? measureFace(image, main.box) : null;
  const pose = main ? facePose(main) : null;
  const reasons = qualityReasons(countedFaces(faces), m, pose);
  return {
    faces: faces.map((f, i) => {
      const p = i === 0 ? pose : facePose(f);
      return {
        box: relativeBox(f.box, image),
        confidence: f.score === null ? null : clamp01(f.score),
        ...(p ? { pose: { yaw: round(p.yaw, 1), pitch: round(p.pitch, 1), roll: round(p.roll, 1) } } : {}),
      };
    }),
    metrics: {
      brightness: m ? round(m.luma / 255) : null,
      // Laplacian variance mapped to 0..1: 40 (the blur threshold) → 0.5.
      sharpness: m ? round(m.sharpness / (m.sharpness + 40)) : null,
      faceAreaRatio: m ? round(m.faceAreaRatio) : null,
      centerOffset: m ? round(m.centerOffset) : null,
      // Both eyes more likely open than closed (a hint only: narrow eyes and glasses read lower).
      eyesOpen: main?.eyes ? main.eyes.left >= 0.5 && main.eyes.right >= 0.5 : null,
    },
    reasons,
    raw: toRawResponse({
      engine: 'local',
      detector: 'RFB-320 + 68 landmarks + pose + eye state (onnxruntime)',
      faceCount: faces.length,
      measurements: m && {
        faceSize: round(m.faceSize),
        luma: round(m.luma, 1),
        laplacianVariance: round(m.sharpness, 1),
        facePixels: Math.round(m.facePixels),
        cutOff: m.cutOff,
      },
    }),
    warnings: [],
  };
}

/** One-frame quality feedback. */
export async function analyzeQuality(
  local: LocalContext,
  request: AnalyzeQualityRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<QualityObservation> {
  const image = await decode(local, ctx, 'analyzeQuality', request.image);
  const frame = await engineStep(local, ctx, 'analyzeQuality', (signal) =>
    local.engine.analyzeFrame(image, { signal }),
  );
  return qualityObservation(image, frame);
}
