import type { RgbImage } from './decode-image';

/** A point in image pixels (x right, y down). */
export type EnginePoint = readonly [number, number];

/**
 * The 5 alignment points, in this order: centre of the eye on the image's
 * left (the subject's right eye on an unmirrored frame), centre of the eye on
 * the image's right, nose tip, mouth corner on the image's left, mouth corner
 * on the image's right.
 */
export type FivePoints = readonly [EnginePoint, EnginePoint, EnginePoint, EnginePoint, EnginePoint];

/** A face box in image pixels. */
export interface EngineBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Head pose in degrees on the raw (unmirrored) frame, from the pose model.
 * - `yaw` > 0: the nose points to the image's right (the subject turned to their own left).
 * - `pitch` > 0: face up.
 * - `roll` > 0: clockwise in the image (the eye on the image's right is lower).
 * The model was trained on −99°…+99°; it is most reliable within ±60° yaw.
 */
export interface EnginePose {
  yaw: number;
  pitch: number;
  roll: number;
}

/**
 * Per-eye probability that the eye is open (0 = closed, 1 = open), from the
 * eye-state model on a 24×24 crop around each eye. `left` is the eye on the
 * image's left. Absolute values vary by person (narrow eyes and glasses read
 * lower): compare with the same person's open-eye frames, not a fixed cut.
 */
export interface EyeState {
  left: number;
  right: number;
}

/**
 * Passive anti-spoof scores (MiniFASNet, two models) on one face: each the
 * softmax probability of the "real face" class, `real` their mean (upstream's
 * fusion). Scores drop on near-profile faces: judge frontal frames.
 */
export interface AntiSpoof {
  real: number;
  /** MiniFASNetV2, crop 2.7× the face. */
  v2: number;
  /** MiniFASNetV1SE, crop 4.0× the face. */
  v1se: number;
}

/** A face found on one frame, with everything the per-frame models computed for it. */
export interface EngineFace {
  /** Detector box (RFB-320: taller than wide, brow to chin). */
  box: EngineBox;
  /** Detector confidence 0..1; null only for a face the caller supplied (never from the detector). */
  score: number | null;
  /** 5 alignment points (see {@link FivePoints}), from the 68 landmarks. */
  landmarks5: FivePoints;
  /** 68 iBUG landmarks (0–16 jaw, 17–26 brows, 27–35 nose, 36–47 eyes, 48–67 mouth). */
  landmarks: EnginePoint[];
  /** Head pose, or null when not requested. */
  pose: EnginePose | null;
  /** Eye state, or null when not requested. */
  eyes: EyeState | null;
  /** Passive anti-spoof, or null when not requested. */
  antiSpoof: AntiSpoof | null;
}

/** Faces on one frame, most confident first. */
export interface EngineFrame {
  faces: EngineFace[];
}

/** A face with its embedding. */
export interface DescribedFace extends EngineFace {
  /** Unit-length embedding ({@link FaceEngine.embeddingLength} floats); cosine similarity = dot product. */
  descriptor: Float32Array;
}

/** What to compute per face in {@link FaceEngine.analyzeFrame}. */
export interface AnalyzeOptions {
  /** Head pose (default true). */
  readonly pose?: boolean;
  /** Eye state (default true). */
  readonly eyes?: boolean;
  /** Passive anti-spoof (default false: ~15 ms per face). */
  readonly antiSpoof?: boolean;
  /** Run the per-face models on at most this many of the most confident faces (default 3; the rest get boxes, landmarks only). */
  readonly maxAnalysedFaces?: number;
}

/** Per call: an abort signal (an aborted call frees its slot in the engine's queue). */
export interface EngineCallOptions {
  readonly signal?: AbortSignal;
}

/**
 * The model boundary of the local provider: what the face models compute on
 * decoded pixels. The provider's decisions (quality reasons, challenge, match
 * calibration, search) are plain code over these outputs. Tests and the
 * conformance kit substitute a scripted engine here.
 */
export interface FaceEngine {
  /** Embedding model version stored with every template, e.g. `facegate-onnx-1/fr_feature@faceplugin-0.0.1`. */
  readonly model: string;
  /** Floats per embedding. */
  readonly embeddingLength: number;
  /** Load the models (shared per process; concurrent callers await the same load). */
  warmUp(): Promise<void>;
  /** `ready` once loaded, `warming_up` while loading, `cold` before, `down` after a failed load. */
  state(): 'cold' | 'warming_up' | 'ready' | 'down';
  /** Per-frame pass: detector, 68 landmarks, 5 points, and per face the models asked for. */
  analyzeFrame(image: RgbImage, options?: AnalyzeOptions & EngineCallOptions): Promise<EngineFrame>;
  /** Matching pass: every face with its aligned embedding, most confident first. */
  describeFaces(image: RgbImage, options?: EngineCallOptions): Promise<DescribedFace[]>;
  /** Embedding of the face with these 5 points (no detector). */
  describeAt(image: RgbImage, points: FivePoints, options?: EngineCallOptions): Promise<Float32Array>;
  /** Release what the engine holds (worker threads); the engine can be warmed up again afterwards. */
  close?(): Promise<void>;
}
