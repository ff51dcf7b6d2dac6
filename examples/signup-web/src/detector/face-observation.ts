/** A point in video pixels. */
export interface Point {
  x: number;
  y: number;
}

/** One face the in-browser detector found, in video pixels (not mirrored). */
export interface DetectedFace {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /** The 68 landmarks (iBUG order), when the landmark model ran. */
  landmarks?: Point[];
}

/** What the detector saw in one video frame. */
export interface FrameObservation {
  faces: DetectedFace[];
  /** Mean luma (0–255) inside the oval. */
  luma: number;
  width: number;
  height: number;
  /** performance.now() when it was taken. */
  at: number;
}
