import { DetectFacesCommand } from '@aws-sdk/client-rekognition';
import type { DetectedFace, QualityMetrics, ReasonCode, ValidatedMedia, Warning } from '@facegate/core';
import { readProviderOptions, toUnitScore } from '@facegate/core/adapter-kit';
import type { AnalyzeQualityRequest, CallContext, QualityObservation } from '@facegate/core/spec';
import type { AwsCaller } from './aws-call';
import { toBoundingBox } from './aws-images';
import { AWS_PROVIDER_ID } from './aws-limits';
import { noOptionsSchema } from './aws-provider-options';
import type { AwsQualityThresholds } from './aws-quality-thresholds';
import { detectFacesWire, type FaceDetailWire } from './aws-schemas';

/**
 * Quality feedback from DetectFaces (`DEFAULT` attributes plus `EYES_OPEN`):
 * every face with its box, detector confidence and pose; the metrics and
 * reasons of the largest face, mapped with `thresholds`.
 */
export async function analyzeQualityWithAws(
  caller: AwsCaller,
  thresholds: AwsQualityThresholds,
  request: AnalyzeQualityRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<QualityObservation> {
  const warnings: Warning[] = [];
  readProviderOptions(AWS_PROVIDER_ID, noOptionsSchema, request.providerOptions, warnings);
  const { body, label, raw } = await caller.call('analyzeQuality', ctx, detectFacesWire, (options) =>
    caller.client.send(
      new DetectFacesCommand({ Image: { Bytes: request.image.data }, Attributes: ['DEFAULT', 'EYES_OPEN'] }),
      options,
    ),
  );
  const faces: DetectedFace[] = body.FaceDetails.map((face) => {
    const detected: DetectedFace = {
      box: toBoundingBox(face.BoundingBox),
      confidence: toUnitScore(face.Confidence, 100, label, warnings),
    };
    if (face.Pose) detected.pose = { yaw: face.Pose.Yaw, pitch: face.Pose.Pitch, roll: face.Pose.Roll };
    return detected;
  });
  const primary = largest(body.FaceDetails);
  const metrics: QualityMetrics = {
    brightness: primary?.Quality ? toUnitScore(primary.Quality.Brightness, 100, label, warnings) : null,
    sharpness: primary?.Quality ? toUnitScore(primary.Quality.Sharpness, 100, label, warnings) : null,
    faceAreaRatio: primary ? areaRatio(primary) : null,
    centerOffset: primary ? centerOffset(primary) : null,
    eyesOpen: primary?.EyesOpen ? primary.EyesOpen.Value : null,
  };
  const reasons: ReasonCode[] = [];
  if (faces.length === 0) reasons.push('no_face');
  if (faces.length > 1) reasons.push('multiple_faces');
  if (primary) reasons.push(...faceReasons(primary, metrics, imageWidth(request.image), thresholds));
  return { faces, metrics, reasons, raw, warnings };
}

/** The face with the largest box (the one a user in front of the camera would be). */
function largest(faces: readonly FaceDetailWire[]): FaceDetailWire | undefined {
  return faces.reduce<FaceDetailWire | undefined>(
    (best, face) => (!best || areaRatio(face) > areaRatio(best) ? face : best),
    undefined,
  );
}

/** Visible face area / frame area (the part of the box inside the frame). */
function areaRatio(face: FaceDetailWire): number {
  const { Left, Top, Width, Height } = face.BoundingBox;
  const w = Math.max(0, Math.min(1, Left + Width) - Math.max(0, Left));
  const h = Math.max(0, Math.min(1, Top + Height) - Math.max(0, Top));
  return Math.min(1, w * h);
}

/** Distance of the box centre from the frame centre, in frame fractions. */
function centerOffset(face: FaceDetailWire): number {
  const { Left, Top, Width, Height } = face.BoundingBox;
  return Math.hypot(Left + Width / 2 - 0.5, Top + Height / 2 - 0.5);
}

/** Image width as Rekognition sees it: EXIF orientations 5–8 swap width and height. */
function imageWidth(image: ValidatedMedia): number | undefined {
  const rotated = (image.exif?.orientation ?? 1) >= 5;
  return rotated ? image.height : image.width;
}

function faceReasons(
  face: FaceDetailWire,
  metrics: QualityMetrics,
  width: number | undefined,
  t: AwsQualityThresholds,
): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  const { Left, Top, Width, Height } = face.BoundingBox;
  if (face.Quality) {
    if (face.Quality.Brightness < t.minBrightness) reasons.push('too_dark');
    if (face.Quality.Brightness > t.maxBrightness) reasons.push('too_bright');
    if (face.Quality.Sharpness < t.minSharpness) reasons.push('blurry');
  }
  if (face.Pose) {
    const worst = Math.max(Math.abs(face.Pose.Yaw), Math.abs(face.Pose.Pitch), Math.abs(face.Pose.Roll));
    if (worst > t.maxPoseDegrees) reasons.push('head_pose');
  }
  if (face.EyesOpen && !face.EyesOpen.Value && face.EyesOpen.Confidence >= t.minEyesClosedConfidence)
    reasons.push('eyes_closed');
  const tolerance = t.edgeTolerance;
  if (Left < -tolerance || Top < -tolerance || Left + Width > 1 + tolerance || Top + Height > 1 + tolerance)
    reasons.push('face_cut_off');
  if (width !== undefined && Width * width < t.minFacePixels) reasons.push('face_too_small');
  const area = metrics.faceAreaRatio ?? 0;
  if (area < t.minFaceAreaRatio) reasons.push('face_too_far');
  if (area > t.maxFaceAreaRatio) reasons.push('face_too_close');
  if ((metrics.centerOffset ?? 0) > t.maxCenterOffset) reasons.push('off_center');
  return reasons;
}
