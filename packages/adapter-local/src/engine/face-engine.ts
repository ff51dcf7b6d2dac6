import type { RgbImage } from './decode-image';

/** A point in image pixels. */
export type EnginePoint = readonly [number, number];

/** A face box in image pixels. */
export interface EngineBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A face found on one frame. */
export interface EngineFace {
  box: EngineBox;
  /** Detector score 0..1, or null for a tracked face. */
  score: number | null;
  /** 68 iBUG landmarks in image pixels. */
  landmarks: EnginePoint[];
}

/** Faces on one frame (largest first); `tracked` when the landmark net ran in the previous box only. */
export interface EngineFrame {
  faces: EngineFace[];
  tracked: boolean;
}

/** A face with its 128-d recognition descriptor. */
export interface DescribedFace extends EngineFace {
  descriptor: Float32Array;
}

/** What Human's mesh gives for one frame: eye openness and the passive scores. */
export interface MeshFace {
  box: EngineBox;
  /** Mean eye aspect ratio from the mesh eyelids. */
  eyeOpenness: number;
  /** Antispoof score (1 = real), when passive models ran. */
  real: number | null;
  /** Liveness score (1 = live), when passive models ran. */
  live: number | null;
}

/**
 * The model boundary of the local provider: what the face models compute on
 * decoded pixels. The provider's decisions (quality reasons, challenge, match
 * calibration, search) are plain code over these outputs. Tests and the
 * conformance kit substitute a scripted engine here.
 */
export interface FaceEngine {
  /** Model id stored with templates, e.g. `face-api/face_recognition@1.7.15`. */
  readonly model: string;
  /** Load the models (shared per process; concurrent callers await the same load). */
  warmUp(): Promise<void>;
  /** `ready` once loaded, `warming_up` while loading, `cold` before, `down` after a failed load. */
  state(): 'cold' | 'warming_up' | 'ready' | 'down';
  /**
   * Fast per-frame pass: tiny detector + 68 landmarks, or only the landmark net
   * inside the box around `track` (the previous frame's landmarks).
   */
  analyzeFrame(image: RgbImage, track?: readonly EnginePoint[] | null): Promise<EngineFrame>;
  /** Robust pass for matching: all faces with descriptors (largest first). */
  describeFaces(image: RgbImage): Promise<DescribedFace[]>;
  /** Descriptor of the face with these landmarks (no detector). */
  describeAt(image: RgbImage, landmarks: readonly EnginePoint[]): Promise<Float32Array>;
  /** Human mesh pass: eye openness, and antispoof/liveness scores when `passive`. */
  meshFaces(image: RgbImage, passive: boolean): Promise<MeshFace[]>;
}
