import { type Challenge, FacegateError, type ValidatedMedia, type Warning } from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import type { CallContext, Frame, LivenessObservation, MediaLivenessRequest } from '@facegate/core/spec';
import { type FrameEvidence, matchChallengeSteps } from '../analysis/challenge-steps';
import { measureFace, qualityReasons } from '../analysis/frame-quality';
import { type HeadPose, poseFrom68 } from '../analysis/head-pose';
import { decideLiveness } from '../analysis/liveness-decision';
import { euclidean } from '../analysis/similarity';
import type { RgbImage } from '../engine/decode-image';
import type { EngineFace, EngineFrame } from '../engine/face-engine';
import { LOCAL_PROVIDER_ID } from '../local-errors';
import { checkDescriptor, checkFace, decode, engineStep, type LocalContext } from './local-context';
import { relativeBox } from './quality-operation';

/** Run the detector on every n-th frame and track the landmarks in between … */
const REDETECT_EVERY = 3;
/** … but only between frames this close in time; sparser frames move too much to track. */
const MAX_TRACK_GAP_MS = 250;
/** A tracked frame whose yaw moved more than this from the previous frame is re-detected. */
const MAX_TRACKED_YAW_CHANGE = 8;

interface AnalysedFrame {
  frame: Frame<ValidatedMedia>;
  image: RgbImage;
  face: EngineFace | null;
  evidence: FrameEvidence;
  sharpness: number;
  clean: boolean;
}

function invalid(message: string): FacegateError {
  return new FacegateError({ code: 'invalid_input', provider: LOCAL_PROVIDER_ID, message });
}

async function analyseFrames(
  local: LocalContext,
  ctx: CallContext,
  frames: Frame<ValidatedMedia>[],
  wantEyes: boolean,
): Promise<AnalysedFrame[]> {
  const out: AnalysedFrame[] = [];
  let track: EngineFace['landmarks'] | null = null;
  let previous: { atMs: number; yaw: number | null } | null = null;
  for (const [i, frame] of frames.entries()) {
    const image = await decode(local, ctx, 'checkLiveness', frame.image);
    const canTrack: boolean =
      i % REDETECT_EVERY !== 0 && previous !== null && frame.capturedAtMs - previous.atMs <= MAX_TRACK_GAP_MS;
    let result: EngineFrame = await engineStep(local, ctx, 'checkLiveness', () =>
      local.engine.analyzeFrame(image, canTrack ? track : null),
    );
    let faces: EngineFace[] = result.faces.map(checkFace);
    let pose: HeadPose | null = faces[0] ? poseFrom68(faces[0].landmarks) : null;
    if (
      result.tracked &&
      (pose === null || previous?.yaw == null || Math.abs(pose.yaw - previous.yaw) > MAX_TRACKED_YAW_CHANGE)
    ) {
      // Something moved: confirm with the detector rather than trust the tracker.
      result = await engineStep(local, ctx, 'checkLiveness', () => local.engine.analyzeFrame(image, null));
      faces = result.faces.map(checkFace);
      pose = faces[0] ? poseFrom68(faces[0].landmarks) : null;
    }
    const face = faces[0] ?? null;
    track = face && faces.length === 1 ? face.landmarks : null;
    previous = { atMs: frame.capturedAtMs, yaw: pose?.yaw ?? null };
    let eyes: number | null = null;
    if (face && wantEyes) {
      const mesh = await engineStep(local, ctx, 'checkLiveness', () => local.engine.meshFaces(image, false));
      const main = mesh[0];
      eyes = main && Number.isFinite(main.eyeOpenness) ? main.eyeOpenness : null;
    }
    const m = face ? measureFace(image, face.box) : null;
    const reasons = qualityReasons(result.tracked ? 1 : faces.length, m, pose);
    out.push({
      frame,
      image,
      face,
      sharpness: m?.sharpness ?? 0,
      clean: reasons.length === 0,
      evidence: {
        atMs: frame.capturedAtMs,
        faceCount: result.tracked ? null : faces.length,
        landmarks: face ? [...face.landmarks] : null,
        yaw: pose?.yaw ?? null,
        roll: pose?.roll ?? null,
        eyeOpenness: eyes,
      },
    });
  }
  return out;
}

/** The sharpest clean frontal frame, for matching against an ID document. */
function bestFrame(frames: AnalysedFrame[]): AnalysedFrame | undefined {
  return frames
    .filter((f) => f.clean && f.face && f.evidence.yaw !== null && Math.abs(f.evidence.yaw) < 12)
    .sort((a, b) => b.sharpness - a.sharpness)[0];
}

const round = (v: number | null, d = 3) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

/**
 * Active liveness over frames answering a challenge, with Human's passive
 * scores as a weak extra signal. See the docs page for every rule.
 */
export async function checkLiveness(
  local: LocalContext,
  request: MediaLivenessRequest<ValidatedMedia>,
  ctx: CallContext,
): Promise<LivenessObservation> {
  if (request.media.kind !== 'frames')
    throw new FacegateError({
      code: 'unsupported_operation',
      provider: LOCAL_PROVIDER_ID,
      message: `checkLiveness: the local engine checks frame sequences only (got ${request.media.kind})`,
    });
  const challenge: Challenge | undefined = request.challenge;
  if (!challenge) throw invalid('checkLiveness: frames need the challenge they answer (request.challenge)');
  const warnings: Warning[] = [];
  if (request.reference)
    warnings.push({
      type: 'unsupported_option',
      message: 'reference is not compared in checkLiveness; call compareFaces with referenceImage',
    });
  const frames = await analyseFrames(local, ctx, request.media.frames, challenge.steps.includes('blink'));
  const steps = matchChallengeSteps(
    challenge,
    frames.map((f) => f.evidence),
  );
  for (const action of steps.unsupported)
    warnings.push({
      type: 'other',
      message: `the local engine cannot judge ${action} (pitch is not measured reliably)`,
    });

  // Identity continuity: every completed step frame (and the last frame with a face) against the reference frame.
  let identityDistance: number | null = null;
  const ref = steps.referenceIndex === null ? undefined : frames[steps.referenceIndex];
  if (ref?.face) {
    const refFace = ref.face;
    const reference = checkDescriptor(
      await engineStep(local, ctx, 'checkLiveness', () => local.engine.describeAt(ref.image, refFace.landmarks)),
    );
    const lastWithFace = [...frames.keys()].reverse().find((i) => frames[i]?.face);
    const indices = new Set(steps.steps.flatMap((s) => (s.frameIndex === null ? [] : [s.frameIndex])));
    if (lastWithFace !== undefined) indices.add(lastWithFace);
    indices.delete(steps.referenceIndex as number);
    identityDistance = 0;
    for (const i of indices) {
      const f = frames[i];
      if (!f?.face) continue;
      const face = f.face;
      const d = checkDescriptor(
        await engineStep(local, ctx, 'checkLiveness', () => local.engine.describeAt(f.image, face.landmarks)),
      );
      identityDistance = Math.max(identityDistance, euclidean(reference, d));
    }
  }

  const best = bestFrame(frames) ?? (ref?.face ? ref : undefined);
  let passive: { real: number | null; live: number | null } = { real: null, live: null };
  if (best) {
    const mesh = await engineStep(local, ctx, 'checkLiveness', () => local.engine.meshFaces(best.image, true));
    passive = { real: mesh[0]?.real ?? null, live: mesh[0]?.live ?? null };
  }
  const decision = decideLiveness(steps, {
    identityDistance,
    passiveReal: passive.real,
    expired: local.now() > Date.parse(challenge.expiresAt),
  });
  const reasons = [...decision.reasons];
  if (decision.verdict === 'live' && !best) reasons.push('no_reference_image');
  return {
    verdict: decision.verdict,
    confidence: decision.confidence,
    reasons,
    challenge: {
      nonce: challenge.nonce,
      steps: steps.steps.map((s) => ({ action: s.action, completed: s.completed, atMs: s.atMs })),
      passed: steps.steps.every((s) => s.completed),
    },
    ...(best?.face
      ? {
          referenceImage: {
            data: new Uint8Array(best.frame.image.data),
            mediaType: best.frame.image.mediaType,
            boundingBox: relativeBox(best.face.box, best.image),
          },
        }
      : {}),
    raw: toRawResponse({
      engine: 'local',
      frames: frames.length,
      steps: steps.steps.map((s) => ({
        action: s.action,
        completed: s.completed,
        atMs: s.atMs,
        margin: round(s.strength),
      })),
      maxHomographyResidual: round(steps.maxResidual),
      planarTurnSeen: steps.planarTurnSeen,
      identityDistance: round(identityDistance),
      passive: { antispoofReal: round(passive.real), liveness: round(passive.live) },
      referenceFrame: best ? frames.indexOf(best) : null,
    }),
    warnings,
  };
}
