/**
 * How the adapter turns DetectFaces measurements into reason codes. These are
 * facegate's assumptions, not AWS guidance (AWS documents the scales, 0–100
 * for brightness and sharpness and degrees for pose, but no cut-offs); they
 * only flag clear problems and can be overridden with `qualityThresholds`.
 */
export interface AwsQualityThresholds {
  /** Face `Quality.Brightness` (0–100) below this → `too_dark`. */
  minBrightness: number;
  /** Face `Quality.Brightness` (0–100) above this → `too_bright`. */
  maxBrightness: number;
  /** Face `Quality.Sharpness` (0–100) below this → `blurry`. */
  minSharpness: number;
  /** Largest |yaw|, |pitch| or |roll| in degrees before `head_pose`. */
  maxPoseDegrees: number;
  /** Face box width in pixels below this → `face_too_small`. */
  minFacePixels: number;
  /** Face box area / image area below this → `face_too_far`. */
  minFaceAreaRatio: number;
  /** Face box area / image area above this → `face_too_close`. */
  maxFaceAreaRatio: number;
  /** Face centre farther than this (fraction of the frame) from the centre → `off_center`. */
  maxCenterOffset: number;
  /** How far (fraction of the frame) the box may reach past an edge before `face_cut_off`. */
  edgeTolerance: number;
  /** `EyesOpen.Value` false with at least this `EyesOpen.Confidence` (0–100) → `eyes_closed`. */
  minEyesClosedConfidence: number;
}

/** The default DetectFaces → reason code mapping (see the adapter's docs page). */
export const AWS_QUALITY_THRESHOLDS: Readonly<AwsQualityThresholds> = {
  minBrightness: 25,
  maxBrightness: 92,
  minSharpness: 10,
  maxPoseDegrees: 30,
  minFacePixels: 80,
  minFaceAreaRatio: 0.02,
  maxFaceAreaRatio: 0.65,
  maxCenterOffset: 0.3,
  edgeTolerance: 0.02,
  minEyesClosedConfidence: 80,
};
