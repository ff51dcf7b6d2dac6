import { availableParallelism } from 'node:os';
import { type Challenge, FacegateError, type ValidatedMedia, type Warning } from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import type { CallContext, Frame, LivenessObservation, MediaLivenessRequest } from '@facegate/core/spec';
import { judgeAntiSpoof } from '../analysis/anti-spoof-rule';
import { type FrameEvidence, matchChallengeSteps } from '../analysis/challenge-steps';
import { type FaceLight, measureFaceLight } from '../analysis/face-light';
import { measureFace, qualityReasons } from '../analysis/frame-quality';
import { judgeFrozen } from '../analysis/frozen-frames';
import type { HeadPose } from '../analysis/head-pose';
import { judgeLight } from '../analysis/light-rule';
import { decideLiveness } from '../analysis/liveness-decision';
import { descriptorDistance } from '../analysis/similarity';
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
  /** Face and background colour for the light rule, null without a face. */
  light: FaceLight | null;
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
    light: face ? measureFaceLight(image, face.box) : null,
    sharpness: m?.sharpness ?? 0,
    clean: reasons.length === 0,
    evidence: {
      atMs: frame.capturedAtMs,
      faceCount: count,
      landmarks: face ? [...face.landmarks] : null,
      yaw: pose?.yaw ?? null,
      roll: pose?.roll ?? null,
      // Mean open-eye probability of the two eyes (the eye-state model), judged against the person's own baseline.
      eyeOpen: face?.eyes ? (face.eyes.left + face.eyes.right) / 2 : null,
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

const round = (v: number | null, d = 3) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

/**
 * Active liveness over frames answering a challenge, with the MiniFASNet passive
 * scores on the frontal frames as a required signal. See the docs page for every rule.
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

  // Identity continuity: every completed step frame (and the last frame with a face) against the reference frame.
  let identityDistance: number | null = null;
  const ref = steps.referenceIndex === null ? undefined : frames[steps.referenceIndex];
  if (ref?.face) {
    const refFace = ref.face;
    const length = local.engine.embeddingLength;
    const reference = checkDescriptor(
      await engineStep(local, ctx, 'checkLiveness', (signal) =>
        local.engine.describeAt(ref.image, refFace.landmarks5, { signal }),
      ),
      length,
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
        await engineStep(local, ctx, 'checkLiveness', (signal) =>
          local.engine.describeAt(f.image, face.landmarks5, { signal }),
        ),
        length,
      );
      identityDistance = Math.max(identityDistance, descriptorDistance(reference, d));
    }
  }

  const best = bestFrame(frames) ?? (ref?.face ? ref : undefined);
  // Passive anti-spoof (MiniFASNet, computed with each frame): the median over the frontal single-face frames.
  const antiSpoof = judgeAntiSpoof(
    frames.map((f) => ({
      real: f.face?.antiSpoof?.real ?? null,
      absYaw: f.evidence.yaw === null ? null : Math.abs(f.evidence.yaw),
      singleFace: f.evidence.faceCount === 1,
    })),
  );
  // Bound challenges: the colours shown must be reflected; every challenge: the same picture must not repeat.
  const light = challenge.light
    ? judgeLight(
        frames.map((f) => ({ atMs: f.evidence.atMs, light: f.light })),
        challenge.light,
      )
    : null;
  const frozen = judgeFrozen(frames.map((f) => ({ atMs: f.evidence.atMs, image: f.image, box: f.face?.box ?? null })));
  const decision = decideLiveness(steps, {
    identityDistance,
    antiSpoof,
    expired: local.now() > Date.parse(challenge.expiresAt),
    light,
    frozen: frozen.frozen,
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
      passive: { antispoofMedian: round(antiSpoof.median), framesScored: antiSpoof.frames, verdict: antiSpoof.verdict },
      light: light && {
        lagMs: light.lagMs,
        frames: light.frames,
        segments: light.segments,
        correlation: round(light.correlation),
        gain: round(light.gain),
        matched: round(light.matched),
        verdict: light.verdict,
      },
      frozenShare: round(frozen.frozenShare),
      referenceFrame: best ? frames.indexOf(best) : null,
    }),
    warnings,
  };
}
