import type { Challenge, ChallengeAction, ReasonCode } from '@facegate/core';
import { at, distance, interOcular68, type Point2 } from './geometry';
import { planarResidual } from './planar-residual';

/** What the engine saw on one frame of a challenge, reduced to what the rules need. */
export interface FrameEvidence {
  /** Capture time, ms since the challenge was shown. */
  atMs: number;
  /** Faces the detector counted, or null on a tracked frame (not counted). */
  faceCount: number | null;
  /** 68 landmarks of the main face, or null when none was found. */
  landmarks: Point2[] | null;
  /** Head yaw/roll in degrees (raw frame: yaw > 0 = the user's left), null without a face. */
  yaw: number | null;
  roll: number | null;
  /** Mesh eye aspect ratio, null when not measured. */
  eyeOpenness: number | null;
}

/** Thresholds of the challenge rules (defaults from the prototype's measurements, see the docs page). */
export interface ChallengeThresholds {
  /** |yaw| below this (and |roll| below `maxFrontalRoll`) counts as looking straight. */
  maxFrontalYaw: number;
  maxFrontalRoll: number;
  /** A turn: |yaw| at least this, in the asked direction … */
  minTurnYaw: number;
  /** … and at least this far from the frontal reference frame … */
  minTurnDelta: number;
  /** … and landmark parallax (homography residual vs the reference, inter-ocular units) at least this. */
  minTurnResidual: number;
  /** A blink: mesh eye openness at most this fraction of the reference frame's … */
  maxBlinkRatio: number;
  /** … followed by a frame back above this fraction. */
  minReopenRatio: number;
  /** During a blink the face's height/width ratio must stay within this fraction of the reference (tilted prints squash it). */
  maxBlinkShapeChange: number;
}

/** Defaults; see the docs page for the measurements behind them. */
export const CHALLENGE_DEFAULTS: ChallengeThresholds = {
  maxFrontalYaw: 12,
  maxFrontalRoll: 15,
  minTurnYaw: 25,
  minTurnDelta: 20,
  minTurnResidual: 0.045,
  maxBlinkRatio: 0.7,
  minReopenRatio: 0.85,
  maxBlinkShapeChange: 0.12,
};

/** How one step went and the evidence margin behind it. */
export interface StepResult {
  action: ChallengeAction;
  completed: boolean;
  atMs: number | null;
  /** Index of the frame that completed the step. */
  frameIndex: number | null;
  /** 0..1, 0.5 at the threshold of the weakest rule of this step; null when not completed. */
  strength: number | null;
}

/** The outcome of matching frames against the challenge steps. */
export interface StepsOutcome {
  steps: StepResult[];
  /** Frame used as the frontal reference (the `look_straight` frame), or null. */
  referenceIndex: number | null;
  /** A turn angle was reached but the face moved like a flat picture (no parallax). */
  planarTurnSeen: boolean;
  /** Largest homography residual of any frame against the reference. */
  maxResidual: number;
  reasons: ReasonCode[];
  /** Actions this engine cannot judge (pitch is not measured reliably). */
  unsupported: ChallengeAction[];
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Face height (eye midpoint to chin) over inter-ocular distance. */
function faceShape(lm: readonly Point2[]): number {
  const eyes = interOcular68(lm);
  const mid: Point2 = [(at(lm, 36)[0] + at(lm, 45)[0]) / 2, (at(lm, 36)[1] + at(lm, 45)[1]) / 2];
  return distance(mid, at(lm, 8)) / eyes;
}

interface Ref {
  index: number;
  lm: Point2[];
  yaw: number;
  ear: number | null;
  shape: number;
}

type Hit = { index: number; strength: number; nextCursor: number } | null;

function findFrontal(frames: FrameEvidence[], from: number, deadline: number, t: ChallengeThresholds): Hit {
  for (let i = from; i < frames.length; i++) {
    const f = at(frames, i);
    if (f.atMs > deadline) break;
    if (!f.landmarks || f.yaw === null || f.roll === null || (f.faceCount !== null && f.faceCount !== 1)) continue;
    if (Math.abs(f.yaw) < t.maxFrontalYaw && Math.abs(f.roll) < t.maxFrontalRoll)
      return { index: i, strength: logistic((t.maxFrontalYaw - Math.abs(f.yaw)) / 3), nextCursor: i + 1 };
  }
  return null;
}

function findTurn(
  frames: FrameEvidence[],
  from: number,
  deadline: number,
  sign: 1 | -1,
  ref: Ref,
  t: ChallengeThresholds,
  onPlanar: () => void,
): Hit {
  for (let i = from; i < frames.length; i++) {
    const f = at(frames, i);
    if (f.atMs > deadline) break;
    if (!f.landmarks || f.yaw === null) continue;
    const yaw = sign * f.yaw;
    const delta = yaw - sign * ref.yaw;
    if (yaw < t.minTurnYaw || delta < t.minTurnDelta) continue;
    const residual = planarResidual(ref.lm, f.landmarks).homography;
    if (!(residual >= t.minTurnResidual)) {
      onPlanar();
      continue;
    }
    const strength = Math.min(logistic((residual - t.minTurnResidual) / 0.01), logistic((delta - t.minTurnDelta) / 5));
    return { index: i, strength, nextCursor: i + 1 };
  }
  return null;
}

function findBlink(frames: FrameEvidence[], from: number, deadline: number, ref: Ref, t: ChallengeThresholds): Hit {
  if (ref.ear === null || !(ref.ear > 0)) return null;
  for (let i = from; i < frames.length; i++) {
    const f = at(frames, i);
    if (f.atMs > deadline) break;
    if (!f.landmarks || f.eyeOpenness === null || f.yaw === null || Math.abs(f.yaw) > 20) continue;
    const ratio = f.eyeOpenness / ref.ear;
    if (ratio > t.maxBlinkRatio) continue;
    if (Math.abs(faceShape(f.landmarks) / ref.shape - 1) > t.maxBlinkShapeChange) continue;
    for (let j = i + 1; j < frames.length; j++) {
      const g = at(frames, j);
      if (g.atMs > deadline) break;
      if (g.eyeOpenness !== null && g.eyeOpenness / ref.ear >= t.minReopenRatio)
        return { index: i, strength: logistic((t.maxBlinkRatio - ratio) / 0.05), nextCursor: j + 1 };
    }
  }
  return null;
}

/**
 * Match a frame sequence against the challenge: each step must be seen after
 * the previous one and within `stepTimeoutMs` of it, the whole within the
 * challenge's total time. `look_straight` fixes the frontal reference frame;
 * turns need the yaw angle AND 3-D parallax against that frame (a flat picture
 * turned or tilted has none); a blink needs the mesh eyelids to close and
 * reopen while the face keeps its shape. Pure: no models, no clock.
 */
export function matchChallengeSteps(
  challenge: Pick<Challenge, 'steps' | 'stepTimeoutMs'>,
  frames: FrameEvidence[],
  t: ChallengeThresholds = CHALLENGE_DEFAULTS,
): StepsOutcome {
  const steps: StepResult[] = [];
  const unsupported: ChallengeAction[] = [];
  const reasons: ReasonCode[] = [];
  let ref: Ref | null = null;
  let cursor = 0;
  let stepStart = 0;
  let planarTurnSeen = false;
  let failed = false;
  for (const action of challenge.steps) {
    if (failed) {
      steps.push({ action, completed: false, atMs: null, frameIndex: null, strength: null });
      continue;
    }
    const deadline = stepStart + challenge.stepTimeoutMs;
    let hit: Hit = null;
    if (action === 'look_straight') hit = findFrontal(frames, cursor, deadline, t);
    else if (action === 'look_up' || action === 'look_down') unsupported.push(action);
    else if (ref && (action === 'turn_left' || action === 'turn_right'))
      hit = findTurn(frames, cursor, deadline, action === 'turn_left' ? 1 : -1, ref, t, () => {
        planarTurnSeen = true;
      });
    else if (ref && action === 'blink') hit = findBlink(frames, cursor, deadline, ref, t);
    if (!hit) {
      failed = true;
      steps.push({ action, completed: false, atMs: null, frameIndex: null, strength: null });
      const last = frames[frames.length - 1];
      if (unsupported.length > 0) reasons.push('liveness_inconclusive');
      else if (!ref && action !== 'look_straight') reasons.push('challenge_incomplete');
      else reasons.push(last && last.atMs > deadline ? 'challenge_timeout' : 'challenge_incomplete');
      continue;
    }
    const frame = at(frames, hit.index);
    if (action === 'look_straight' && !ref && frame.landmarks && frame.yaw !== null)
      ref = {
        index: hit.index,
        lm: frame.landmarks,
        yaw: frame.yaw,
        ear: frame.eyeOpenness,
        shape: faceShape(frame.landmarks),
      };
    steps.push({ action, completed: true, atMs: frame.atMs, frameIndex: hit.index, strength: hit.strength });
    cursor = hit.nextCursor;
    stepStart = frame.atMs;
  }
  let maxResidual = 0;
  if (ref) {
    const reference = ref.lm;
    for (const f of frames)
      if (f.landmarks) maxResidual = Math.max(maxResidual, planarResidual(reference, f.landmarks).homography || 0);
  }
  if (frames.some((f) => f.faceCount !== null && f.faceCount > 1)) reasons.push('multiple_faces');
  if (planarTurnSeen && steps.some((s) => !s.completed && (s.action === 'turn_left' || s.action === 'turn_right')))
    reasons.push('replay_suspected');
  return { steps, referenceIndex: ref?.index ?? null, planarTurnSeen, maxResidual, reasons, unsupported };
}
