import {
  type Challenge,
  type ChallengeAction,
  PROMPT_LATE_MS,
  PROMPT_REACTION_MS,
  type ReasonCode,
} from '@facegate/core';
import { BLINK_DEFAULTS, type BlinkThresholds, findBlink as findBlinkSample } from './blink-rule';
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
  /** Mean open-eye probability of the two eyes (eye-state model), null when not measured. */
  eyeOpen: number | null;
}

/** Thresholds of the challenge rules (defaults from the prototype's measurements, see the docs page). */
export interface ChallengeThresholds {
  /** |yaw| below this (and |roll| below `maxFrontalRoll`) counts as looking straight. */
  maxFrontalYaw: number;
  maxFrontalRoll: number;
  /** A turn: yaw at least this in the asked direction (so a turn ends up facing away from the camera) … */
  minTurnYaw: number;
  /** … and at least this far from the person's own frontal reference frame … */
  minTurnDelta: number;
  /** … and landmark parallax (homography residual vs the reference, inter-ocular units) at least this. */
  minTurnResidual: number;
  /** The blink rule (eye state against the person's own open-eye baseline). */
  blink: BlinkThresholds;
  /** During a blink the face's height/width ratio must stay within this fraction of the reference (tilted prints squash it). */
  maxBlinkShapeChange: number;
  /** A turn at least this far (degrees from the reference) without parallax is a flat picture (`replay_suspected`). */
  minPlanarEvidenceDelta: number;
  /** A failed turn that still moved this far (degrees) the asked way is reported as `turn_too_small`. */
  minTurnAttempt: number;
  /** Of the run of frontal frames starting at the first one, at most this long, the most frontal is the reference. */
  referenceWindowMs: number;
}

/** Defaults; see the docs page for the measurements behind them. */
export const CHALLENGE_DEFAULTS: ChallengeThresholds = {
  maxFrontalYaw: 15,
  maxFrontalRoll: 15,
  minTurnYaw: 15,
  minTurnDelta: 20,
  minTurnResidual: 0.045,
  blink: BLINK_DEFAULTS,
  maxBlinkShapeChange: 0.12,
  minPlanarEvidenceDelta: 25,
  minTurnAttempt: 8,
  referenceWindowMs: 300,
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
  shape: number;
}

type Hit = { index: number; strength: number; nextCursor: number } | null;

function isFrontal(f: FrameEvidence, t: ChallengeThresholds): boolean {
  if (!f.landmarks || f.yaw === null || f.roll === null || (f.faceCount !== null && f.faceCount !== 1)) return false;
  return Math.abs(f.yaw) < t.maxFrontalYaw && Math.abs(f.roll) < t.maxFrontalRoll;
}

/**
 * The first frontal frame, or the most frontal of the unbroken run of frontal
 * frames it starts (at most `referenceWindowMs` long): a steadier reference
 * that never reaches past the person's next movement.
 */
function findFrontal(frames: FrameEvidence[], from: number, deadline: number, t: ChallengeThresholds): Hit {
  let best = -1;
  let first = -1;
  for (let i = from; i < frames.length; i++) {
    const f = at(frames, i);
    if (f.atMs > deadline) break;
    if (first >= 0 && f.atMs - at(frames, first).atMs > t.referenceWindowMs) break;
    if (!isFrontal(f, t)) {
      if (first >= 0) break;
      continue;
    }
    if (first < 0) first = i;
    if (best < 0 || Math.abs(f.yaw ?? 0) < Math.abs(at(frames, best).yaw ?? 0)) best = i;
  }
  if (best < 0) return null;
  const yaw = Math.abs(at(frames, best).yaw ?? 0);
  return { index: best, strength: logistic((t.maxFrontalYaw - yaw) / 3), nextCursor: best + 1 };
}

function findTurn(
  frames: FrameEvidence[],
  from: number,
  deadline: number,
  sign: 1 | -1,
  ref: Ref,
  t: ChallengeThresholds,
  onPlanar: () => void,
  onAttempt: (delta: number) => void,
): Hit {
  for (let i = from; i < frames.length; i++) {
    const f = at(frames, i);
    if (f.atMs > deadline) break;
    if (!f.landmarks || f.yaw === null) continue;
    const yaw = sign * f.yaw;
    const delta = yaw - sign * ref.yaw;
    onAttempt(delta);
    if (yaw < t.minTurnYaw || delta < t.minTurnDelta) continue;
    const residual = planarResidual(ref.lm, f.landmarks).homography;
    if (!(residual >= t.minTurnResidual)) {
      // Only a clear turn without parallax speaks of a flat picture; a small one may just be too small to show it.
      if (delta >= t.minPlanarEvidenceDelta) onPlanar();
      continue;
    }
    return peakOfTurn(frames, i, deadline, sign, ref, t);
  }
  return null;
}

function turnStrength(
  frames: FrameEvidence[],
  i: number,
  sign: 1 | -1,
  ref: Ref,
  t: ChallengeThresholds,
): number | null {
  const f = at(frames, i);
  if (!f.landmarks || f.yaw === null) return null;
  const yaw = sign * f.yaw;
  const delta = yaw - sign * ref.yaw;
  if (yaw < t.minTurnYaw || delta < t.minTurnDelta) return null;
  const residual = planarResidual(ref.lm, f.landmarks).homography;
  if (!(residual >= t.minTurnResidual)) return null;
  return Math.min(logistic((residual - t.minTurnResidual) / 0.01), logistic((delta - t.minTurnDelta) / 5));
}

/**
 * The turn hit at `first`, scored by the strongest frame of the unbroken run
 * of turned frames that starts there: the turn's margin is its peak, not the
 * frame that first crossed the line (which depends on when the camera
 * happened to sample it). The step stays at `first`: identity and anti-spoof
 * checks look at the step's frame, and a face turned further than the step
 * needs is a harder one for them.
 */
function peakOfTurn(
  frames: FrameEvidence[],
  first: number,
  deadline: number,
  sign: 1 | -1,
  ref: Ref,
  t: ChallengeThresholds,
): Hit {
  let peak = turnStrength(frames, first, sign, ref, t) ?? 0;
  for (let i = first + 1; i < frames.length && at(frames, i).atMs <= deadline; i++) {
    const strength = turnStrength(frames, i, sign, ref, t);
    if (strength === null) break;
    peak = Math.max(peak, strength);
  }
  return { index: first, strength: peak, nextCursor: first + 1 };
}

function findBlink(
  frames: FrameEvidence[],
  from: number,
  deadline: number,
  ref: Ref,
  t: ChallengeThresholds,
  onJudged: () => void,
): Hit {
  const samples = frames.map((f) => ({
    atMs: f.atMs,
    eyeOpen: f.landmarks ? f.eyeOpen : null,
    absYaw: f.yaw === null ? null : Math.abs(f.yaw),
  }));
  if (samples.slice(from).some((s) => s.eyeOpen !== null)) onJudged();
  // The face keeps its shape through a blink; a print tilted back squashes it and its eyes with it.
  const keepsShape = (i: number) => {
    const lm = at(frames, i).landmarks;
    return !!lm && Math.abs(faceShape(lm) / ref.shape - 1) <= t.maxBlinkShapeChange;
  };
  const hit = findBlinkSample(samples, from, deadline, ref.index, t.blink, keepsShape);
  if (!hit) return null;
  return {
    index: hit.closedIndex,
    strength: logistic((t.blink.maxClosedRatio - hit.ratio) / 0.1),
    nextCursor: hit.reopenIndex + 1,
  };
}

/** No movement at all against the reference: pose, landmarks and eyes all as still as a photo's. */
function isStill(frames: FrameEvidence[], ref: Ref): boolean {
  let eyeMin = Number.POSITIVE_INFINITY;
  let eyeMax = Number.NEGATIVE_INFINITY;
  for (const f of frames) {
    if (!f.landmarks || f.yaw === null) continue;
    if (Math.abs(f.yaw - ref.yaw) > 6) return false;
    if (planarResidual(ref.lm, f.landmarks).similarity > 0.02) return false;
    if (f.eyeOpen !== null) {
      eyeMin = Math.min(eyeMin, f.eyeOpen);
      eyeMax = Math.max(eyeMax, f.eyeOpen);
    }
  }
  return !(eyeMax - eyeMin > 0.3);
}

/**
 * A scheduled step's window: from its prompt plus a reaction time to the next
 * prompt (or the end) plus a little lateness. Without a schedule: no bounds.
 */
function stepWindow(challenge: Pick<Challenge, 'schedule'>, index: number): { from: number; to: number } {
  const s = challenge.schedule;
  if (!s) return { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY };
  const prompt = s.promptsAtMs[index] ?? 0;
  const next = s.promptsAtMs[index + 1] ?? s.endMs;
  return { from: index === 0 ? prompt : prompt + PROMPT_REACTION_MS, to: next + PROMPT_LATE_MS };
}

/**
 * Match a frame sequence against the challenge: each step must be seen after
 * the previous one and within `stepTimeoutMs` of it, the whole within the
 * challenge's total time; with a schedule, each step only within its own
 * prompt's window (frames recorded for other prompt times do not line up). `look_straight` fixes the frontal reference frame;
 * turns need the yaw angle AND 3-D parallax against that frame (a flat picture
 * turned or tilted has none); a blink needs the eye-state model to see the
 * eyes closed and open again against the person's own open-eye baseline while
 * the face keeps its shape. A failed step says why in words a person can act
 * on (`face_still`, `blink_not_seen`, `turn_too_small`). Pure: no models, no clock.
 */
export function matchChallengeSteps(
  challenge: Pick<Challenge, 'steps' | 'stepTimeoutMs' | 'schedule'>,
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
  let turnAttempt = 0;
  let eyesJudged = false;
  for (const [stepIndex, action] of challenge.steps.entries()) {
    if (failed) {
      steps.push({ action, completed: false, atMs: null, frameIndex: null, strength: null });
      continue;
    }
    const window = stepWindow(challenge, stepIndex);
    const deadline = Math.min(stepStart + challenge.stepTimeoutMs, window.to);
    while (cursor < frames.length && at(frames, cursor).atMs < window.from) cursor++;
    let hit: Hit = null;
    if (action === 'look_straight') hit = findFrontal(frames, cursor, deadline, t);
    else if (action === 'look_up' || action === 'look_down') unsupported.push(action);
    else if (ref && (action === 'turn_left' || action === 'turn_right'))
      hit = findTurn(
        frames,
        cursor,
        deadline,
        action === 'turn_left' ? 1 : -1,
        ref,
        t,
        () => {
          planarTurnSeen = true;
        },
        (delta) => {
          turnAttempt = Math.max(turnAttempt, delta);
        },
      );
    else if (ref && action === 'blink')
      hit = findBlink(frames, cursor, deadline, ref, t, () => {
        eyesJudged = true;
      });
    if (!hit) {
      failed = true;
      steps.push({ action, completed: false, atMs: null, frameIndex: null, strength: null });
      const last = frames[frames.length - 1];
      if (unsupported.length > 0) reasons.push('liveness_inconclusive');
      else if (!ref) reasons.push('challenge_incomplete');
      else if (isStill(frames.slice(ref.index), ref)) reasons.push('face_still');
      // With a schedule the frames always run past a step's window: the step-specific reason says more.
      else if (!challenge.schedule && last && last.atMs > deadline) reasons.push('challenge_timeout');
      else if (action === 'blink' && eyesJudged) reasons.push('blink_not_seen');
      else if (
        (action === 'turn_left' || action === 'turn_right') &&
        !planarTurnSeen &&
        turnAttempt >= t.minTurnAttempt
      )
        reasons.push('turn_too_small');
      else reasons.push('challenge_incomplete');
      continue;
    }
    const frame = at(frames, hit.index);
    turnAttempt = 0;
    if (action === 'look_straight' && !ref && frame.landmarks && frame.yaw !== null)
      ref = {
        index: hit.index,
        lm: frame.landmarks,
        yaw: frame.yaw,
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
