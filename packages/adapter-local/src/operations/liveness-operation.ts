import { availableParallelism } from 'node:os';
import { type Challenge, FacegateError, type ValidatedMedia, type Warning } from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import type { CallContext, Frame, LivenessObservation, MediaLivenessRequest } from '@facegate/core/spec';
import { type FrameEvidence, matchChallengeSteps } from '../analysis/challenge-steps';
import { measureFace, qualityReasons } from '../analysis/frame-quality';
import type { HeadPose } from '../analysis/head-pose';
import { continuityDistance } from '../analysis/identity-continuity';
import { decideLiveness } from '../analysis/liveness-decision';
import type { RgbImage } from '../engine/decode-image';
import type { EngineFace, EngineFrame } from '../engine/face-engine';
import { LOCAL_PROVIDER_ID } from '../local-errors';
import { checkDescriptor, checkFace, decode, engineStep, type LocalContext } from './local-context';
import { countedFaces } from './match-operation';
import { facePose, relativeBox } from './quality-operation';

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

/** Decode and analyse one frame: every per-frame model (detector, landmarks, pose, eye state, anti-spoof). */
async function analyseFrame(
  local: LocalContext,
  ctx: CallContext,
  frame: Frame<ValidatedMedia>,
): Promise<AnalysedFrame> {
  const image = await decode(local, ctx, 'checkLiveness', frame.image);
  const result: EngineFrame = await engineStep(local, ctx, 'checkLiveness', (signal) =>
    local.engine.analyzeFrame(image, { antiSpoof: true, signal }),
  );
  const faces: EngineFace[] = result.faces.map(checkFace);
  const face = faces[0] ?? null;
  const pose: HeadPose | null = face ? facePose(face) : null;
  const count = countedFaces(faces);
  const m = face ? measureFace(image, face.box) : null;
  const reasons = qualityReasons(count, m, pose);
  return {
    frame,
    image,
    face,
    sharpness: m?.sharpness ?? 0,
    clean: reasons.length === 0,
    evidence: {
      atMs: frame.capturedAtMs,
      faceCount: count,
      landmarks: face ? [...face.landmarks] : null,
      yaw: pose?.yaw ?? null,
      roll: pose?.roll ?? null,
      // Mean open-eye probability of the two eyes (the eye-state model), compared with the reference frame's.
      eyeOpenness: face?.eyes ? (face.eyes.left + face.eyes.right) / 2 : null,
    },
  };
}

/** Frames of one check in flight at once: enough to keep a worker per core busy, few enough not to fill the queue. */
const FRAME_CONCURRENCY = Math.min(4, availableParallelism());

/** All frames, analysed a few at a time (the engine's worker pool runs them in parallel), in order. */
async function analyseFrames(
  local: LocalContext,
  ctx: CallContext,
  frames: Frame<ValidatedMedia>[],
): Promise<AnalysedFrame[]> {
  const out: AnalysedFrame[] = new Array(frames.length);
  let next = 0;
  const lane = async () => {
    while (next < frames.length) {
      const i = next++;
      out[i] = await analyseFrame(local, ctx, frames[i] as Frame<ValidatedMedia>);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FRAME_CONCURRENCY, frames.length) }, lane));
  return out;
}

/** The sharpest clean frontal frame, for matching against an ID document. */
function bestFrame(frames: AnalysedFrame[]): AnalysedFrame | undefined {
  return frames
    .filter((f) => f.clean && f.face && f.evidence.yaw !== null && Math.abs(f.evidence.yaw) < 12)
    .sort((a, b) => b.sharpness - a.sharpness)[0];
}

/**
 * Identity continuity, as the largest embedding distance found (null without a reference frame).
 *
 * Every frame with a face from the reference on is compared with the previous
 * such frame, and every near-frontal one also with the reference itself. A
 * person swapped in shows as one large step. A turn of the same person does
 * not: neighbouring frames are 100–250 ms apart and nearly the same pose,
 * whereas a frontal-to-turned comparison at webcam quality can exceed the 1:1
 * threshold (0.67 measured on a real recording at JPEG quality 1).
 */
async function identityContinuity(
  local: LocalContext,
  ctx: CallContext,
  frames: AnalysedFrame[],
  referenceIndex: number | null,
): Promise<number | null> {
  if (referenceIndex === null || !frames[referenceIndex]?.face) return null;
  const chain = [...frames.keys()].filter((i) => i >= referenceIndex && frames[i]?.face);
  const length = local.engine.embeddingLength;
  const descriptors: Float32Array[] = new Array(chain.length);
  let next = 0;
  const lane = async () => {
    while (next < chain.length) {
      const k = next++;
      const f = frames[chain[k] as number] as AnalysedFrame;
      const face = f.face as EngineFace;
      descriptors[k] = checkDescriptor(
        await engineStep(local, ctx, 'checkLiveness', (signal) =>
          local.engine.describeAt(f.image, face.landmarks5, { signal }),
        ),
        length,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(FRAME_CONCURRENCY, chain.length) }, lane));
  return continuityDistance(
    descriptors,
    chain.map((i) => frames[i]?.evidence.yaw ?? null),
  );
}

const round = (v: number | null, d = 3) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

/**
 * Active liveness over frames answering a challenge, with the MiniFASNet passive
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
  const frames = await analyseFrames(local, ctx, request.media.frames);
  const steps = matchChallengeSteps(
    challenge,
    frames.map((f) => f.evidence),
  );
  for (const action of steps.unsupported)
    warnings.push({
      type: 'other',
      message: `the local engine cannot judge ${action} (pitch is not measured reliably)`,
    });

  const ref = steps.referenceIndex === null ? undefined : frames[steps.referenceIndex];
  const identityDistance = await identityContinuity(local, ctx, frames, steps.referenceIndex);
  const best = bestFrame(frames) ?? (ref?.face ? ref : undefined);
  // Passive anti-spoof (MiniFASNet) of the reference frame's face, computed with the frame.
  const passive = { real: best?.face?.antiSpoof?.real ?? null };
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
      passive: { antispoofReal: round(passive.real) },
      referenceFrame: best ? frames.indexOf(best) : null,
    }),
    warnings,
  };
}
